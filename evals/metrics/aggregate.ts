// Per-case metric values → the report's aggregate: each metric is the mean over the cases where it applies
// (non-null), so retrieval and citation metrics average over answerable cases and abstentionAccuracy over
// unanswerable ones, as the contract defines them.
import type { Aggregate, CaseResult, MetricValues } from '../report/types.js';
import { CONTRACT_METRIC_KEYS } from './catalogue.js';
import { latencySummary } from './latency.js';
import { paraphraseConsistency } from './paraphrase.js';

function means(results: readonly CaseResult[]): MetricValues {
  const sums = new Map<string, { sum: number; n: number }>();
  for (const r of results) {
    for (const [key, value] of Object.entries(r.metrics)) {
      const s = sums.get(key) ?? { sum: 0, n: 0 };
      if (value !== null && Number.isFinite(value)) {
        s.sum += value;
        s.n += 1;
      }
      sums.set(key, s);
    }
  }
  const out: MetricValues = {};
  for (const [key, { sum, n }] of sums) out[key] = n ? round4(sum / n) : null;
  return out;
}

/** Four decimals: enough to see a one-case change on a 10,000-case set, short enough to read in report.json. */
export const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

export function aggregateResults(results: readonly CaseResult[]): Aggregate {
  const m = means(results);
  const contract = Object.fromEntries(CONTRACT_METRIC_KEYS.map((k) => [k, m[k] ?? null])) as Record<
    (typeof CONTRACT_METRIC_KEYS)[number],
    number | null
  >;
  const paraphrases = paraphraseConsistency(results);
  return {
    ...contract,
    ...m,
    ...(paraphrases.groups ? { paraphraseConsistency: paraphrases.share } : {}),
    latencyMs: latencySummary(results.map((r) => r.latencyMs)),
    answerableCases: results.filter((r) => r.answerable).length,
    unanswerableCases: results.filter((r) => !r.answerable).length,
  };
}

export function aggregateByCategory(results: readonly CaseResult[]): Record<string, { cases: number } & MetricValues> {
  const groups = new Map<string, CaseResult[]>();
  for (const r of results) {
    const key = r.category ?? 'uncategorised';
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return Object.fromEntries([...groups].map(([k, rs]) => [k, { ...means(rs), cases: rs.length }]));
}
