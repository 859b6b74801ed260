// Ingest throughput next to the raw model's, on the same texts in the same run (npm run bench:ingest).
// `files` SciFact abstracts are written as Markdown files into a temp corpus, the real ingest (buildIndex: loader
// process, cleaning, chunking, embedding, journal, BM25, HNSW, atomic publish — or the PostgreSQL ingest) runs over
// them from a cold index, and then the raw Transformers.js pipeline embeds exactly the dense texts that ingest stored,
// in index order, in batches of EMBEDDINGS_BATCH_SIZE. Model loading and warm-up happen before either clock starts
// (reported apart as modelLoadSeconds). The two measurements run one after the other, never at once (2 cores), and
// are alternated `rounds` times with a fresh index (or database) per ingest; the medians are reported.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { readBeir, type BeirDoc } from '../../evals/beir/read-beir.js';
import { loadConfig, type Config } from '../../server/config.js';
import { createEmbeddings } from '../../server/embeddings/create-embeddings.js';
import { LocalEmbeddings } from '../../server/embeddings/local-embeddings.js';
import { buildIndex } from '../../server/ingest/build-index.js';
import { ingestLimitsOf } from '../../server/ingest/ingest-limits.js';
import { startLoaderProcess } from '../../server/ingest/load-in-subprocess.js';
import { silentLogger } from '../../server/log.js';
import { readChunkStore } from '../../server/store/chunk-store.js';
import { readCurrent } from '../../server/store/current-generation.js';
import { denseText } from '../../server/store/index-text.js';
import type { PgStore } from '../../server/store/pg/pg-store.js';

export interface IngestThroughput {
  store: 'local' | 'pgvector';
  files: number;
  chunks: number;
  ingestSeconds: number;
  ingestChunksPerSecond: number;
  rawChunksPerSecond: number;
  ratio: number;
  /** seconds of the raw pipeline over the same texts (median of the rounds) */
  rawSeconds?: number;
  /** loading the model and warming it up, before both clocks */
  modelLoadSeconds?: number;
  /** each round's ingest and raw seconds, in the order they ran, and where the ingest's time went (by progress phase) */
  rounds?: { ingestSeconds: number; rawSeconds: number; phases: Record<string, number> }[];
  /** 1-minute load average before and after (2 cores: above 2, other processes competed for the CPU) */
  loadAverage?: [number, number];
  embedder?: string;
  batchSize?: number;
}

export interface BenchIngestOptions {
  /** documents to ingest (default 300) */
  files?: number;
  store: 'local' | 'pgvector';
  /** pgvector: an empty database; when absent a throwaway server is started (and stopped) */
  databaseUrl?: string;
  /** ingest + raw measured this many times, alternately (default 1); medians are reported */
  rounds?: number;
  say?: (line: string) => void;
  /** defaults to loadConfig() */
  config?: Readonly<Config>;
}

const SCIFACT_DIR = '/work/shared/bench/scifact';
/** First abstract used: a fixed offset, so every run ingests the same documents. */
const FIRST_DOC = 1000;

export async function benchIngestThroughput(opts: BenchIngestOptions): Promise<IngestThroughput> {
  const say = opts.say ?? (() => undefined);
  const files = opts.files ?? 300;
  const rounds = Math.max(1, opts.rounds ?? 1);
  const config = opts.config ?? loadConfig({ overrides: { VECTOR_STORE: 'local' } });
  const { corpus } = await readBeir(SCIFACT_DIR);
  const docs = corpus.slice(FIRST_DOC, FIRST_DOC + files);
  if (docs.length < files) throw new Error(`SciFact has ${corpus.length} abstracts; ${files} from #${FIRST_DOC} asked`);

  const t0 = performance.now();
  const embeddings = await createEmbeddings(config, silentLogger);
  const handle = embeddings.handle;
  if (!handle || !(handle.embeddings instanceof LocalEmbeddings)) {
    throw new Error(`the ingest bench needs the local embedding model (EMBEDDINGS=${config.EMBEDDINGS}, MODELS_DIR=${config.MODELS_DIR})`);
  }
  const pipe = await handle.embeddings.localPipeline();
  // The first runs of an ONNX session are slow (allocation, kernel choice): warm it on a few real texts.
  const warm = docs.slice(0, config.EMBEDDINGS_BATCH_SIZE).map((d) => `${d.title}\n${d.text}`);
  for (let i = 0; i < 3; i++) await pipe(warm, { pooling: 'mean', normalize: true });
  const modelLoadSeconds = (performance.now() - t0) / 1000;
  say(`model ${handle.id} loaded and warmed in ${modelLoadSeconds.toFixed(1)} s`);

  const work = await mkdtemp(path.join(tmpdir(), 'bench-ingest-'));
  let pgServer: { createDatabase(): Promise<string>; stop(): Promise<void> } | null = null;
  const stores: PgStore[] = [];
  try {
    const corpusDir = path.join(work, 'corpus');
    await writeCorpus(corpusDir, docs);
    if (opts.store === 'pgvector' && !opts.databaseUrl) {
      const { startTestPostgres } = await import('../../server/store/pg/testing/test-postgres.js');
      pgServer = await startTestPostgres();
    }
    const measured: { ingestSeconds: number; rawSeconds: number; chunks: number; phases: Record<string, number> }[] = [];
    const loadBefore = loadavg()[0];
    for (let round = 0; round < rounds; round++) {
      // A cold index each round: a new folder, or a new database (the given one is used for the first round only).
      let pgStore: PgStore | undefined;
      if (opts.store === 'pgvector') {
        const url = round === 0 && opts.databaseUrl ? opts.databaseUrl : await newDatabase(pgServer, opts.databaseUrl);
        const { openPgStore, pgStoreSettings } = await import('../../server/store/pg/pg-store.js');
        pgStore = await openPgStore(pgStoreSettings({ ...config, DATABASE_URL: url }), silentLogger);
        stores.push(pgStore);
      }
      const indexDir = path.join(work, `index-${round}`);
      // As `npm run ingest` does, the loader process is started while the model loads, before the clock.
      await startLoaderProcess(ingestLimitsOf(config));
      const phases = phaseClock();
      const t1 = performance.now();
      const report = await buildIndex({
        corpusDir,
        indexDir,
        embeddings,
        log: silentLogger,
        limits: ingestLimitsOf(config),
        embedBatchSize: config.EMBEDDINGS_BATCH_SIZE,
        pgStore,
        onProgress: (p) => phases.enter(p.phase),
      });
      phases.enter('done');
      const ingestSeconds = (performance.now() - t1) / 1000;
      if (report.skipped.length) throw new Error(`the ingest skipped ${report.skipped.length} files: ${report.skipped[0].reason}`);
      const texts = await denseTextsOf(indexDir, pgStore);
      if (texts.length !== report.chunksTotal) throw new Error(`read back ${texts.length} chunks, the ingest reported ${report.chunksTotal}`);
      say(`round ${round + 1}: ingest ${report.documents} files, ${texts.length} chunks (${report.chunksEmbedded} embedded) in ${ingestSeconds.toFixed(2)} s`);
      // "Raw" = the Transformers.js pipeline called directly in this process (onnxruntime on every core), over the
      // same texts sorted by length as the ingest sorts them (so neither pays for padding the other avoids), in
      // batches of the same size: the model's own best throughput, with nothing else around it.
      const sorted = [...texts].sort((a, b) => a.length - b.length);
      const t2 = performance.now();
      for (let i = 0; i < sorted.length; i += config.EMBEDDINGS_BATCH_SIZE) {
        await pipe(sorted.slice(i, i + config.EMBEDDINGS_BATCH_SIZE), { pooling: 'mean', normalize: true });
      }
      const rawSeconds = (performance.now() - t2) / 1000;
      say(`round ${round + 1}: raw model, same ${texts.length} texts, in ${rawSeconds.toFixed(2)} s`);
      measured.push({ ingestSeconds, rawSeconds, chunks: texts.length, phases: phases.seconds() });
    }
    const chunks = measured[0].chunks;
    const ingestSeconds = median(measured.map((m) => m.ingestSeconds));
    const rawSeconds = median(measured.map((m) => m.rawSeconds));
    const ingestChunksPerSecond = chunks / ingestSeconds;
    const rawChunksPerSecond = chunks / rawSeconds;
    return {
      store: opts.store,
      files: docs.length,
      chunks,
      ingestSeconds: round3(ingestSeconds),
      ingestChunksPerSecond: round3(ingestChunksPerSecond),
      rawChunksPerSecond: round3(rawChunksPerSecond),
      ratio: round3(ingestChunksPerSecond / rawChunksPerSecond),
      rawSeconds: round3(rawSeconds),
      modelLoadSeconds: round3(modelLoadSeconds),
      rounds: measured.map((m) => ({ ingestSeconds: round3(m.ingestSeconds), rawSeconds: round3(m.rawSeconds), phases: m.phases })),
      loadAverage: [round3(loadBefore), round3(loadavg()[0])],
      embedder: handle.id,
      batchSize: config.EMBEDDINGS_BATCH_SIZE,
    };
  } finally {
    for (const s of stores) await s.close().catch(() => undefined);
    await pgServer?.stop();
    await rm(work, { recursive: true, force: true });
  }
}

/** One Markdown file per abstract: its title as the heading, then the abstract. */
async function writeCorpus(dir: string, docs: BeirDoc[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const d of docs) await writeFile(path.join(dir, `scifact-${d.id}.md`), `# ${d.title}\n\n${d.text}\n`);
}

/** The texts the ingest embedded, in index order, as the store holds them. */
export async function denseTextsOf(indexDir: string, pgStore: PgStore | undefined): Promise<string[]> {
  if (pgStore) {
    const index = await pgStore.openIndex({ embedder: null, dimensions: null });
    if (!index) throw new Error('the PostgreSQL ingest left no index');
    return index.chunks.map((c) => denseText(c, index.documents.get(c.docId)));
  }
  const current = await readCurrent(indexDir);
  if (!current) throw new Error(`the ingest published no generation in ${indexDir}`);
  const { documents, chunks } = await readChunkStore(current.dir);
  const byId = new Map(documents.map((d) => [d.docId, d]));
  return chunks.map((c) => denseText(c, byId.get(c.docId)));
}

/** A further empty database: on the throwaway server, or beside the given one (same server, new name). */
async function newDatabase(server: { createDatabase(): Promise<string> } | null, given: string | undefined): Promise<string> {
  if (server) return server.createDatabase();
  const pg = (await import('pg')).default;
  const url = new URL(given!);
  const name = `bench_ingest_${process.pid}_${Date.now()}`;
  const admin = new pg.Client(given);
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  url.pathname = `/${name}`;
  const db = new pg.Client(url.toString());
  await db.connect();
  try {
    await db.query('CREATE EXTENSION IF NOT EXISTS vector');
  } finally {
    await db.end();
  }
  return url.toString();
}

/** Seconds spent in each ingest phase: the time from one progress event to the next counts for the first one's phase. */
function phaseClock() {
  const spent: Record<string, number> = {};
  let phase: string | null = null;
  let since = performance.now();
  return {
    enter(next: string) {
      const now = performance.now();
      if (phase) spent[phase] = (spent[phase] ?? 0) + (now - since) / 1000;
      phase = next;
      since = now;
    },
    seconds: () => Object.fromEntries(Object.entries(spent).map(([k, v]) => [k, round3(v)])),
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round3 = (x: number) => Math.round(x * 1000) / 1000;
