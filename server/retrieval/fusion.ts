// Fusing a lexical and a dense ranking into one. Pure functions over literal scores, so each method can be
// measured side by side (scripts/tune-retrieval.ts) and unit-tested exactly.
import type { Hit } from '../store/types.js';

/**
 * How one list's raw scores become comparable with the other's:
 * - max: score / best score of the list (the best hit gets 1)
 * - min-max: (score − worst) / (best − worst) over the candidate list
 * - z-score: (score − mean) / standard deviation over the candidate list (unbounded)
 * - fixed: score / a denominator given per query, clipped to [0, 1] (BM25 / idealScore, or a cosine as is)
 * - saturate: 1 − exp(−score / denominator): like fixed near 0, but keeps scores above the denominator apart
 * - max-fixed: score / max(best score, denominator): max when the best hit reaches the denominator, fixed when
 *   even the best hit falls short of it (so a weak best match is not promoted to 1)
 */
export type Normalisation = 'max' | 'min-max' | 'z-score' | 'fixed' | 'saturate' | 'max-fixed';

/** Normalised scores of `hits`, in the same order. `denominator` is used by 'fixed' only. */
export function normalise(hits: readonly Hit[], method: Normalisation, denominator = 1): number[] {
  const s = hits.map((h) => h.score);
  if (s.length === 0) return [];
  const best = Math.max(...s);
  const worst = Math.min(...s);
  switch (method) {
    case 'max':
      return s.map((x) => (best > 0 ? x / best : 0));
    case 'min-max':
      return s.map((x) => (best > worst ? (x - worst) / (best - worst) : 1));
    case 'z-score': {
      const mean = s.reduce((a, b) => a + b, 0) / s.length;
      const sd = Math.sqrt(s.reduce((a, b) => a + (b - mean) ** 2, 0) / s.length);
      return s.map((x) => (sd > 0 ? (x - mean) / sd : 0));
    }
    case 'fixed':
      return s.map((x) => (denominator > 0 ? Math.min(1, Math.max(0, x / denominator)) : 0));
    case 'max-fixed': {
      const d = Math.max(best, denominator);
      return s.map((x) => (d > 0 ? Math.max(0, x / d) : 0));
    }
    case 'saturate':
      return s.map((x) => (denominator > 0 ? 1 - Math.exp(-Math.max(0, x) / denominator) : 0));
  }
}

export interface FusedHit {
  index: number;
  score: number;
  /** raw scores of each search, when the chunk was among that search's candidates */
  lexical?: number;
  dense?: number;
}

export interface ConvexOptions {
  /** weight of the dense side in [0, 1]; the lexical side gets 1 − denseWeight */
  denseWeight: number;
  lexicalNorm: Normalisation;
  denseNorm: Normalisation;
  /** denominators for 'fixed', 'saturate' and 'max-fixed' normalisation */
  lexicalDenominator?: number;
  denseDenominator?: number;
  /**
   * Candidates asked of each search. A list that came back this long was cut off, so a chunk missing from it
   * may still score up to the list's lowest value, and gets that value; without it (or from a shorter list,
   * which holds every match) a missing chunk gets 0.
   */
  depth?: number;
}

/**
 * Convex combination of normalised scores: w·dense + (1 − w)·lexical; a chunk missing from one list gets that
 * list's missing value (see ConvexOptions.depth; never above 0 for z-scores). Sorted best first; ties keep the
 * lower chunk index first.
 */
export function convexFusion(lexical: readonly Hit[], dense: readonly Hit[], o: ConvexOptions): FusedHit[] {
  const lex = normalise(lexical, o.lexicalNorm, o.lexicalDenominator);
  const den = normalise(dense, o.denseNorm, o.denseDenominator);
  const missing = (xs: number[], norm: Normalisation) => {
    const lowest = xs.reduce((a, b) => Math.min(a, b), Infinity);
    if (o.depth !== undefined && xs.length >= o.depth) return lowest;
    return norm === 'z-score' && xs.length ? Math.min(0, lowest) : 0;
  };
  const lexMissing = missing(lex, o.lexicalNorm);
  const denMissing = missing(den, o.denseNorm);
  const byIndex = new Map<number, { lexical?: number; dense?: number; ln: number; dn: number }>();
  lexical.forEach((h, i) => byIndex.set(h.index, { lexical: h.score, ln: lex[i], dn: denMissing }));
  dense.forEach((h, i) => {
    const e = byIndex.get(h.index);
    if (e) Object.assign(e, { dense: h.score, dn: den[i] });
    else byIndex.set(h.index, { dense: h.score, ln: lexMissing, dn: den[i] });
  });
  const w = o.denseWeight;
  return sortFused(
    [...byIndex].map(([index, e]) => ({
      index,
      score: w * e.dn + (1 - w) * e.ln,
      ...(e.lexical !== undefined ? { lexical: e.lexical } : {}),
      ...(e.dense !== undefined ? { dense: e.dense } : {}),
    })),
  );
}

/** Reciprocal-rank fusion (Cormack et al. 2009): Σ 1 / (k + rank), rank from 1. */
export function reciprocalRankFusion(lexical: readonly Hit[], dense: readonly Hit[], k = 60): FusedHit[] {
  const byIndex = new Map<number, FusedHit>();
  const add = (hits: readonly Hit[], side: 'lexical' | 'dense') =>
    hits.forEach((h, rank) => {
      const e = byIndex.get(h.index) ?? { index: h.index, score: 0 };
      e.score += 1 / (k + rank + 1);
      e[side] = h.score;
      byIndex.set(h.index, e);
    });
  add(lexical, 'lexical');
  add(dense, 'dense');
  return sortFused([...byIndex.values()]);
}

export const sortFused = (hits: FusedHit[]): FusedHit[] => hits.sort((a, b) => b.score - a.score || a.index - b.index);
