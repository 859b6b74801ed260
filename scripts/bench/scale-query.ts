// One store at one size, measured in a process of its own (so its memory is its own): started by
// scripts/bench-scale.ts as
//   node --expose-gc --import tsx scripts/bench/scale-query.ts --store local|pgvector --index DIR | --database-url URL
//        --vectors FILE --dataset DIR [--queries N] [--answers N]
// and prints one JSON line (ScaleQueryResult). Measures: index load time and the RSS it adds; per stage p50/p95 of
// the product's HybridRetriever (query embedding, lexical, dense, fusion, whole search) over the dataset's test
// queries; recall@10 of the dense leg (the product's 200-candidate search) against exact cosine search over every
// vector; the extractive answer's time and the first SSE event over HTTP for the first `answers` queries.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readBeir } from '../../evals/beir/read-beir.js';
import { percentile } from '../../evals/metrics/latency.js';
import { loadConfig } from '../../server/config.js';
import { createEmbeddings } from '../../server/embeddings/create-embeddings.js';
import { createEngine } from '../../server/engine.js';
import { buildApp } from '../../server/http/app.js';
import { createLogger, silentLogger } from '../../server/log.js';
import { FUSION, HybridRetriever, type RetrievalTimings } from '../../server/retrieval/hybrid-retriever.js';
import { openIndex } from '../../server/store/open-index.js';
import type { PgStore } from '../../server/store/pg/pg-store.js';
import { topK } from '../../server/store/top-k.js';
import type { AnySearchableIndex } from '../../server/store/types.js';
import { timeStream } from './time-stream.js';

export interface StageFigures {
  p50: number;
  p95: number;
}

export interface ScaleQueryResult {
  store: 'local' | 'pgvector';
  chunks: number;
  documents: number;
  queries: number;
  loadMs: number;
  rssMb: { model: number; index: number };
  stagesMs: Record<'embed' | 'lexical' | 'dense' | 'fusion' | 'retrieval' | 'retrievalWithoutEmbedding', StageFigures>;
  denseRecallAt10: number;
  answers: number;
  answerMs: StageFigures;
  sseFirstEventMs: StageFigures;
}

const { values: args } = parseArgs({
  options: {
    store: { type: 'string' },
    index: { type: 'string' },
    'database-url': { type: 'string' },
    vectors: { type: 'string' },
    dataset: { type: 'string' },
    queries: { type: 'string', default: '300' },
    answers: { type: 'string', default: '50' },
  },
});
const store = args.store === 'pgvector' ? 'pgvector' : 'local';
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const rssMb = () => {
  gc();
  return process.memoryUsage().rss / 2 ** 20;
};
const round = (x: number) => Math.round(x * 10) / 10;
const figures = (xs: number[]): StageFigures => ({ p50: round(percentile(xs, 50)), p95: round(percentile(xs, 95)) });

const config = loadConfig({
  overrides: {
    VECTOR_STORE: store,
    ...(store === 'local' ? { INDEX_DIR: args.index! } : { DATABASE_URL: args['database-url']! }),
    ANSWERER: 'extractive',
    RATE_LIMIT_MAX: 0,
    LOG_LEVEL: 'warn',
  },
});
const log = createLogger('warn', { fd: 2 });
const rss0 = rssMb();
const embeddings = await createEmbeddings(config, log);
const handle = embeddings.handle;
if (!handle) throw new Error('the scale benchmark needs the embedding model (MODELS_DIR)');
await handle.embedQuery('warm-up');
const rssModel = rssMb();

const wanted = { embedder: handle.id, dimensions: handle.dimensions };
let pgStore: PgStore | null = null;
const t = performance.now();
let opened: AnySearchableIndex | null;
if (store === 'local') {
  opened = await openIndex(config.INDEX_DIR, wanted);
} else {
  pgStore = await (await import('../../server/store/pg/pg-store.js')).openPgStoreFor(config, log);
  opened = await pgStore.openIndex(wanted);
}
const loadMs = performance.now() - t;
if (!opened?.dense) throw new Error('no index with vectors to measure');
const index = opened;
const dense = opened.dense;
const rssIndex = rssMb();

const dataset = await readBeir(args.dataset!, 'test');
const queries = dataset.queries.slice(0, Number(args.queries)).map((q) => q.text);
const retriever = new HybridRetriever({ index, embeddings: handle, k: config.RETRIEVAL_K });
for (const q of queries.slice(0, 10)) await retriever.search(q);
const stages = { embed: [] as number[], lexical: [] as number[], dense: [] as number[], fusion: [] as number[], retrieval: [] as number[], retrievalWithoutEmbedding: [] as number[] };
for (const q of queries) {
  const s: RetrievalTimings = {};
  await retriever.search(q, config.RETRIEVAL_K, s);
  stages.embed.push(s.embedMs!);
  stages.lexical.push(s.lexicalMs!);
  stages.dense.push(s.denseMs!);
  stages.fusion.push(s.fusionMs!);
  stages.retrieval.push(s.totalMs!);
  // The search given the query's vector: the two legs side by side, then fusion.
  stages.retrievalWithoutEmbedding.push(Math.max(s.lexicalMs!, s.denseMs!) + s.fusionMs!);
}

// Recall@10 of the dense leg as the retriever calls it (FUSION.candidates deep), against exact search.
const bytes = readFileSync(args.vectors!);
const dims = handle.dimensions;
const rows = new Float32Array(bytes.byteLength / 4);
new Uint8Array(rows.buffer).set(bytes);
const n = rows.length / dims;
if (n !== index.chunks.length) throw new Error(`${args.vectors} holds ${n} vectors for ${index.chunks.length} chunks`);
let found = 0;
const sims = new Float32Array(n);
for (const q of queries) {
  const v = await handle.embedQuery(q);
  for (let r = 0; r < n; r++) {
    let dot = 0;
    for (let i = 0, o = r * dims; i < dims; i++) dot += v[i] * rows[o + i];
    sims[r] = dot;
  }
  // Rows are chunks in index order in both stores (documents, then chunks, in the order they were written).
  const truth = new Set(topK(sims, 10).map((h) => index.chunks[h.index].chunkId));
  const hits = (await dense.search(v, FUSION.candidates)).slice(0, 10);
  for (const h of hits) if (truth.has(index.chunks[h.index].chunkId)) found++;
}

const engine = await createEngine(config, { log: silentLogger, embeddings, ...(pgStore ? { pgStore } : {}) });
const answered = queries.slice(0, Number(args.answers));
const answerMs: number[] = [];
for (const q of answered) answerMs.push((await engine.chat({ question: q })).timings.answerMs);
const app = await buildApp({ config, engine, log: silentLogger });
const address = await app.listen({ port: 0, host: '127.0.0.1' });
const firstEvent: number[] = [];
for (const q of answered) firstEvent.push((await timeStream(`${address}/api/chat`, q)).firstEvent);
await app.close();
await pgStore?.close();

const result: ScaleQueryResult = {
  store,
  chunks: index.chunks.length,
  documents: index.documents.size,
  queries: queries.length,
  loadMs: round(loadMs),
  rssMb: { model: round(rssModel - rss0), index: round(rssIndex - rssModel) },
  stagesMs: {
    embed: figures(stages.embed),
    lexical: figures(stages.lexical),
    dense: figures(stages.dense),
    fusion: figures(stages.fusion),
    retrieval: figures(stages.retrieval),
    retrievalWithoutEmbedding: figures(stages.retrievalWithoutEmbedding),
  },
  denseRecallAt10: +(found / (10 * queries.length)).toFixed(4),
  answers: answered.length,
  answerMs: figures(answerMs),
  sseFirstEventMs: figures(firstEvent),
};
console.log(JSON.stringify(result));
process.exit(0);
