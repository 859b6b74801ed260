import { describe, expect, it } from 'vitest';
import { fakeResult } from '../testing/fake-result.js';
import { buildReport } from './build-report.js';

const report = (results: ReturnType<typeof fakeResult>[], latency = 100) =>
  buildReport({
    set: 'seed',
    kind: 'qa',
    config: { embeddings: 'e', answerer: 'extractive', k: 6 },
    results: results.map((r) => ({ ...r, latencyMs: latency })),
    startedAt: new Date('2025-01-01T00:00:00Z'),
    durationMs: 1,
  });

describe('compareReports (via buildReport with a baseline)', () => {
  const base = report([
    fakeResult('a', { factRecall: 1, falseAbstentionRate: 0 }),
    fakeResult('b', { factRecall: 0.5, falseAbstentionRate: 0 }),
    fakeResult('gone', { factRecall: 1, falseAbstentionRate: 0 }),
  ]);

  it('gives per-metric and per-case deltas and flags what got worse', () => {
    const current = buildReport({
      set: 'seed',
      kind: 'qa',
      config: { embeddings: 'e', answerer: 'extractive', k: 6 },
      results: [
        fakeResult('a', { factRecall: 0.5, falseAbstentionRate: 1 }, { latencyMs: 100 }),
        fakeResult('b', { factRecall: 1, falseAbstentionRate: 0 }, { latencyMs: 100 }),
        fakeResult('new', { factRecall: 1, falseAbstentionRate: 0 }, { latencyMs: 100 }),
      ],
      startedAt: new Date('2025-01-02T00:00:00Z'),
      durationMs: 1,
      baseline: { report: base, file: 'base/report.json' },
    });
    const b = current.baseline!;
    // factRecall: (1 + .5 + 1)/3 = .8333 → (.5 + 1 + 1)/3 = .8333: unchanged; falseAbstentionRate 0 → 1/3: worse
    expect(b.aggregate.factRecall).toEqual({ base: 0.8333, current: 0.8333, delta: 0, regression: false });
    expect(b.aggregate.falseAbstentionRate).toEqual({ base: 0, current: 0.3333, delta: 0.3333, regression: true });
    expect(b.aggregate['hit@1']).toEqual({ base: null, current: null, delta: null, regression: false });
    expect(b.cases.a.factRecall).toEqual({ base: 1, current: 0.5, delta: -0.5, regression: true });
    expect(b.cases.b.factRecall).toEqual({ base: 0.5, current: 1, delta: 0.5, regression: false });
    expect(b.regressedCases).toEqual(['a']);
    expect(b.improvedCases).toEqual(['b']);
    expect(b.onlyInBaseline).toEqual(['gone']);
    expect(b.onlyInCurrent).toEqual(['new']);
  });

  it('treats latency as regressed only beyond 20% and 20 ms', () => {
    const slower = (ms: number) =>
      buildReport({
        set: 'seed',
        kind: 'qa',
        config: { embeddings: 'e', answerer: 'extractive', k: 6 },
        results: [fakeResult('a', {}, { latencyMs: ms })],
        startedAt: new Date(),
        durationMs: 1,
        baseline: { report: report([fakeResult('a', {})], 100), file: 'b' },
      }).baseline!.aggregate['latencyMs.p50'];
    expect(slower(115).regression).toBe(false);
    expect(slower(125).regression).toBe(true);
    expect(slower(60)).toEqual({ base: 100, current: 60, delta: -40, regression: false });
  });
});
