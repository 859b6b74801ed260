// Test helper: a CaseResult with every field filled, so a test sets only what it is about.
import type { CaseResult, MetricValues } from '../report/types.js';

export function fakeResult(id: string, metrics: MetricValues, extra: Partial<CaseResult> = {}): CaseResult {
  return {
    id,
    line: 1,
    category: null,
    question: `question ${id}`,
    history: [],
    answerable: true,
    expectedSources: [],
    expectedFacts: [],
    answer: 'answer',
    abstained: false,
    rewrittenQuery: null,
    citations: [],
    retrieved: [],
    metrics,
    missing: { facts: [], sources: [], abstention: null, unsupportedSentences: [] },
    latencyMs: 100,
    warnings: [],
    ...extra,
  };
}
