// The product's vector search (hnswlib, the store's parameters) over a BEIR corpus's vectors, built once per set of
// vectors and cached beside them. `npm run eval:beir` and `npm run bench:retrieval` both search through it by
// default, so one measure has one figure (exact cosine only on request: `--vectors exact`).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { HNSW_PARAMS, openVectorSearch, writeHnswIndex } from '../../server/store/vector-store.js';
import type { VectorSearch } from '../../server/store/types.js';

export const VECTOR_SEARCH_MODES = ['hnsw', 'exact'] as const;
export type VectorSearchMode = (typeof VECTOR_SEARCH_MODES)[number];

export const describeVectorSearch = (mode: VectorSearchMode) =>
  mode === 'hnsw' ? `hnswlib (store, M ${HNSW_PARAMS.m}, efSearch max(${HNSW_PARAMS.efSearch}, k))` : 'exact cosine';

/** The HNSW graph over `vectors` in `cacheDir` (built on first use, atomically), opened as the store opens it. */
export async function hnswSearch(vectors: Float32Array[], cacheDir: string, say: (line: string) => void = () => {}): Promise<VectorSearch> {
  const dims = vectors[0].length;
  const rows = new Float32Array(vectors.length * dims);
  vectors.forEach((v, i) => rows.set(v, i * dims));
  const key = createHash('sha256').update(new Uint8Array(rows.buffer)).update(JSON.stringify(HNSW_PARAMS)).digest('hex').slice(0, 24);
  const dir = path.join(cacheDir, `hnsw-${key}`);
  if (!existsSync(dir)) {
    const tmp = `${dir}.tmp-${process.pid}`;
    await mkdir(tmp, { recursive: true });
    say(`  building the HNSW graph over ${vectors.length} vectors…`);
    await writeHnswIndex(tmp, { dimensions: dims, rows, keys: vectors.map((_, i) => String(i)) });
    await rename(tmp, dir);
  }
  return openVectorSearch(dir, dims, vectors.length);
}
