// npm run readme:figures: rewrites the figure tables of README.md and docs/benchmarks.md from the latest runs
// (evals/report/readme-figures.ts). Run the measurements first (npm run eval -- --set evals/sets/seed.jsonl,
// npm run bench, npm run bench:retrieval -- --dataset …); a table whose run is missing is left as it is.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, PROJECT_ROOT } from '../server/config.js';
import { rewriteFigures } from '../evals/report/readme-figures.js';

for (const name of ['README.md', 'docs/benchmarks.md']) {
  const file = path.join(PROJECT_ROOT, name);
  const { text, updated, missing } = rewriteFigures(readFileSync(file, 'utf8'), loadConfig().EVAL_DIR);
  writeFileSync(file, text);
  console.log(`${name}: rewrote ${updated.length ? updated.join(', ') : 'nothing'}`);
  if (missing.length) console.log(`  no run found for: ${missing.join(', ')} (left as they were)`);
}
