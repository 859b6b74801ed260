import { describe, expect, it } from 'vitest';
import { evaluateRankings, mrrAt, ndcgAt, recallAt } from './ir-metrics.js';

const rel = (...ids: string[]) => new Map(ids.map((id) => [id, 1]));

describe('ranking metrics (trec_eval definitions)', () => {
  it('nDCG@k: gain = grade, discount log2(rank + 1), ideal from the judgements', () => {
    expect(ndcgAt(['a', 'b'], rel('a'), 10)).toBe(1);
    // b at rank 2 of two relevant (b, d): (1/log2 3) / (1 + 1/log2 3)
    expect(ndcgAt(['a', 'b', 'c'], rel('b', 'd'), 10)).toBeCloseTo(0.63093 / 1.63093, 5);
    // graded: 2 at rank 2, 1 at rank 1 → (1 + 2/log2 3) / (2 + 1/log2 3)
    const graded = new Map([['x', 2], ['y', 1]]);
    expect(ndcgAt(['y', 'x'], graded, 10)).toBeCloseTo((1 + 2 * 0.63093) / (2 + 0.63093), 5);
    // past the cut-off counts nothing
    expect(ndcgAt(['a', 'b', 'c'], rel('c'), 2)).toBe(0);
  });

  it('recall@k and MRR@k', () => {
    expect(recallAt(['a', 'b', 'c'], rel('b', 'd'), 100)).toBe(0.5);
    expect(recallAt(['a', 'b', 'c'], rel('c'), 2)).toBe(0);
    expect(mrrAt(['a', 'b', 'c'], rel('b', 'c'), 10)).toBe(0.5);
    expect(mrrAt(['a', 'b', 'c'], rel('c'), 2)).toBe(0);
  });

  it('averages over every judged query, an unranked query counting 0', () => {
    const qrels = new Map([['q1', rel('a')], ['q2', rel('z')]]);
    const m = evaluateRankings(new Map([['q1', ['a']]]), qrels);
    expect(m).toEqual({ 'ndcg@10': 0.5, 'recall@100': 0.5, 'mrr@10': 0.5 });
  });
});
