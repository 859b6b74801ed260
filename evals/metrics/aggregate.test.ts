import { describe, expect, it } from 'vitest';
import { fakeResult } from '../testing/fake-result.js';
import { aggregateByCategory, aggregateResults } from './aggregate.js';
import { percentile } from './latency.js';

describe('percentile (nearest rank)', () => {
  it('returns a value that occurred', () => {
    const v = [50, 10, 40, 20, 30];
    expect(percentile(v, 50)).toBe(30);
    expect(percentile(v, 95)).toBe(50);
    expect(percentile(v, 20)).toBe(10);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBe(0);
  });
});

describe('aggregateResults', () => {
  it('averages each metric over the cases where it applies and always has the contract keys', () => {
    const agg = aggregateResults([
      fakeResult('a', { 'hit@1': 1, factRecall: 0.5, abstentionAccuracy: null, falseAbstentionRate: 0 }, { latencyMs: 100, category: 'x' }),
      fakeResult('b', { 'hit@1': 0, factRecall: 1, abstentionAccuracy: null, falseAbstentionRate: 1 }, { latencyMs: 300 }),
      fakeResult('c', { 'hit@1': null, factRecall: null, abstentionAccuracy: 1, falseAbstentionRate: null }, { latencyMs: 200, answerable: false }),
    ]);
    expect(agg).toMatchObject({
      'hit@1': 0.5,
      'hit@5': null,
      mrr: null,
      factRecall: 0.75,
      abstentionAccuracy: 1,
      falseAbstentionRate: 0.5,
      citationPrecision: null,
      latencyMs: { p50: 200, p95: 300 },
      answerableCases: 2,
      unanswerableCases: 1,
    });
    expect(Object.keys(agg).slice(0, 11)).toEqual([
      'hit@1', 'hit@5', 'recall@5', 'mrr', 'ndcg@10', 'factRecall', 'citationPrecision', 'citationRecall',
      'abstentionAccuracy', 'falseAbstentionRate', 'latencyMs',
    ]);
  });

  it('groups by category', () => {
    const by = aggregateByCategory([
      fakeResult('a', { factRecall: 1 }, { category: 'single-fact' }),
      fakeResult('b', { factRecall: 0 }, { category: 'single-fact' }),
      fakeResult('c', { factRecall: 0.5 }),
    ]);
    expect(by).toEqual({ 'single-fact': { cases: 2, factRecall: 0.5 }, uncategorised: { cases: 1, factRecall: 0.5 } });
  });
});

describe('paraphrase consistency', () => {
  const missing = (facts: string[][]) => ({ facts, sources: [], abstention: null, unsupportedSentences: [] });
  it('counts the groups whose wordings all state the same expected facts, or all abstain', () => {
    const results = [
      fakeResult('a1', {}, { group: 'a', answer: 'He flew in July 2015. [1] More. [2]', missing: missing([]) }),
      fakeResult('a2', {}, { group: 'a', answer: 'More. [1] He flew in July 2015. [2]', missing: missing([]) }),
      fakeResult('b1', {}, { group: 'b', answer: 'He flew in July 2015. [1]', missing: missing([]) }),
      fakeResult('b2', {}, { group: 'b', answer: 'Another sentence. [1]', missing: missing([['July 2015']]) }),
      fakeResult('c1', {}, { group: 'c', abstained: true, missing: missing([['x']]) }),
      fakeResult('c2', {}, { group: 'c', abstained: true, missing: missing([['x']]) }),
      fakeResult('solo', {}),
    ];
    expect(aggregateResults(results).paraphraseConsistency).toBeCloseTo(2 / 3, 4);
    expect(aggregateResults([fakeResult('x', {})]).paraphraseConsistency).toBeUndefined();
  });
});
