// Where a run's report goes by default: EVAL_DIR/<set>-<timestamp>, a name the /evals route accepts as-is.
import path from 'node:path';

/** seed.jsonl → "seed"; used in the default output folder and the report title. */
export const setName = (file: string) => path.basename(file).replace(/\.[^.]+$/, '');

/** 2024-11-23T23:41:07.123Z → 20241123-234107: sortable, and safe in a URL path segment. */
export const timestampSlug = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

export const defaultReportDir = (evalDir: string, set: string, startedAt: Date) =>
  path.join(evalDir, `${set.replace(/[^A-Za-z0-9._-]+/g, '-')}-${timestampSlug(startedAt)}`);
