import { describe, expect, it } from 'vitest';
import { binaryRelevance, hitAtK, ndcgAtK, rankedDocIds, recallAtK, reciprocalRank } from './retrieval.js';

const ranked = ['A', 'B', 'C', 'D'];
const relevant = binaryRelevance(['B', 'D']);

describe('retrieval metrics', () => {
  it('ranks documents by their best passage, once each', () => {
    expect(rankedDocIds([{ docId: 'x' }, { docId: 'y' }, { docId: 'x' }, { docId: 'z' }])).toEqual(['x', 'y', 'z']);
  });

  it('hit@k is 1 only when a relevant document is within the top k', () => {
    expect(hitAtK(ranked, relevant, 1)).toBe(0);
    expect(hitAtK(ranked, relevant, 2)).toBe(1);
    expect(hitAtK([], relevant, 5)).toBe(0);
  });

  it('recall@k is the share of relevant documents in the top k, undefined without judgements', () => {
    expect(recallAtK(ranked, relevant, 2)).toBe(0.5);
    expect(recallAtK(ranked, relevant, 4)).toBe(1);
    expect(recallAtK(ranked, binaryRelevance([]), 4)).toBeNull();
  });

  it('MRR takes the first relevant rank, cut at k', () => {
    expect(reciprocalRank(ranked, relevant)).toBe(0.5);
    expect(reciprocalRank(['C', 'A', 'D'], relevant)).toBeCloseTo(1 / 3, 10);
    expect(reciprocalRank(['C', 'A', 'D'], relevant, 2)).toBe(0);
  });

  it('nDCG@10 with binary relevance: relevant at ranks 2 and 4 of 4', () => {
    // DCG = 1/log2(3) + 1/log2(5) = 1.061606; ideal = 1 + 1/log2(3) = 1.630930
    expect(ndcgAtK(ranked, relevant, 10)).toBeCloseTo(0.650920, 5);
    expect(ndcgAtK(['B', 'D', 'A'], relevant, 10)).toBe(1);
    expect(ndcgAtK(['A', 'C'], relevant, 10)).toBe(0);
  });

  it('nDCG uses linear gains for graded relevance and cuts the ideal list at k', () => {
    const graded = new Map([
      ['A', 1],
      ['B', 2],
    ]);
    // DCG = 1 + 2/log2(3) = 2.261860; ideal = 2 + 1/log2(3) = 2.630930
    expect(ndcgAtK(['A', 'B'], graded, 10)).toBeCloseTo(0.859720, 5);
    // at k = 1 only B would count in the ideal list: 1 / 2
    expect(ndcgAtK(['A', 'B'], graded, 1)).toBe(0.5);
  });
});
