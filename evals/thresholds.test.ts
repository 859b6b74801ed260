import { describe, expect, it } from 'vitest';
import { buildReport } from './report/build-report.js';
import { fakeResult } from './testing/fake-result.js';
import { checkThresholds, thresholdsFrom } from './thresholds.js';

const report = buildReport({
  set: 'seed',
  kind: 'qa',
  config: { embeddings: 'e', answerer: 'extractive', k: 6, setFile: 'evals/sets/seed.jsonl' },
  results: [
    fakeResult('a', { factRecall: 1, falseAbstentionRate: 0, abstentionAccuracy: null }),
    fakeResult('b', { factRecall: 0.5, falseAbstentionRate: 0, abstentionAccuracy: null }),
    fakeResult('c', { factRecall: 1, falseAbstentionRate: 1, abstentionAccuracy: null }),
    fakeResult('d', { factRecall: 1, falseAbstentionRate: 0, abstentionAccuracy: null }),
    fakeResult('u', { factRecall: null, falseAbstentionRate: null, abstentionAccuracy: 1 }, { answerable: false }),
  ],
  startedAt: new Date('2025-01-01T00:00:00Z'),
  durationMs: 1,
});

describe('thresholds', () => {
  it('sets each floor one case below the measured value', () => {
    const t = thresholdsFrom(report);
    // factRecall .875 over 4 cases → floor .625; falseAbstentionRate .25 over 4 → ceiling .5; abstention 1 over 1 → 0
    expect(t.min).toEqual({ factRecall: 0.625, abstentionAccuracy: 0 });
    expect(t.max).toEqual({ falseAbstentionRate: 0.5 });
    expect(t.set).toBe('evals/sets/seed.jsonl');
  });

  it('names every metric that breaks its floor', () => {
    const t = thresholdsFrom(report);
    expect(checkThresholds(report.aggregate, t)).toEqual([]);
    const worse = { ...report.aggregate, factRecall: 0.6, falseAbstentionRate: 0.75, abstentionAccuracy: null };
    expect(checkThresholds(worse, t)).toEqual([
      'factRecall 0.6000 < floor 0.6250',
      'abstentionAccuracy missing < floor 0.0000',
      'falseAbstentionRate 0.7500 > ceiling 0.5000',
    ]);
  });
});
