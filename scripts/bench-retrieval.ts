// npm run bench:retrieval -- --dataset DIR [--json] [--dtype q8|fp32] [--split test] [--vectors hnsw|exact] [--sample N]
//   [--store local|pgvector]
// Retrieval quality on a BEIR-format folder through the product's own path: chunkDocument → lexicalText/denseText →
// Bm25Index + the configured embeddings → HybridRetriever (lexical-only, dense-only, hybrid). A document ranks
// where its best chunk ranks. Prints nDCG@10 / recall@100 / MRR@10 per mode and ingest throughput; with --json the
// last line is one JSON object (CONTRACT.md). Corpus vectors are cached under .cache/bench (see vector-cache.ts),
// so throughput is measured on a fresh sample of documents every run.
// --store pgvector: the same chunks, texts and vectors loaded into PostgreSQL at DATABASE_URL (an empty or benchmark
// database: store/pg/bulk-load.ts), and the same HybridRetriever searching there (BM25 in SQL, pgvector HNSW).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.js';
import { createEmbeddings, type EmbeddingsChoice } from '../server/embeddings/create-embeddings.js';
import { LocalEmbeddings } from '../server/embeddings/local-embeddings.js';
import { createLogger } from '../server/log.js';
import { CHUNKING } from '../server/ingest/chunk.js';
import { Bm25Index } from '../server/store/bm25.js';
import { HybridRetriever } from '../server/retrieval/hybrid-retriever.js';
import { bulkLoad } from '../server/store/pg/bulk-load.js';
import { openPgStoreFor, type PgStore } from '../server/store/pg/pg-store.js';
import type { AnySearchableIndex } from '../server/store/types.js';
import { denseText, lexicalText } from '../server/store/index-text.js';
import { buildBeirIndex, chunkCorpus, embedderCacheDir } from '../evals/beir/beir-index.js';
import { describeVectorSearch, hnswSearch, type VectorSearchMode } from '../evals/beir/hnsw-search.js';
import { evaluateRankings, type RankingMetrics } from '../evals/beir/ir-metrics.js';
import { readBeir, type BeirDoc } from '../evals/beir/read-beir.js';
import { saveBenchRun } from '../evals/report/bench-runs.js';

const { values: args } = parseArgs({
  options: {
    dataset: { type: 'string' },
    json: { type: 'boolean', default: false },
    dtype: { type: 'string' },
    split: { type: 'string', default: 'test' },
    vectors: { type: 'string', default: 'hnsw' },
    sample: { type: 'string', default: '200' },
    store: { type: 'string', default: 'local' },
  },
});
if (!args.dataset) {
  console.error('usage: npm run bench:retrieval -- --dataset DIR [--json] [--dtype q8|fp32] [--split test] [--vectors hnsw|exact] [--sample N]');
  process.exit(2);
}
if (args.dtype && args.dtype !== 'q8' && args.dtype !== 'fp32') throw new Error(`--dtype must be q8 or fp32, not ${args.dtype}`);
if (args.vectors !== 'hnsw' && args.vectors !== 'exact') throw new Error(`--vectors must be hnsw or exact, not ${args.vectors}`);
if (args.store !== 'local' && args.store !== 'pgvector') throw new Error(`--store must be local or pgvector, not ${args.store}`);

const config = loadConfig({ overrides: { ...(args.dtype ? { EMBEDDINGS_DTYPE: args.dtype } : {}), ...(args.store === 'pgvector' ? { VECTOR_STORE: 'pgvector' } : {}) } });
const log = createLogger('warn');
// Progress and tables go to stderr under --json, so stdout carries the JSON object only.
const say = (line: string) => (args.json ? process.stderr : process.stdout).write(`${line}\n`);

const dataset = await readBeir(args.dataset, args.split);
const embeddings = await createEmbeddings(config, log);
const handle = embeddings.handle;
const cacheRoot = path.join(config.ROOT, '.cache', 'bench');
say(`${dataset.name}: ${dataset.corpus.length} documents, ${dataset.queries.length} ${args.split} queries; embeddings ${embeddings.label}`);

const throughput = handle && Number(args.sample) > 0 ? await measureThroughput(dataset.corpus.slice(0, Number(args.sample)), embeddings) : null;

let lastShown = 0;
const t0 = performance.now();
const built = await buildBeirIndex(dataset.corpus, {
  dataset: dataset.name,
  embeddings,
  cacheDir: cacheRoot,
  vectorSearch: args.vectors === 'hnsw' ? (v) => hnswSearch(v, embedderCacheDir(cacheRoot, dataset.name, handle!.id), say) : undefined,
  onProgress: (done, total) => {
    if (done - lastShown < 500 && done < total) return;
    lastShown = done;
    say(`  corpus vectors ${done}/${total} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  },
});
const { cache } = built;
let index: AnySearchableIndex = built.index;
let vectorSearchUsed = handle ? describeVectorSearch(args.vectors as VectorSearchMode) : null;
let pgStore: PgStore | null = null;
if (args.store === 'pgvector') {
  pgStore = await openPgStoreFor(config, log);
  const chunks = built.index.chunks;
  const loaded = await bulkLoad(pgStore, {
    name: dataset.name,
    documents: [...built.index.documents.values()],
    chunks,
    lexicalTexts: chunks.map((c) => lexicalText(c, built.index.documents.get(c.docId))),
    vectors: built.vectors,
    embedder: handle?.id ?? null,
  });
  say(`PostgreSQL (${pgStore.database}): loaded in ${loaded.loadSeconds.toFixed(1)} s, HNSW index built in ${loaded.indexSeconds.toFixed(1)} s`);
  index = (await pgStore.openIndex({ embedder: handle?.id ?? null, dimensions: handle?.dimensions ?? null }))!;
  const h = pgStore.settings.hnsw;
  vectorSearchUsed = handle ? `pgvector HNSW (M ${h.m}, ef_construction ${h.efConstruction}, ef_search max(${h.efSearch}, k))` : null;
}
say(`index: ${index.chunks.length} chunks; vectors ${cache ? `${cache.cached} from cache, ${cache.embedded} embedded now` : 'none'}; search ${vectorSearchUsed ?? 'lexical only'}`);

// Enough chunks to cover 100 documents (recall@100) even when documents have several chunks.
const CHUNKS_PER_QUERY = 400;
const modes = handle ? (['lexical', 'dense', 'hybrid'] as const) : (['lexical'] as const);
const results: Partial<Record<'lexical' | 'dense' | 'hybrid', RankingMetrics & { msPerQuery: number }>> = {};
for (const mode of modes) {
  const retriever = new HybridRetriever({
    index,
    embeddings: handle,
    k: CHUNKS_PER_QUERY,
    ...(mode === 'hybrid' ? {} : { only: mode }),
  });
  const rankings = new Map<string, string[]>();
  const start = performance.now();
  for (const q of dataset.queries) {
    const seen = new Set<string>();
    for (const hit of await retriever.search(q.text, CHUNKS_PER_QUERY)) {
      seen.add(hit.docId);
      if (seen.size === 100) break;
    }
    rankings.set(q.id, [...seen]);
  }
  const msPerQuery = (performance.now() - start) / dataset.queries.length;
  results[mode] = { ...evaluateRankings(rankings, dataset.qrels), msPerQuery };
}

const f = (x: number) => x.toFixed(4);
say('');
say('mode      nDCG@10  recall@100  MRR@10   ms/query');
for (const [mode, m] of Object.entries(results)) {
  say(`${mode.padEnd(9)} ${f(m['ndcg@10'])}   ${f(m['recall@100'])}     ${f(m['mrr@10'])}   ${m.msPerQuery.toFixed(1)}`);
}
if (throughput) {
  say('');
  say(`throughput on ${throughput.docs} documents (${throughput.chunks} chunks), measured now:`);
  say(`  raw model (pipeline, batches of ${config.EMBEDDINGS_BATCH_SIZE}, input order): ${throughput.rawChunksPerSecond.toFixed(1)} chunks/s`);
  say(`  ingest (chunk + embed + BM25, product path):        ${throughput.ingestChunksPerSecond.toFixed(1)} chunks/s`);
}
if (cache) {
  say(
    cache.embedded
      ? `corpus vectors: ${cache.embedded} embedded in this run at ${(cache.embedded / cache.embedSeconds).toFixed(1)} chunks/s (${cache.cached} from cache)`
      : `corpus vectors: all ${cache.cached} from the cache (${path.relative(config.ROOT, embedderCacheDir(cacheRoot, dataset.name, handle!.id))})`,
  );
}

const round = (m: RankingMetrics) => ({ 'ndcg@10': +f(m['ndcg@10']), 'recall@100': +f(m['recall@100']), 'mrr@10': +f(m['mrr@10']) });
const report = {
  dataset: dataset.name,
  queries: dataset.queries.length,
  docs: dataset.corpus.length,
  lexical: round(results.lexical!),
  ...(results.dense ? { dense: round(results.dense) } : {}),
  ...(results.hybrid ? { hybrid: round(results.hybrid) } : {}),
  embeddings: embeddings.label,
  split: args.split,
  chunks: index.chunks.length,
  chunking: CHUNKING,
  vectorSearch: vectorSearchUsed,
  store: args.store,
  vectorCache: cache ? { used: cache.cached > 0, cached: cache.cached, embedded: cache.embedded } : null,
  throughput,
};
await pgStore?.close();
say(`saved: ${path.relative(config.ROOT, saveBenchRun(config.EVAL_DIR, `retrieval-${dataset.name}${args.store === 'pgvector' ? '-pgvector' : ''}`, report))} (npm run readme:figures puts it in the README)`);
if (args.json) console.log(JSON.stringify(report));

/** Raw model speed vs the product's ingest path, on the same fresh documents (never from the cache). */
async function measureThroughput(docs: BeirDoc[], choice: EmbeddingsChoice) {
  const h = choice.handle!;
  await h.embedQuery('warm-up');
  const t1 = performance.now();
  const { documents, chunks } = chunkCorpus(docs, choice.countTokens);
  const vectors = await h.embedDocuments(chunks.map((c) => denseText(c, documents.get(c.docId))));
  Bm25Index.build(chunks.map((c) => lexicalText(c, documents.get(c.docId))));
  const ingestSeconds = (performance.now() - t1) / 1000;
  void vectors;
  const texts = chunks.map((c) => denseText(c, documents.get(c.docId)));
  let rawSeconds = ingestSeconds;
  // "Raw" = the Transformers.js pipeline called directly, no length sorting, no progress; local models only.
  if (h.embeddings instanceof LocalEmbeddings) {
    const pipe = await h.embeddings.localPipeline();
    const batch = config.EMBEDDINGS_BATCH_SIZE;
    const t2 = performance.now();
    for (let i = 0; i < texts.length; i += batch) await pipe(texts.slice(i, i + batch), { pooling: 'mean', normalize: true });
    rawSeconds = (performance.now() - t2) / 1000;
  }
  return {
    docs: docs.length,
    chunks: chunks.length,
    rawChunksPerSecond: +(chunks.length / rawSeconds).toFixed(2),
    ingestChunksPerSecond: +(chunks.length / ingestSeconds).toFixed(2),
  };
}

/** The store's HNSW index over the cached vectors, itself cached beside them (keyed by the vectors' hash). */
