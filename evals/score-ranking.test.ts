import { describe, expect, it } from 'vitest';
import { scoreRanking } from './score-ranking.js';

describe('scoreRanking (BEIR query → report row)', () => {
  it('computes the contract and BEIR metrics from the ranking and lists relevant documents missing from the top 10', () => {
    const ranked = Array.from({ length: 30 }, (_, i) => `d${i}`);
    const row = scoreRanking('q1', 'a claim', ranked, new Map([['d1', 1], ['d25', 1]]), 12.4);
    expect(row.metrics).toMatchObject({
      'hit@1': 0,
      'hit@5': 1,
      'recall@5': 0.5,
      mrr: 0.5,
      'mrr@10': 0.5,
      'recall@100': 1,
      factRecall: null,
      abstentionAccuracy: null,
    });
    // DCG = 1/log2(3); ideal = 1 + 1/log2(3)
    expect(row.metrics['ndcg@10']).toBeCloseTo(0.63093 / 1.63093, 4);
    expect(row.missing.sources).toEqual(['d25']);
    expect(row.retrieved).toHaveLength(20);
    expect(row.latencyMs).toBe(12);
    expect(row.answer).toBeNull();
  });
});
