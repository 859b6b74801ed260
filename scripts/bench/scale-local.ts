// The scale benchmark's local store: a derived corpus (scale-corpus.ts) written as an INDEX_DIR generation by the
// same writers `npm run ingest` uses (chunk store, BM25, vector table, HNSW graph, manifest, CURRENT), so the server
// and openIndex read it exactly as they read an ingested one. Only the embedding step is skipped (the vectors are
// given). Times each writer; the folder's size is the store's disk footprint.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { CHUNKING } from '../../server/ingest/chunk.js';
import { writeChunkStore } from '../../server/store/chunk-store.js';
import { createTempGeneration, generationDirName, newGenerationId, publishGeneration } from '../../server/store/index-dir.js';
import { lexicalText } from '../../server/store/index-text.js';
import { writeLexicalIndex } from '../../server/store/lexical-index.js';
import { INDEX_FORMAT_VERSION, writeManifest } from '../../server/store/manifest.js';
import type { IndexManifest } from '../../server/store/types.js';
import { HNSW_PARAMS, writeHnswIndex, writeVectorTable } from '../../server/store/vector-store.js';
import type { ScaleCorpus } from './scale-corpus.js';

export interface LocalBuild {
  seconds: { chunkStore: number; bm25: number; vectors: number; hnsw: number; total: number };
  diskBytes: number;
  generationDir: string;
}

export async function writeLocalScaleIndex(indexDir: string, corpus: ScaleCorpus, embedder: string, say: (line: string) => void): Promise<LocalBuild> {
  const id = newGenerationId();
  const dir = await createTempGeneration(indexDir, id);
  const byId = new Map(corpus.documents.map((d) => [d.docId, d]));
  const t0 = performance.now();
  let t = t0;
  const lap = () => {
    const s = (performance.now() - t) / 1000;
    t = performance.now();
    return s;
  };
  await writeChunkStore(dir, corpus.documents, corpus.chunks);
  const chunkStore = lap();
  await writeLexicalIndex(
    dir,
    corpus.chunks.map((c) => lexicalText(c, byId.get(c.docId))),
  );
  const bm25 = lap();
  const table = { dimensions: corpus.dimensions, rows: corpus.vectors, keys: corpus.chunks.map((c) => `scale:${c.chunkId}`) };
  await writeVectorTable(dir, table);
  const vectors = lap();
  say(`  local: HNSW graph over ${corpus.size} vectors (M ${HNSW_PARAMS.m}, efConstruction ${HNSW_PARAMS.efConstruction}, one thread)…`);
  await writeHnswIndex(dir, table);
  const hnsw = lap();
  const files: IndexManifest['files'] = {};
  const counts = new Map<string, number>();
  for (const c of corpus.chunks) counts.set(c.docId, (counts.get(c.docId) ?? 0) + 1);
  for (const d of corpus.documents) files[d.relPath] = { docId: d.docId, hash: d.hash, chunks: counts.get(d.docId) ?? 0 };
  await writeManifest(dir, {
    formatVersion: INDEX_FORMAT_VERSION,
    embedder,
    dimensions: corpus.dimensions,
    chunking: { ...CHUNKING },
    files,
    skipped: [],
    builtAt: new Date().toISOString(),
    counts: { documents: corpus.documents.length, chunks: corpus.chunks.length },
    generation: generationDirName(id),
    vectors: { space: HNSW_PARAMS.space, m: HNSW_PARAMS.m, efConstruction: HNSW_PARAMS.efConstruction, efSearch: HNSW_PARAMS.efSearch },
  });
  await publishGeneration(indexDir, id);
  const generationDir = path.join(indexDir, generationDirName(id));
  return {
    seconds: { chunkStore, bm25, vectors, hnsw, total: (performance.now() - t0) / 1000 },
    diskBytes: folderBytes(generationDir),
    generationDir,
  };
}

export function folderBytes(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const s = statSync(path.join(dir, name));
    total += s.isDirectory() ? folderBytes(path.join(dir, name)) : s.size;
  }
  return total;
}
