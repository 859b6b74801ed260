// npm run eval:thresholds -- REPORT: writes evals/thresholds.json from a seed-set report (measured − one case).
// Run it after a change that makes the seed set better, so the floor follows; never to make a failing CI pass.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../server/config.js';
import { readReport } from './report/write-report.js';
import { thresholdsFrom } from './thresholds.js';

const source = process.argv[2];
if (!source) {
  console.error('usage: npm run eval:thresholds -- REPORT (a report.json of evals/sets/seed.jsonl, or its folder)');
  process.exit(2);
}
const report = await readReport(source);
const t = thresholdsFrom(report);
const file = path.join(PROJECT_ROOT, 'evals', 'thresholds.json');
await writeFile(file, `${JSON.stringify(t, null, 2)}\n`);
console.log(`wrote ${path.relative(PROJECT_ROOT, file)}:`);
for (const [k, v] of Object.entries(t.min)) console.log(`  ${k.padEnd(20)} ≥ ${v.toFixed(4)}  (measured ${t.measured[k].toFixed(4)})`);
for (const [k, v] of Object.entries(t.max)) console.log(`  ${k.padEnd(20)} ≤ ${v.toFixed(4)}  (measured ${t.measured[k].toFixed(4)})`);
