// A report against a baseline report: the change of every metric, in aggregate and per case, and which changes
// are regressions. The pipeline is deterministic offline, so any drop in a rate is a real change, not noise;
// latency is noisy, so it regresses only when p50/p95 grow by more than 20% and 20 ms.
import { metricInfo } from '../metrics/catalogue.js';
import type { BaselineComparison, CaseResult, EvalReport, MetricDelta } from './types.js';

const EPSILON = 1e-9;

function delta(key: string, base: number | null | undefined, current: number | null | undefined): MetricDelta {
  const b = base ?? null;
  const c = current ?? null;
  const d = b === null || c === null ? null : Math.round((c - b) * 1e4) / 1e4;
  const worse = d === null ? false : metricInfo(key).lowerIsBetter ? d > EPSILON : d < -EPSILON;
  return { base: b, current: c, delta: d, regression: worse };
}

function latencyDelta(base: number | undefined, current: number): MetricDelta {
  const b = base ?? null;
  const d = b === null ? null : current - b;
  return { base: b, current, delta: d, regression: d !== null && d > 20 && d > 0.2 * (b ?? 0) };
}

const numericKeys = (...records: Record<string, unknown>[]) =>
  [...new Set(records.flatMap((r) => Object.keys(r)))].filter((k) => records.some((r) => typeof r[k] === 'number' || r[k] === null));

function compareCase(base: CaseResult, current: CaseResult): Record<string, MetricDelta> {
  const out: Record<string, MetricDelta> = {};
  for (const key of numericKeys(base.metrics, current.metrics)) {
    const d = delta(key, base.metrics[key], current.metrics[key]);
    if (d.base !== null || d.current !== null) out[key] = d;
  }
  return out;
}

export function compareReports(current: EvalReport, baseline: EvalReport, file: string): BaselineComparison {
  const aggregate: Record<string, MetricDelta> = {};
  const cur = current.aggregate as Record<string, unknown>;
  const base = baseline.aggregate as Record<string, unknown>;
  for (const key of numericKeys(cur, base)) {
    if (key.endsWith('Cases')) continue; // counts, not quality
    aggregate[key] = delta(key, base[key] as number | null, cur[key] as number | null);
  }
  aggregate['latencyMs.p50'] = latencyDelta(baseline.aggregate.latencyMs?.p50, current.aggregate.latencyMs.p50);
  aggregate['latencyMs.p95'] = latencyDelta(baseline.aggregate.latencyMs?.p95, current.aggregate.latencyMs.p95);

  const baseById = new Map(baseline.results.map((r) => [r.id, r]));
  const curIds = new Set(current.results.map((r) => r.id));
  const cases: BaselineComparison['cases'] = {};
  const regressedCases: string[] = [];
  const improvedCases: string[] = [];
  for (const r of current.results) {
    const b = baseById.get(r.id);
    if (!b) continue;
    const d = compareCase(b, r);
    cases[r.id] = d;
    const values = Object.values(d);
    if (values.some((x) => x.regression)) regressedCases.push(r.id);
    else if (values.some((x) => x.delta !== null && Math.abs(x.delta) > EPSILON)) improvedCases.push(r.id);
  }
  return {
    file,
    set: baseline.set,
    createdAt: baseline.createdAt ?? null,
    aggregate,
    cases,
    regressedCases,
    improvedCases,
    onlyInBaseline: baseline.results.filter((r) => !curIds.has(r.id)).map((r) => r.id),
    onlyInCurrent: current.results.filter((r) => !baseById.has(r.id)).map((r) => r.id),
  };
}
