// The tables of `npm run bench -- --scale` (scripts/bench-scale.ts), printed by the benchmark and written into the
// README by npm run readme:figures from the saved run.
import type { ScaleQueryResult } from '../../scripts/bench/scale-query.js';

export interface IngestFigures {
  store: 'local' | 'pgvector';
  files: number;
  chunks: number;
  ingestSeconds: number;
  ingestChunksPerSecond: number;
  rawChunksPerSecond: number;
  ratio: number;
}

export interface HttpLoadFigures {
  tool: string;
  seconds: number;
  connections: number;
  index: string;
  routes: { route: string; requests: number; rps: number; p50Ms: number; p99Ms: number; errors: number }[];
  health: { route: string; samples: number; p50Ms: number; p99Ms: number; maxMs: number }[];
}

type StoreFigures = ScaleQueryResult & { buildSeconds: Record<string, number>; diskMb: number };

export interface ScaleRun {
  machine: string;
  embeddings: string;
  base: string;
  queries: number;
  hnsw: { local: { m: number; efConstruction: number; efSearch: number }; pgvector: { m: number; efConstruction: number; efSearch: number } };
  postgres: string;
  sizes: { chunks: number; documents: number; real: number; stores: Partial<Record<'local' | 'pgvector', StoreFigures>> }[];
  ingest: IngestFigures[];
  load: HttpLoadFigures | null;
}

const size = (n: number) => (n >= 1e6 ? `${+(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${+(n / 1e3).toFixed(1)}k` : String(n));
const pp = (f: { p50: number; p95: number }) => `${f.p50} / ${f.p95}`;
const per100k = (x: number, chunks: number) => Math.round((x * 1e5) / chunks);

export function renderScaleTables(r: ScaleRun): string {
  const out: string[] = [];
  out.push('| chunks | store | load | RSS (per 100k) | disk (per 100k) | build | embed p50 / p95 | lexical | dense | fusion | retrieval (lexical ∥ dense + fusion) | retrieval with embedding | dense recall@10 | answer | first SSE event |');
  out.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const s of r.sizes) {
    for (const [store, q] of Object.entries(s.stores) as [string, StoreFigures][]) {
      const build = Object.entries(q.buildSeconds)
        .filter(([k]) => k !== 'total')
        .map(([k, v]) => `${k} ${Math.round(v)} s`)
        .join(', ');
      out.push(
        `| ${size(s.chunks)} | ${store} | ${q.loadMs >= 10_000 ? `${(q.loadMs / 1000).toFixed(1)} s` : `${Math.round(q.loadMs)} ms`} | ${Math.round(q.rssMb.index)} MB (${per100k(q.rssMb.index, s.chunks)}) | ${q.diskMb} MB (${per100k(q.diskMb, s.chunks)}) | ${build} | ${pp(q.stagesMs.embed)} | ${pp(q.stagesMs.lexical)} | ${pp(q.stagesMs.dense)} | ${pp(q.stagesMs.fusion)} | ${pp(q.stagesMs.retrievalWithoutEmbedding)} | ${pp(q.stagesMs.retrieval)} | ${q.denseRecallAt10.toFixed(4)} | ${pp(q.answerMs)} | ${pp(q.sseFirstEventMs)} |`,
      );
    }
  }
  out.push('');
  out.push(
    `(milliseconds p50 / p95 over ${r.queries} SciFact test queries, one at a time; answer and first SSE event over the first ${r.sizes[0] ? Object.values(r.sizes[0].stores)[0]?.answers ?? '' : ''} queries. ${r.machine}; ${r.embeddings}; base ${r.base}; local HNSW M ${r.hnsw.local.m}, efConstruction ${r.hnsw.local.efConstruction}, ef max(${r.hnsw.local.efSearch}, k); pgvector HNSW M ${r.hnsw.pgvector.m}, ef_construction ${r.hnsw.pgvector.efConstruction}, ef_search max(${r.hnsw.pgvector.efSearch}, k); PostgreSQL: ${r.postgres})`,
  );
  if (r.ingest.length) {
    out.push('', '| ingest | files | chunks | end to end | raw model, same texts | ratio |', '| --- | --- | --- | --- | --- | --- |');
    for (const i of r.ingest) {
      out.push(`| ${i.store} | ${i.files} | ${i.chunks} | ${i.ingestChunksPerSecond.toFixed(1)} chunks/s (${i.ingestSeconds.toFixed(1)} s) | ${i.rawChunksPerSecond.toFixed(1)} chunks/s | ${i.ratio.toFixed(2)} |`);
    }
  }
  if (r.load) {
    const l = r.load;
    out.push('', `| HTTP load (${l.tool}, ${l.connections} connections, ${l.seconds} s, ${l.index}) | requests | requests/s | p50 | p99 | errors | /api/health alongside p50 / p99 / max |`, '| --- | --- | --- | --- | --- | --- | --- |');
    l.routes.forEach((route, i) => {
      const h = l.health[i];
      out.push(`| ${route.route} | ${route.requests} | ${route.rps.toFixed(1)} | ${route.p50Ms} ms | ${route.p99Ms} ms | ${route.errors} | ${h ? `${h.p50Ms} / ${h.p99Ms} / ${h.maxMs} ms (${h.samples} probes)` : '–'} |`);
    });
  }
  return out.join('\n');
}

/**
 * One table from several runs: the newest run, plus each size it lacks from the newest older run that measured it
 * on the same base, model and machine (1M chunks takes long enough to be run on its own), and ingest / HTTP load
 * from the newest run that has them. `files` names the runs used.
 */
export function mergeScaleRuns(runs: { file: string; result: ScaleRun }[]): { files: string[]; result: ScaleRun } | null {
  const [newest, ...older] = runs;
  if (!newest) return null;
  const same = (r: ScaleRun) => r.base === newest.result.base && r.embeddings === newest.result.embeddings && r.machine === newest.result.machine;
  const files = new Set([newest.file]);
  const sizes = [...newest.result.sizes];
  let { ingest, load } = newest.result;
  for (const run of older.filter((r) => same(r.result))) {
    for (const s of run.result.sizes) {
      if (sizes.some((have) => have.chunks === s.chunks)) continue;
      sizes.push(s);
      files.add(run.file);
    }
    if (!ingest.length && run.result.ingest.length) {
      ingest = run.result.ingest;
      files.add(run.file);
    }
    if (!load && run.result.load) {
      load = run.result.load;
      files.add(run.file);
    }
  }
  sizes.sort((a, b) => a.chunks - b.chunks);
  return { files: [...files], result: { ...newest.result, sizes, ingest, load } };
}
