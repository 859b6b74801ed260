// The regression floor: evals/thresholds.json holds, per metric, the value measured on the seed set minus one
// case's worth (1 / the number of cases the metric averages over), so one case may flip either way without
// failing CI, and two may not. `npm run eval:thresholds -- REPORT` rewrites the file from a report.
import { readFile } from 'node:fs/promises';
import { CONTRACT_METRIC_KEYS, metricInfo } from './metrics/catalogue.js';
import type { EvalReport } from './report/types.js';

export interface Thresholds {
  /** the set the floor was measured on, relative to the project root */
  set: string;
  answerer: string;
  embeddings: string;
  measuredAt: string;
  /** what was measured, for the record */
  measured: Record<string, number>;
  /** metric ≥ value */
  min: Record<string, number>;
  /** metric ≤ value (metrics where lower is better) */
  max: Record<string, number>;
}

/** Metrics the floor holds: every contract aggregate key, and paraphrase consistency when the set has paraphrase
 * groups; latency is never asserted (speed is measured in benchmarks). */
export const FLOOR_METRICS = [...CONTRACT_METRIC_KEYS, 'paraphraseConsistency'] as const;

const floor4 = (x: number) => Math.floor(x * 1e4) / 1e4;
const ceil4 = (x: number) => Math.ceil(x * 1e4) / 1e4;

export function thresholdsFrom(report: EvalReport): Thresholds {
  const measured: Record<string, number> = {};
  const min: Record<string, number> = {};
  const max: Record<string, number> = {};
  for (const key of FLOOR_METRICS) {
    const value = report.aggregate[key];
    if (typeof value !== 'number') continue;
    // one case's worth of margin; for paraphrase consistency, one group's
    const n =
      key === 'paraphraseConsistency'
        ? new Set(report.results.map((r) => r.group).filter(Boolean)).size
        : report.results.filter((r) => r.metrics[key] !== null && r.metrics[key] !== undefined).length;
    const margin = n ? 1 / n : 0;
    measured[key] = value;
    if (metricInfo(key).lowerIsBetter) max[key] = Math.min(1, ceil4(value + margin));
    else min[key] = Math.max(0, floor4(value - margin));
  }
  return {
    set: String(report.config.setFile ?? report.set),
    answerer: report.config.answerer,
    embeddings: report.config.embeddings,
    measuredAt: report.createdAt,
    measured,
    min,
    max,
  };
}

/** Every metric outside its floor, in words ("factRecall 0.6500 < floor 0.6923"); empty when all hold. */
export function checkThresholds(aggregate: EvalReport['aggregate'], t: Thresholds): string[] {
  const out: string[] = [];
  const value = (k: string) => aggregate[k];
  for (const [k, floor] of Object.entries(t.min)) {
    const v = value(k);
    if (typeof v !== 'number' || v < floor) out.push(`${k} ${typeof v === 'number' ? v.toFixed(4) : 'missing'} < floor ${floor.toFixed(4)}`);
  }
  for (const [k, ceiling] of Object.entries(t.max)) {
    const v = value(k);
    if (typeof v !== 'number' || v > ceiling) out.push(`${k} ${typeof v === 'number' ? v.toFixed(4) : 'missing'} > ceiling ${ceiling.toFixed(4)}`);
  }
  return out;
}

export async function readThresholds(file: string): Promise<Thresholds> {
  return JSON.parse(await readFile(file, 'utf8')) as Thresholds;
}
