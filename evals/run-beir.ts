// npm run eval:beir -- --dataset DIR [--split test] [--out DIR] [--baseline report.json] [--limit N]
// Retrieval metrics over a BEIR folder in the eval report format (report.json + report.html, listed on /evals):
// the retrieval engineer's loader and index builder (evals/beir/*, corpus vectors cached under .cache/bench and
// shared with `npm run bench:retrieval`) and the product's HybridRetriever. A document ranks where its best chunk
// ranks. Vectors are searched as the product searches them (hnswlib with the store's parameters), through the same
// code as `npm run bench:retrieval`, so the two print the same figures; `--vectors exact` searches exactly.
// Exit codes as `npm run eval`: 0 written, 2 nothing could be evaluated.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.js';
import { createEmbeddings } from '../server/embeddings/create-embeddings.js';
import { createLogger } from '../server/log.js';
import { HybridRetriever } from '../server/retrieval/hybrid-retriever.js';
import { buildBeirIndex, embedderCacheDir } from './beir/beir-index.js';
import { describeVectorSearch, hnswSearch, VECTOR_SEARCH_MODES, type VectorSearchMode } from './beir/hnsw-search.js';
import { readBeir, type BeirDataset } from './beir/read-beir.js';
import { metricInfo } from './metrics/catalogue.js';
import { buildReport } from './report/build-report.js';
import type { CaseResult } from './report/types.js';
import { readReport, writeReport } from './report/write-report.js';
import { defaultReportDir } from './report/report-folder.js';
import { scoreRanking } from './score-ranking.js';

/** Chunks fetched per query: enough to cover 100 distinct documents (recall@100) when documents have several. */
const CHUNKS_PER_QUERY = 400;
const DOCS_PER_QUERY = 100;
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      dataset: { type: 'string' },
      split: { type: 'string', default: 'test' },
      out: { type: 'string' },
      baseline: { type: 'string' },
      limit: { type: 'string' },
      vectors: { type: 'string', default: 'hnsw' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const usage = 'usage: npm run eval:beir -- --dataset DIR [--split test] [--out DIR] [--baseline report.json] [--limit N] [--vectors hnsw|exact]';
  if (values.help) return console.log(usage), 0;
  if (!values.dataset) return console.error(`error: --dataset DIR is required\n${usage}`), 2;
  if (!VECTOR_SEARCH_MODES.includes(values.vectors as VectorSearchMode)) return console.error(`error: --vectors must be hnsw or exact\n${usage}`), 2;
  const vectorMode = values.vectors as VectorSearchMode;
  const limit = values.limit === undefined ? Infinity : Number(values.limit);
  if (limit !== Infinity && !(Number.isInteger(limit) && limit >= 1)) return console.error(`error: --limit must be a whole number ≥ 1\n${usage}`), 2;

  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, { fd: 2 });
  const startedAt = new Date();
  const t0 = performance.now();
  const dataset: BeirDataset = await readBeir(values.dataset, values.split);
  const baseline = values.baseline ? { report: await readReport(values.baseline), file: values.baseline } : undefined;
  const queries = dataset.queries.slice(0, limit);
  const embeddings = await createEmbeddings(config, log);
  console.error(`${dataset.name}: ${dataset.corpus.length} documents, ${queries.length} ${values.split} queries; embeddings ${embeddings.label}`);

  let shown = 0;
  const cacheDir = path.join(config.ROOT, '.cache', 'bench');
  const { index, cache } = await buildBeirIndex(dataset.corpus, {
    dataset: dataset.name,
    embeddings,
    cacheDir,
    vectorSearch:
      vectorMode === 'hnsw' && embeddings.handle
        ? (v) => hnswSearch(v, embedderCacheDir(cacheDir, dataset.name, embeddings.handle!.id), (l) => console.error(l))
        : undefined,
    onProgress: (done, total) => {
      if (done - shown < 1000 && done < total) return;
      shown = done;
      console.error(`  corpus vectors ${done}/${total}`);
    },
  });
  const retriever = new HybridRetriever({ index, embeddings: embeddings.handle, k: CHUNKS_PER_QUERY });
  console.error(`index: ${index.chunks.length} chunks (${cache ? `${cache.cached} vectors from cache, ${cache.embedded} embedded` : 'no vectors'}); ${retriever.mode} retrieval`);

  const results: CaseResult[] = [];
  let lastTenth = -1;
  for (const [i, q] of queries.entries()) {
    const t = performance.now();
    const ranked: string[] = [];
    for (const hit of await retriever.search(q.text, CHUNKS_PER_QUERY)) {
      if (!ranked.includes(hit.docId)) ranked.push(hit.docId);
      if (ranked.length === DOCS_PER_QUERY) break;
    }
    results.push(scoreRanking(q.id, q.text, ranked, dataset.qrels.get(q.id) ?? new Map(), performance.now() - t));
    const tenth = Math.floor((10 * (i + 1)) / queries.length);
    if (tenth !== lastTenth) console.error(`  queries ${i + 1}/${queries.length}`);
    lastTenth = tenth;
  }

  const report = buildReport({
    set: `${dataset.name}${values.split === 'test' ? '' : `-${values.split}`}`,
    kind: 'retrieval',
    config: {
      embeddings: embeddings.label,
      answerer: 'none (retrieval only)',
      k: DOCS_PER_QUERY,
      retrieval: retriever.mode,
      vectorSearch: embeddings.handle ? describeVectorSearch(vectorMode) : null,
      dataset: path.relative(config.ROOT, path.resolve(values.dataset)),
      split: values.split,
      documents: dataset.corpus.length,
      chunks: index.chunks.length,
      ...(queries.length < dataset.queries.length ? { limit: queries.length } : {}),
    },
    results,
    startedAt,
    durationMs: performance.now() - t0,
    baseline,
  });
  const outDir = values.out ? path.resolve(values.out) : defaultReportDir(config.EVAL_DIR, report.set, startedAt);
  const files = await writeReport(outDir, report);
  for (const [k, v] of Object.entries(report.aggregate)) {
    if (typeof v === 'number' && !k.endsWith('Cases')) console.log(`  ${metricInfo(k).label.padEnd(12)} ${v.toFixed(4)}`);
  }
  console.log(`  latency p50 / p95 ${report.aggregate.latencyMs.p50} / ${report.aggregate.latencyMs.p95} ms per query`);
  console.log(`report: ${files.html}\n        ${files.json}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    const e = err as Error;
    const known = ['ConfigError', 'BeirFormatError', 'ReportReadError'].includes(e.name) || (e as NodeJS.ErrnoException).code === 'ENOENT';
    console.error(known ? `error: ${e.message}` : err);
    process.exit(2);
  },
);
