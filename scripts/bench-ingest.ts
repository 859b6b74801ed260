// npm run bench:ingest -- [--files N] [--store local|pgvector] [--database-url URL] [--rounds N] [--json]: chunks/s of the real ingest
// next to the raw model's chunks/s on the same texts, in the same run (scripts/bench/ingest-throughput.ts).
// Prints a markdown table; --json prints one JSON object as the last stdout line. Saved as EVAL_DIR/.bench/ingest-*.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { saveBenchRun } from '../evals/report/bench-runs.js';
import { loadConfig, PROJECT_ROOT } from '../server/config.js';
import { benchIngestThroughput } from './bench/ingest-throughput.js';

const USAGE = `Usage: npm run bench:ingest -- [--files N] [--store local|pgvector] [--database-url URL] [--rounds N] [--json]
  --files N         SciFact abstracts to ingest (default 300)
  --store S         local (default) or pgvector
  --database-url U  pgvector: an EMPTY database to ingest into (default: a throwaway server is started)
  --rounds N        ingest and raw model measured N times, alternately; medians reported (default 1)`;

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '300' },
    store: { type: 'string', default: 'local' },
    rounds: { type: 'string', default: '1' },
    'database-url': { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const files = Number(values.files);
const rounds = Number(values.rounds);
if (!Number.isInteger(files) || files < 1 || !Number.isInteger(rounds) || rounds < 1 || !['local', 'pgvector'].includes(values.store!)) {
  console.error(USAGE);
  process.exit(2);
}
const store = values.store as 'local' | 'pgvector';
const config = loadConfig({ overrides: { VECTOR_STORE: 'local' } });
// Never the configured DATABASE_URL: the bench writes into the database it is given, which must be empty.
const result = await benchIngestThroughput({
  files,
  store,
  rounds,
  config,
  databaseUrl: values['database-url'],
  say: (line) => console.error(line),
});
const f1 = (x: number) => x.toFixed(1);
console.log(
  [
    `| store | files | chunks | ingest s | ingest chunks/s | raw model chunks/s | ratio |`,
    `|---|---:|---:|---:|---:|---:|---:|`,
    `| ${result.store} | ${result.files} | ${result.chunks} | ${result.ingestSeconds.toFixed(2)} | ${f1(result.ingestChunksPerSecond)} | ${f1(result.rawChunksPerSecond)} | ${result.ratio.toFixed(2)} |`,
    '',
    `(${result.embedder}, batches of ${result.batchSize}; model load + warm-up ${result.modelLoadSeconds?.toFixed(1)} s, not counted; ` +
      `median of ${result.rounds?.length} round(s))`,
  ].join('\n'),
);
console.error(`saved: ${path.relative(PROJECT_ROOT, saveBenchRun(config.EVAL_DIR, 'ingest', result))}`);
if (values.json) console.log(JSON.stringify(result));
