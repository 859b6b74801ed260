import { describe, expect, it } from 'vitest';
import { mergeScaleRuns, renderScaleTables, type ScaleRun } from './scale-table.js';

const f = (p50: number) => ({ p50, p95: p50 * 2 });
const store = (chunks: number) => ({
  store: 'local' as const,
  chunks,
  documents: chunks / 2,
  queries: 300,
  loadMs: 1200,
  rssMb: { model: 90, index: chunks / 1000 },
  stagesMs: { embed: f(5), lexical: f(2), dense: f(1), fusion: f(0.5), retrieval: f(6), retrievalWithoutEmbedding: f(2.5) },
  denseRecallAt10: 0.995,
  answers: 50,
  answerMs: f(200),
  sseFirstEventMs: f(20),
  buildSeconds: { chunkStore: 1, bm25: 2, hnsw: 30, total: 33 },
  diskMb: chunks / 500,
});
const run = (sizes: number[], extra: Partial<ScaleRun> = {}): ScaleRun => ({
  machine: '2 cores',
  embeddings: 'minilm',
  base: 'scifact: 9998 chunks',
  queries: 300,
  hnsw: { local: { m: 16, efConstruction: 200, efSearch: 128 }, pgvector: { m: 16, efConstruction: 64, efSearch: 200 } },
  postgres: 'throwaway',
  sizes: sizes.map((n) => ({ chunks: n, documents: n / 2, real: 9998, stores: { local: store(n) } })),
  ingest: [],
  load: null,
  ...extra,
});

describe('the scale tables', () => {
  it('merges the sizes a newer run lacks from older runs of the same base, never from another base', () => {
    const merged = mergeScaleRuns([
      { file: 'scale-3.json', result: run([10_000, 100_000]) },
      { file: 'scale-2.json', result: run([1_000, 1_000_000], { base: 'minibeir: 194 chunks' }) },
      { file: 'scale-1.json', result: run([100_000, 1_000_000], { ingest: [{ store: 'local', files: 300, chunks: 600, ingestSeconds: 20, ingestChunksPerSecond: 30, rawChunksPerSecond: 31, ratio: 0.97 }] }) },
    ])!;
    expect(merged.result.sizes.map((s) => s.chunks)).toEqual([10_000, 100_000, 1_000_000]);
    expect(merged.files).toEqual(['scale-3.json', 'scale-1.json']);
    expect(merged.result.ingest).toHaveLength(1);
    expect(mergeScaleRuns([])).toBeNull();
  });

  it('shows one row per size and store with memory and disk per 100k chunks', () => {
    const text = renderScaleTables(run([100_000, 1_000_000]));
    const rows = text.split('\n').filter((l) => /^\| (100k|1M) \|/.test(l));
    expect(rows).toHaveLength(2);
    // 1M chunks: 1,000 MB of RSS is 100 MB per 100k; 2,000 MB on disk is 200 per 100k
    expect(rows[1]).toContain('| 1000 MB (100) | 2000 MB (200) |');
    expect(rows[1]).toContain('| 2.5 / 5 | 6 / 12 | 0.9950 |');
  });
});
