// npm run bench -- --scale [--json] [--sizes 10k,100k,1m] [--stores local,pgvector] [--queries 300] [--answers 50]
//   [--no-ingest] [--no-load] [--load-seconds 60]
// Speed at scale, for both stores. For each size: a corpus grown from SciFact (scripts/bench/scale-corpus.ts says
// how the chunks beyond SciFact's 9,998 are derived), written into the local store by the ingest's own writers
// and bulk-loaded into PostgreSQL (the same rows the ingest writes), then measured by a separate process per store
// (scripts/bench/scale-query.ts): index load time and memory, per-stage retrieval latency, dense recall@10 against
// exact search, answer time and first SSE event. Also, once: ingest throughput end to end beside the raw model's
// (scripts/bench/ingest-throughput.ts) and HTTP under load (scripts/bench/http-load.ts).
// PostgreSQL: DATABASE_URL when set (an empty or benchmark database), else a throwaway server like the tests'.
// Prints markdown tables; --json prints one JSON object as the last line. Saved as EVAL_DIR/.bench/scale-*.json
// (npm run readme:figures puts it in the README).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildBeirIndex } from '../evals/beir/beir-index.js';
import { readBeir } from '../evals/beir/read-beir.js';
import { saveBenchRun } from '../evals/report/bench-runs.js';
import { renderScaleTables, type HttpLoadFigures, type IngestFigures, type ScaleRun } from '../evals/report/scale-table.js';
import { loadConfig, PROJECT_ROOT } from '../server/config.js';
import { createEmbeddings } from '../server/embeddings/create-embeddings.js';
import { createLogger, silentLogger } from '../server/log.js';
import { lexicalText } from '../server/store/index-text.js';
import { bulkLoad } from '../server/store/pg/bulk-load.js';
import { openPgStore, pgStoreSettings } from '../server/store/pg/pg-store.js';
import { HNSW_PARAMS } from '../server/store/vector-store.js';
import { deriveScaleCorpus, type BaseCorpus } from './bench/scale-corpus.js';
import { writeLocalScaleIndex, type LocalBuild } from './bench/scale-local.js';
import type { ScaleQueryResult } from './bench/scale-query.js';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'boolean', default: true },
    json: { type: 'boolean', default: false },
    sizes: { type: 'string', default: '10k,100k,1m' },
    stores: { type: 'string', default: 'local,pgvector' },
    queries: { type: 'string', default: '300' },
    answers: { type: 'string', default: '50' },
    dataset: { type: 'string', default: path.join(PROJECT_ROOT, '..', 'shared', 'bench', 'scifact') },
    'no-ingest': { type: 'boolean', default: false },
    'no-load': { type: 'boolean', default: false },
    'load-seconds': { type: 'string', default: '60' },
  },
});
const say = (line: string) => process.stderr.write(`${line}\n`);
const parseSize = (s: string) => {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(s.trim());
  if (!m) throw new Error(`--sizes: "${s}" is not a size such as 10k, 100k or 1m`);
  return Math.round(Number(m[1]) * (m[2].toLowerCase() === 'm' ? 1e6 : m[2].toLowerCase() === 'k' ? 1e3 : 1));
};
const sizes = args.sizes.split(',').map(parseSize);
const stores = args.stores.split(',').map((s) => s.trim());
for (const s of stores) if (s !== 'local' && s !== 'pgvector') throw new Error(`--stores: "${s}" is neither local nor pgvector`);
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

const config = loadConfig({ overrides: { LOG_LEVEL: 'warn' } });
const log = createLogger('warn', { fd: 2 });
const embeddings = await createEmbeddings(config, log);
const handle = embeddings.handle;
if (!handle) throw new Error('the scale benchmark needs the embedding model: set MODELS_DIR (see README)');
const cacheRoot = path.join(config.ROOT, '.cache', 'bench');

// The base: SciFact through the product chunker, vectors from the benchmark cache (embedded once, ~15 min here).
const dataset = await readBeir(args.dataset, 'test');
say(`scale: base ${dataset.name} (${dataset.corpus.length} documents); sizes ${sizes.join(', ')}; stores ${stores.join(', ')}`);
const built = await buildBeirIndex(dataset.corpus, {
  dataset: dataset.name,
  embeddings,
  cacheDir: cacheRoot,
  onProgress: (done, total) => done % 1024 === 0 && say(`  base vectors ${done}/${total}`),
});
const base: BaseCorpus = { documents: built.index.documents, chunks: built.index.chunks, vectors: built.vectors! };
const baseKey = createHash('sha256')
  .update(JSON.stringify({ chunks: base.chunks.length, embedder: handle.id, hnsw: HNSW_PARAMS, v: 1 }))
  .update(new Uint8Array(base.vectors[0].buffer))
  .digest('hex')
  .slice(0, 12);

// PostgreSQL: the configured database, or a throwaway server (fsync off: a benchmark's data may be lost).
let pgAdmin: { url: (db: string) => Promise<string>; stop: () => Promise<void> } | null = null;
if (stores.includes('pgvector')) pgAdmin = await startPostgres();

const runs: ScaleRun['sizes'] = [];
for (const size of sizes) {
  say(`\n${size} chunks: deriving the corpus…`);
  const corpus = deriveScaleCorpus(base, size);
  const dir = path.join(cacheRoot, 'scale', `${size}-${baseKey}`);
  mkdirSync(dir, { recursive: true });
  const vectorsFile = path.join(dir, 'vectors.f32');
  if (!existsSync(vectorsFile)) writeFileSync(vectorsFile, new Uint8Array(corpus.vectors.buffer));
  const entry: ScaleRun['sizes'][number] = { chunks: corpus.chunks.length, documents: corpus.documents.length, real: corpus.real, stores: {} };

  if (stores.includes('local')) {
    // Built once per size and kept in .cache/bench/scale (the HNSW graph of 1M vectors takes a while).
    const indexDir = path.join(dir, 'local-index');
    const marker = path.join(dir, 'local-build.json');
    let build: LocalBuild & { reused?: boolean };
    if (existsSync(marker)) {
      build = { ...(JSON.parse(readFileSync(marker, 'utf8')) as LocalBuild), reused: true };
      say(`  local: reusing the index built earlier (${path.relative(config.ROOT, indexDir)})`);
    } else {
      rmSync(indexDir, { recursive: true, force: true });
      mkdirSync(indexDir, { recursive: true });
      build = await writeLocalScaleIndex(indexDir, corpus, handle.id, say);
      writeFileSync(marker, JSON.stringify(build));
    }
    say(`  local: built in ${build.seconds.total.toFixed(1)} s (HNSW ${build.seconds.hnsw.toFixed(1)} s), ${mb(build.diskBytes)} MB on disk; measuring…`);
    const q = measure(['--store', 'local', '--index', indexDir, '--vectors', vectorsFile]);
    entry.stores.local = { ...q, buildSeconds: build.seconds, diskMb: mb(build.diskBytes) };
  }

  if (pgAdmin) {
    const url = await pgAdmin.url(`scale_${size}`);
    const store = await openPgStore({ ...pgStoreSettings(config), url }, silentLogger);
    const byId = new Map(corpus.documents.map((d) => [d.docId, d]));
    say(`  pgvector: loading ${corpus.chunks.length} chunks (${store.database})…`);
    let shown = 0;
    const loaded = await bulkLoad(store, {
      name: `scale-${size}`,
      documents: corpus.documents,
      chunks: corpus.chunks,
      lexicalTexts: corpus.chunks.map((c) => lexicalText(c, byId.get(c.docId))),
      vectors: corpus.chunks.map((_, i) => corpus.vectors.subarray(i * corpus.dimensions, (i + 1) * corpus.dimensions)),
      embedder: handle.id,
      onProgress: (done, total) => {
        if (done - shown < 100_000 && done < total) return;
        shown = done;
        say(`    ${done}/${total}`);
      },
    });
    const { rows } = await store.pool.query<{ bytes: string }>(
      `SELECT sum(pg_total_relation_size(c.oid))::bigint AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'assistant' AND c.relkind = 'r'`,
    );
    await store.close();
    say(`  pgvector: rows in ${loaded.loadSeconds.toFixed(1)} s, HNSW index in ${loaded.indexSeconds.toFixed(1)} s, ${mb(Number(rows[0].bytes))} MB; measuring…`);
    const q = measure(['--store', 'pgvector', '--database-url', url, '--vectors', vectorsFile]);
    entry.stores.pgvector = { ...q, buildSeconds: { rows: loaded.loadSeconds, hnsw: loaded.indexSeconds }, diskMb: mb(Number(rows[0].bytes)) };
  }
  runs.push(entry);
}

const ingest: ScaleRun['ingest'] = [];
if (!args['no-ingest']) {
  const mod = await optionalModule<{ benchIngestThroughput(o: { store: 'local' | 'pgvector'; databaseUrl?: string; say: typeof say; rounds?: number }): Promise<IngestFigures> }>(
    './bench/ingest-throughput.js',
  );
  for (const store of stores as ('local' | 'pgvector')[]) {
    if (!mod) break;
    say(`\ningest throughput, ${store} store…`);
    const databaseUrl = store === 'pgvector' && pgAdmin ? await pgAdmin.url('scale_ingest') : undefined;
    ingest.push(await mod.benchIngestThroughput({ store, databaseUrl, say, rounds: 3 }));
  }
}
let load: ScaleRun['load'] = null;
if (!args['no-load']) {
  const mod = await optionalModule<{ benchHttpLoad(o: { seconds: number; connections: number; say: typeof say }): Promise<HttpLoadFigures | null> }>(
    './bench/http-load.js',
  );
  say('\nHTTP under load…');
  load = mod ? await mod.benchHttpLoad({ seconds: Number(args['load-seconds']), connections: 50, say }) : null;
}
await pgAdmin?.stop();

const result: ScaleRun = {
  machine: `${os.cpus().length} cores, ${mb(os.totalmem())} MB, Node ${process.version}`,
  embeddings: embeddings.label,
  base: `${dataset.name}: ${base.chunks.length} chunks, ${dataset.queries.length} test queries`,
  queries: Number(args.queries),
  hnsw: { local: { m: HNSW_PARAMS.m, efConstruction: HNSW_PARAMS.efConstruction, efSearch: HNSW_PARAMS.efSearch }, pgvector: pgStoreSettings(config).hnsw },
  postgres: config.DATABASE_URL ? 'DATABASE_URL' : 'throwaway server on loopback (fsync off)',
  sizes: runs,
  ingest,
  load,
};
console.log(renderScaleTables(result));
say(`saved: ${path.relative(PROJECT_ROOT, saveBenchRun(config.EVAL_DIR, 'scale', result))} (npm run readme:figures puts it in the README)`);
if (args.json) console.log(JSON.stringify(result));
process.exit(0);

/** One store at one size, in a process of its own (scale-query.ts): its memory figures are its own. */
function measure(extra: string[]): ScaleQueryResult {
  const child = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      '--max-old-space-size=16384',
      '--import',
      'tsx',
      path.join(PROJECT_ROOT, 'scripts/bench/scale-query.ts'),
      ...extra,
      '--dataset',
      args.dataset,
      '--queries',
      args.queries,
      '--answers',
      args.answers,
    ],
    { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 2 ** 20 },
  );
  if (child.status !== 0) throw new Error(`scale-query ${extra.join(' ')} failed (exit ${child.status})`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as ScaleQueryResult;
}

async function optionalModule<T>(specifier: string): Promise<T | null> {
  try {
    return (await import(specifier)) as T;
  } catch (err) {
    say(`${specifier} could not be loaded (${(err as Error).message}); that part is skipped`);
    return null;
  }
}

/** URLs of databases to load into: DATABASE_URL itself, or new databases on a throwaway server. */
async function startPostgres(): Promise<{ url: (db: string) => Promise<string>; stop: () => Promise<void> }> {
  if (config.DATABASE_URL) return { url: async () => config.DATABASE_URL, stop: async () => undefined };
  const { postgresUnavailable, startTestPostgres } = await import('../server/store/pg/testing/test-postgres.js');
  const why = postgresUnavailable();
  if (why) throw new Error(`pgvector store: ${why}; or set DATABASE_URL, or pass --stores local`);
  const server = await startTestPostgres();
  const admin = new pg.Client(await server.createDatabase('scale_admin'));
  await admin.connect();
  // A benchmark server: room for index builds and bulk writes (the defaults are sized for a laptop's test runs).
  for (const [name, value] of [
    ['maintenance_work_mem', '4GB'],
    ['max_wal_size', '16GB'],
    ['checkpoint_timeout', '30min'],
    ['effective_cache_size', '12GB'],
    ['max_parallel_maintenance_workers', '2'],
  ]) {
    await admin.query(`ALTER SYSTEM SET ${name} = '${value}'`);
  }
  await admin.query('SELECT pg_reload_conf()');
  await admin.end();
  const created = new Map<string, string>();
  return {
    url: async (db) => created.get(db) ?? created.set(db, await server.createDatabase(db)).get(db)!,
    stop: () => server.stop(),
  };
}

