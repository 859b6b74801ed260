// Measures fusion candidates side by side on a BEIR dataset: chooses on the train split, reports train and test.
// Not the product path (it fuses precomputed full score lists to try hundreds of settings in seconds); the
// chosen setting is then checked through the product's HybridRetriever by scripts/bench-retrieval.ts.
//   npx tsx scripts/tune-retrieval.ts --dataset ../shared/bench/scifact [--dtype q8|fp32]
//   npx tsx scripts/tune-retrieval.ts --squad ../shared/bench/squad-v1.1/dev-v1.1.json [--every 5]
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.js';
import { createEmbeddings } from '../server/embeddings/create-embeddings.js';
import { createLogger } from '../server/log.js';
import { Bm25Index } from '../server/store/bm25.js';
import { analyze } from '../server/store/bm25-tokenize.js';
import { ExactVectorSearch } from '../server/retrieval/exact-vector-search.js';
import { topK } from '../server/store/top-k.js';
import { convexFusion, reciprocalRankFusion, type FusedHit, type Normalisation } from '../server/retrieval/fusion.js';
import type { Hit } from '../server/store/types.js';
import { buildBeirIndex, embedderCacheDir } from '../evals/beir/beir-index.js';
import { evaluateRankings, type RankingMetrics } from '../evals/beir/ir-metrics.js';
import { parseBeirQueries, readBeir, type BeirDoc, type BeirQuery, type Qrels } from '../evals/beir/read-beir.js';
import { readSquad } from '../evals/beir/read-squad.js';
import { cachedEmbed } from '../evals/beir/vector-cache.js';

const { values: args } = parseArgs({
  options: {
    dataset: { type: 'string' },
    squad: { type: 'string' },
    every: { type: 'string', default: '5' },
    dtype: { type: 'string' },
    'max-depth': { type: 'string', default: '10000' },
    /** measure only the candidates whose label matches this regular expression */
    only: { type: 'string' },
  },
});
if (!args.dataset && !args.squad) throw new Error('--dataset DIR (BEIR, train + test splits) or --squad FILE is required');
const config = loadConfig({ overrides: { ...(args.dtype ? { EMBEDDINGS_DTYPE: args.dtype } : {}) } });
const log = createLogger('warn');
const embeddings = await createEmbeddings(config, log);
const handle = embeddings.handle;
if (!handle) throw new Error('tuning needs the embedding model (set MODELS_DIR)');

// Splits to report: SciFact train (chosen on) and test; SQuAD (one in `every` dev questions) as held-out questions.
let splits: { name: string; queries: BeirQuery[]; qrels: Qrels }[];
let corpus: BeirDoc[];
let name: string;
if (args.dataset) {
  const [train, test] = await Promise.all([readBeir(args.dataset, 'train'), readBeir(args.dataset, 'test')]);
  splits = [{ ...train, name: 'train' }, { ...test, name: 'test' }];
  corpus = test.corpus;
  name = test.name;
} else {
  const squad = await readSquad(args.squad!, Number(args.every));
  splits = [{ ...squad, name: 'squad' }];
  corpus = squad.corpus;
  name = squad.name;
}
const cacheRoot = path.join(config.ROOT, '.cache', 'bench');
let shown = 0;
const { index, vectors } = await buildBeirIndex(corpus, {
  dataset: name,
  embeddings,
  cacheDir: cacheRoot,
  onProgress: (d, t) => {
    if (d - shown >= 500 || d === t) console.error(`corpus vectors ${(shown = d)}/${t}`);
  },
});
const bm25 = index.lexical as Bm25Index;
const exact = new ExactVectorSearch(vectors!);
const docOf = index.chunks.map((c) => c.docId);

// Full-corpus doc-level BM25 (one entry per document, title + text): the reference setup of the published 0.677.
const docIds = corpus.map((d) => d.id);
const docBm25 = Bm25Index.build(corpus.map((d) => `${d.title} ${d.text}`));

// Queries in file order for SciFact (the cache blocks then match every run), split order for SQuAD.
const allQueries = args.dataset
  ? parseBeirQueries(await readFile(path.join(args.dataset, 'queries.jsonl'), 'utf8'))
  : splits[0].queries;
// One query at a time, as the retriever embeds them (batched q8 vectors differ slightly).
const qv = await cachedEmbed(handle, allQueries.map((q) => q.text), embedderCacheDir(cacheRoot, `${name}-queries`, handle.id), { asQueries: true });
const maxDepth = Number(args['max-depth']);

/** A ranked list held compactly (10,000 hits × 1,109 queries as objects would not fit in memory). */
interface Ranked {
  idx: Int32Array;
  score: Float32Array;
}
const compact = (hits: Hit[]): Ranked => ({ idx: Int32Array.from(hits, (h) => h.index), score: Float32Array.from(hits, (h) => h.score) });
const cut = (r: Ranked, depth: number): Hit[] =>
  Array.from({ length: Math.min(depth, r.idx.length) }, (_, i) => ({ index: r.idx[i], score: r.score[i] }));

interface QueryData {
  lex: Ranked;
  /** the query analysed like a document (question words kept) */
  lexPlain: Ranked;
  idealPlain: number;
  dense: Ranked;
  ideal: number;
  docLex: Hit[];
}
const data = new Map<string, QueryData>();
const judged = new Set(splits.flatMap((sp) => [...sp.qrels.keys()]));
allQueries.forEach((q, i) => {
  if (!judged.has(q.id)) return;
  const plain = analyze(q.text);
  data.set(q.id, {
    lex: compact(bm25.search(q.text, maxDepth)),
    lexPlain: compact(bm25.search(q.text, maxDepth, plain)),
    idealPlain: bm25.idealScore(q.text, plain),
    dense: compact(topK(exact.similarities(qv.vectors[i]), maxDepth)),
    ideal: bm25.idealScore(q.text),
    docLex: docBm25.search(q.text, 100),
  });
});

type Ranker = (d: QueryData) => { index: number }[];

/** Chunk ranking → document ranking; a document ranks where its best chunk ranks (max aggregation). */
function toDocs(hits: { index: number }[], ids: readonly string[] = docOf): string[] {
  const seen = new Set<string>();
  for (const h of hits) {
    seen.add(ids[h.index]);
    if (seen.size >= 100) break;
  }
  return [...seen];
}

function evaluate(rank: Ranker, qrels: Qrels, ids?: readonly string[]): RankingMetrics {
  const rankings = new Map<string, string[]>();
  for (const qid of qrels.keys()) rankings.set(qid, toDocs(rank(data.get(qid)!), ids));
  return evaluateRankings(rankings, qrels);
}

const rows: { name: string; by: RankingMetrics[] }[] = [];
const only = args.only ? new RegExp(args.only) : null;
function measure(label: string, rank: Ranker, ids?: readonly string[]) {
  if (only && !only.test(label)) return;
  const row = { name: label, by: splits.map((sp) => evaluate(rank, sp.qrels, ids)) };
  rows.push(row);
  const f = (m: RankingMetrics) => `${m['ndcg@10'].toFixed(4)} ${m['recall@100'].toFixed(4)} ${m['mrr@10'].toFixed(4)}`;
  console.log(`${label.padEnd(58)} ${row.by.map((m, i) => `${splits[i].name} ${f(m)}`).join(' | ')}`);
  return row;
}

console.log(`${name}: ${index.chunks.length} chunks of ${corpus.length} docs; ${handle.id}; nDCG@10 R@100 MRR@10`);
measure('BM25 doc-level (reference, not product)', (d) => d.docLex, docIds);
measure('BM25 chunks, doc = max chunk', (d) => cut(d.lex, 1000));
measure('BM25 chunks, question words kept', (d) => cut(d.lexPlain, 1000));
measure('dense chunks, doc = max chunk', (d) => cut(d.dense, 1000));
for (const w of [0.6, 0.7, 0.8]) {
  measure(`convex bm25/ideal + cos w=${w} depth=1000, question words kept`, (d) =>
    convexFusion(cut(d.lexPlain, 1000), cut(d.dense, 1000), { denseWeight: w, lexicalNorm: 'fixed', lexicalDenominator: d.idealPlain, denseNorm: 'fixed' }));
  measure(`convex bm25/max + cos w=${w} depth=1000, question words kept`, (d) =>
    convexFusion(cut(d.lexPlain, 1000), cut(d.dense, 1000), { denseWeight: w, lexicalNorm: 'max', denseNorm: 'fixed' }));
}

for (const depth of [100, 200, 1000].filter((x) => x <= maxDepth)) {
  for (const k of [10, 30, 60, 100]) measure(`RRF k=${k} depth=${depth}`, (d) => reciprocalRankFusion(cut(d.lex, depth), cut(d.dense, depth), k));
}

const norms: [string, Normalisation, Normalisation, (d: QueryData) => { lexicalDenominator?: number }][] = [
  ['bm25/max + cos', 'max', 'fixed', () => ({})],
  ['bm25/ideal + cos', 'fixed', 'fixed', (d) => ({ lexicalDenominator: d.ideal })],
  ['bm25/max(best, ideal) + cos', 'max-fixed', 'fixed', (d) => ({ lexicalDenominator: d.ideal })],
  ['sat(bm25/ideal) + cos', 'saturate', 'fixed', (d) => ({ lexicalDenominator: d.ideal })],
  ['bm25 min-max + cos min-max', 'min-max', 'min-max', () => ({})],
  ['bm25/max + cos/max', 'max', 'max', () => ({})],
  ['bm25 z + cos z', 'z-score', 'z-score', () => ({})],
  ['bm25 min-max + cos', 'min-max', 'fixed', () => ({})],
];
const weights = [0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9];
const convex = (depth: number, ln: Normalisation, dn: Normalisation, den: (d: QueryData) => { lexicalDenominator?: number }, w: number): Ranker =>
  (d) => convexFusion(cut(d.lex, depth), cut(d.dense, depth), { denseWeight: w, lexicalNorm: ln, denseNorm: dn, ...den(d) });
// Every normalisation × weight at depth 200; then depth 100 and 1000 for the normalisations that use no list
// statistics (max, fixed, max-fixed, saturate), where depth only decides which chunks count as missing from a list.
for (const [label, ln, dn, den] of norms) {
  for (const w of weights) measure(`convex ${label} w=${w} depth=200`, convex(200, ln, dn, den, w));
}
for (const depth of [100, 1000, 10000].filter((x) => x <= maxDepth)) {
  for (const [label, ln, dn, den] of norms.slice(0, 4)) {
    for (const w of [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8]) measure(`convex ${label} w=${w} depth=${depth}`, convex(depth, ln, dn, den, w));
  }
}

// Every lexical hit (free: BM25 scores every chunk anyway) with the dense top 1000 (an HNSW search costs more
// the deeper it goes).
for (const w of [0.5, 0.55, 0.6, 0.65, 0.7]) {
  measure(`convex bm25/max(best, ideal) + cos w=${w} lexical all, dense 1000`, (d) =>
    convexFusion(cut(d.lex, 1e9), cut(d.dense, 1000), { denseWeight: w, lexicalNorm: 'max-fixed', denseNorm: 'fixed', lexicalDenominator: d.ideal }));
}

// A chunk missing from a full list gets the list's lowest value instead of 0 (ConvexOptions.depth).
for (const depth of [200, 1000]) {
  for (const w of [0.5, 0.55, 0.6, 0.65, 0.7]) {
    measure(`convex bm25/max(best, ideal) + cos w=${w} depth=${depth}, missing = lowest of list`, (d) =>
      convexFusion(cut(d.lex, depth), cut(d.dense, depth), { denseWeight: w, lexicalNorm: 'max-fixed', denseNorm: 'fixed', lexicalDenominator: d.ideal, depth }));
  }
}

// Fusing document-level scores (max per document within each list, then fuse) instead of chunk scores; a
// document is keyed by its first chunk so both lists name it alike.
const firstChunk = new Map<string, number>();
docOf.forEach((doc, i) => firstChunk.has(doc) || firstChunk.set(doc, i));
function docLevel(hits: Hit[]): Hit[] {
  const best = new Map<string, Hit>();
  for (const h of hits) if (!best.has(docOf[h.index])) best.set(docOf[h.index], { index: firstChunk.get(docOf[h.index])!, score: h.score });
  return [...best.values()];
}
for (const w of [0.6, 0.65, 0.7, 0.75, 0.8]) {
  measure(`doc-level convex bm25/max + cos w=${w} depth=1000`, (d): FusedHit[] =>
    convexFusion(docLevel(cut(d.lex, 1000)), docLevel(cut(d.dense, 1000)), { denseWeight: w, lexicalNorm: 'max', denseNorm: 'fixed' }));
}

const best = [...rows].sort((a, b) => b.by[0]['ndcg@10'] - a.by[0]['ndcg@10']).slice(0, 15);
console.log(`\nbest on ${splits[0].name} (nDCG@10):`);
for (const r of best) console.log(`  ${r.name.padEnd(56)} ${r.by.map((m, i) => `${splits[i].name} ${m['ndcg@10'].toFixed(4)}`).join('  ')}`);
