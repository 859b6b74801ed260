// The JSON results of `npm run bench` and `npm run bench:retrieval`, kept beside the eval reports (EVAL_DIR/.bench,
// a hidden folder the /evals page does not list) so `npm run readme:figures` can write the README's tables from the
// latest runs.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { timestampSlug } from './report-folder.js';

export const benchDir = (evalDir: string) => path.join(evalDir, '.bench');

/** Saves one run as EVAL_DIR/.bench/<name>-<timestamp>.json; returns the file. */
export function saveBenchRun(evalDir: string, name: string, result: unknown, at = new Date()): string {
  const dir = benchDir(evalDir);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name.replace(/[^A-Za-z0-9._-]+/g, '-')}-${timestampSlug(at)}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

/** The latest saved run called `name`, or null when there is none. */
export function latestBenchRun<T = Record<string, unknown>>(evalDir: string, name: string): { file: string; result: T } | null {
  return benchRuns<T>(evalDir, name)[0] ?? null;
}

/** Every saved run called `name`, newest first. */
export function benchRuns<T = Record<string, unknown>>(evalDir: string, name: string): { file: string; result: T }[] {
  let files: string[];
  try {
    files = readdirSync(benchDir(evalDir));
  } catch {
    return [];
  }
  const pattern = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-\\d{8}-\\d{6}\\.json$`);
  return files
    .filter((f) => pattern.test(f))
    .sort()
    .reverse()
    .map((f) => {
      const file = path.join(benchDir(evalDir), f);
      return { file, result: JSON.parse(readFileSync(file, 'utf8')) as T };
    });
}
