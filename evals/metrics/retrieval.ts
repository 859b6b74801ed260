// Retrieval metrics over a ranked list of document ids (the contract's doc-level view: the distinct docIds of the
// retrieved passages, in the rank of their best passage). Formulas: evals/README.md. The ranking formulas are the
// BEIR bench's (evals/beir/ir-metrics.ts, pytrec_eval definitions), so an eval report and `bench:retrieval` agree;
// here a query without judgements is undefined (null) rather than 0, because a set may hold unanswerable cases.
import { mrrAt, ndcgAt, recallAt } from '../beir/ir-metrics.js';

/** relevance grade per relevant doc id (binary judgements: every grade is 1) */
export type Relevance = ReadonlyMap<string, number>;

export const binaryRelevance = (docIds: Iterable<string>): Relevance => new Map([...docIds].map((id) => [id, 1]));

/** Distinct ids in first-seen order: passages from one document count once, at their best rank. */
export function rankedDocIds(passages: readonly { docId: string }[]): string[] {
  return [...new Set(passages.map((p) => p.docId))];
}

/** 1 when any relevant document is in the top k, else 0. */
export function hitAtK(ranked: readonly string[], relevant: Relevance, k: number): number {
  return ranked.slice(0, k).some((id) => relevant.has(id)) ? 1 : 0;
}

/** Share of the relevant documents found in the top k; null when nothing is relevant (undefined, not 0). */
export function recallAtK(ranked: readonly string[], relevant: Relevance, k: number): number | null {
  return relevant.size === 0 ? null : recallAt(ranked, relevant, k);
}

/** 1/rank of the first relevant document within the top k (rank 1-based), 0 when none is there. */
export function reciprocalRank(ranked: readonly string[], relevant: Relevance, k = Infinity): number {
  return mrrAt(ranked, relevant, k);
}

/**
 * nDCG@k with linear gains (trec_eval / pytrec_eval, which BEIR uses): DCG = Σ rel_i / log2(i + 1) over ranks
 * i = 1..k, divided by the DCG of the ideal ordering of the judged documents. null when nothing is relevant.
 */
export function ndcgAtK(ranked: readonly string[], relevant: Relevance, k: number): number | null {
  return relevant.size === 0 ? null : ndcgAt(ranked, relevant, k);
}
