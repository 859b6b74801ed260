// Results of any runner (eval set, BEIR, SQuAD) → the EvalReport that write-report turns into files. The one
// place that computes aggregates and baseline deltas, so every runner's report means the same thing.
import { aggregateByCategory, aggregateResults } from '../metrics/aggregate.js';
import { compareReports } from './compare-reports.js';
import type { CaseResult, EvalReport, ReportConfig, ReportError } from './types.js';

export interface BuildReportInput {
  set: string;
  kind: EvalReport['kind'];
  config: ReportConfig;
  results: CaseResult[];
  errors?: ReportError[];
  startedAt: Date;
  durationMs: number;
  baseline?: { report: EvalReport; file: string };
}

export function buildReport(input: BuildReportInput): EvalReport {
  const report: EvalReport = {
    set: input.set,
    cases: input.results.length,
    config: input.config,
    aggregate: aggregateResults(input.results),
    results: input.results,
    kind: input.kind,
    errors: input.errors ?? [],
    byCategory: aggregateByCategory(input.results),
    createdAt: input.startedAt.toISOString(),
    durationMs: Math.round(input.durationMs),
  };
  if (input.baseline) report.baseline = compareReports(report, input.baseline.report, input.baseline.file);
  return report;
}
