// Which aggregate metrics the /evals list shows, and how: a few columns a reader compares across runs.
// The full set is in each report.
import type { EvalReportSummary } from '../../../server/contract.js';

export interface EvalColumn {
  key: string;
  label: string;
  /** shown as a tooltip on the header */
  title: string;
}

export const EVAL_COLUMNS: EvalColumn[] = [
  { key: 'hit@5', label: 'Hit@5', title: 'an expected source among the top 5 retrieved documents' },
  { key: 'ndcg@10', label: 'nDCG@10', title: 'rank-discounted gain of the expected sources in the top 10' },
  { key: 'factRecall', label: 'Facts', title: 'share of expected facts stated in the answer' },
  { key: 'citationPrecision', label: 'Cit. prec.', title: 'citations pointing at an expected or supporting passage' },
  { key: 'citationRecall', label: 'Cit. rec.', title: 'answer sentences supported by their citations' },
  { key: 'abstentionAccuracy', label: 'Abstain', title: 'unanswerable questions answered with an abstention' },
];

/** 0.8125 → "0.813"; null, missing or non-numbers → "–". */
export function formatMetric(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(3) : '–';
}

export function formatLatency(aggregate: EvalReportSummary['aggregate']): string {
  const l = aggregate.latencyMs as { p50?: unknown; p95?: unknown } | undefined;
  return typeof l?.p50 === 'number' && typeof l?.p95 === 'number' ? `${l.p50} / ${l.p95} ms` : '–';
}

/** "2025-01-02T03:04:05.000Z" → "2025-01-02 03:04" (UTC, as the report folder names are). */
export function formatCreated(iso: string | null): string {
  return iso ? iso.replace('T', ' ').slice(0, 16) : 'undated';
}

export const reportUrl = (name: string, file: 'report.html' | 'report.json') => `/api/evals/${encodeURIComponent(name)}/${file}`;
