// npm run bench:pg-recall -- --dataset DIR: the recall curve that chose PG_HNSW_EF_SEARCH. Recall@10 of pgvector's
// HNSW search against exact cosine search over the same vectors, for a range of hnsw.ef_search, with the
// p50/p95 latency of each; the queries are the dataset's test queries embedded by the configured model. Needs the
// dataset loaded into DATABASE_URL first (npm run bench:retrieval -- --dataset DIR --store pgvector).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.js';
import { createEmbeddings } from '../server/embeddings/create-embeddings.js';
import { createLogger } from '../server/log.js';
import { ExactVectorSearch } from '../server/retrieval/exact-vector-search.js';
import { openPgStoreFor } from '../server/store/pg/pg-store.js';
import { PgVectorSearch } from '../server/store/pg/pg-vector-search.js';
import { buildBeirIndex } from '../evals/beir/beir-index.js';
import { readBeir } from '../evals/beir/read-beir.js';

const { values: args } = parseArgs({ options: { dataset: { type: 'string' }, k: { type: 'string', default: '10' } } });
if (!args.dataset) {
  console.error('usage: npm run bench:pg-recall -- --dataset DIR [--k 10]');
  process.exit(2);
}
const k = Number(args.k);
const config = loadConfig({ overrides: { VECTOR_STORE: 'pgvector' } });
const log = createLogger('warn');
const embeddings = await createEmbeddings(config, log);
if (!embeddings.handle) throw new Error('the embedding model is needed');
const dataset = await readBeir(args.dataset, 'test');
const built = await buildBeirIndex(dataset.corpus, { dataset: dataset.name, embeddings, cacheDir: path.join(config.ROOT, '.cache', 'bench') });
const exact = new ExactVectorSearch(built.vectors!);
const store = await openPgStoreFor(config, log);
const index = (await store.openIndex({ embedder: embeddings.handle.id, dimensions: embeddings.handle.dimensions }))!;
if (index.chunks.length !== built.index.chunks.length) throw new Error(`the database holds ${index.chunks.length} chunks, the dataset ${built.index.chunks.length}: load it first`);
// The loaded index numbers chunks by row id order (open-pg-index.ts); chunk positions differ between the two indexes,
// so hits are compared by chunk id.
const positions = new Map((await store.pool.query<{ id: number }>('SELECT id FROM assistant.chunks ORDER BY id')).rows.map((r, i) => [r.id, i]));
const queries = await Promise.all(dataset.queries.map((q) => embeddings.handle!.embedQuery(q.text)));
const truth = queries.map((v) => new Set(exact.searchSync(v, k).map((h) => built.index.chunks[h.index].chunkId)));
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const h = store.settings.hnsw;
console.log(`${dataset.name}: ${index.chunks.length} chunks, ${queries.length} queries; HNSW M ${h.m}, ef_construction ${h.efConstruction}; recall@${k} against exact search`);
console.log('ef_search  recall@k  p50 ms  p95 ms');
for (const ef of [10, 20, 40, 64, 100, 200, 400]) {
  const search = new PgVectorSearch(store.pool, embeddings.handle.dimensions, ef, (id) => positions.get(id));
  let found = 0;
  const ms: number[] = [];
  for (const [i, v] of queries.entries()) {
    const t = performance.now();
    const hits = await search.search(v, k);
    ms.push(performance.now() - t);
    for (const hit of hits) if (truth[i].has(index.chunks[hit.index].chunkId)) found++;
  }
  console.log(`${String(ef).padEnd(10)} ${(found / (k * queries.length)).toFixed(4)}    ${pct(ms, 50).toFixed(1).padStart(5)}   ${pct(ms, 95).toFixed(1).padStart(5)}`);
}
await store.close();
