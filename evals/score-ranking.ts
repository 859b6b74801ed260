// One BEIR query's ranking → its row in the eval report: the contract's retrieval metrics plus the BEIR ones
// (recall@100, MRR@10), with graded relevance from the qrels.
import { hitAtK, ndcgAtK, recallAtK, reciprocalRank } from './metrics/retrieval.js';
import type { CaseResult } from './report/types.js';

/** Ranked ids kept per case in report.json (metrics use the whole ranking): the report stays small enough to open. */
export const KEPT_IN_REPORT = 20;

export function scoreRanking(id: string, question: string, ranked: string[], relevant: ReadonlyMap<string, number>, latencyMs: number): CaseResult {
  const expected = [...relevant.keys()];
  return {
    id,
    line: null,
    category: null,
    question,
    history: [],
    answerable: true,
    expectedSources: expected,
    expectedFacts: [],
    answer: null,
    abstained: null,
    rewrittenQuery: null,
    citations: [],
    retrieved: ranked.slice(0, KEPT_IN_REPORT),
    metrics: {
      'hit@1': hitAtK(ranked, relevant, 1),
      'hit@5': hitAtK(ranked, relevant, 5),
      'recall@5': recallAtK(ranked, relevant, 5),
      mrr: reciprocalRank(ranked, relevant),
      'ndcg@10': ndcgAtK(ranked, relevant, 10),
      'recall@100': recallAtK(ranked, relevant, 100),
      'mrr@10': reciprocalRank(ranked, relevant, 10),
      factRecall: null,
      citationPrecision: null,
      citationRecall: null,
      abstentionAccuracy: null,
      falseAbstentionRate: null,
    },
    missing: { facts: [], sources: expected.filter((d) => !ranked.slice(0, 10).includes(d)), abstention: null, unsupportedSentences: [] },
    latencyMs: Math.round(latencyMs),
    warnings: [],
  };
}

