// The dense half of a generation: every chunk's vector (vectors.f32, row i = chunk i, with vector-keys.json naming
// the text each row embeds) and an HNSW graph over them (hnswlib.index, label i = chunk i).
//
// hnswlib-node directly rather than LangChain's HNSWLib, which wraps the same class, because HNSWLib:
// - saves a docstore.json holding a second copy of every chunk (text + metadata) beside our chunk store: on the
//   seed corpus 88 KB, more than chunks.json and documents.json together (75 KB);
// - never calls setEf, so searches run at hnswlib's default ef = 10: on 2,560 SciFact abstracts (MiniLM q8)
//   recall@10 against exact search is 0.928 at ef 10 and 0.998 at our ef 128;
// - returns cosine distance and console.warns whenever k exceeds the index size.
// The vectors file is what makes builds incremental: a new generation copies the rows of unchanged texts and
// builds a fresh graph, so a removed chunk can never leave a stale vector behind.
import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { HierarchicalNSW as Hnsw } from 'hnswlib-node';
import type { Hit, VectorSearch } from './types.js';
import { fsyncFile, writeFileDurable } from './index-dir.js';

export const VECTORS_FILE = 'vectors.f32';
export const VECTOR_KEYS_FILE = 'vector-keys.json';
export const HNSW_FILE = 'hnswlib.index';

// M 16 / efConstruction 200: hnswlib's recommended starting point. efSearch 128 (hnswlib searches with max(ef, k)):
// recall@5 / @10 / @100 against exact search 0.999 / 0.998 / 0.996 on the 2,560 SciFact vectors above.
export const HNSW_PARAMS = { space: 'cosine', m: 16, efConstruction: 200, efSearch: 128, randomSeed: 100 } as const;

/** Vectors of `keys.length` chunks, `dimensions` floats each, unit length, row-major. */
export interface VectorTable {
  dimensions: number;
  rows: Float32Array;
  /** per row: a hash of the exact text that was embedded (reuse key for the next build) */
  keys: string[];
}

let hnswModule: Promise<typeof import('hnswlib-node')> | null = null;
async function loadHnsw(): Promise<typeof Hnsw> {
  hnswModule ??= import('hnswlib-node').catch((err) => {
    hnswModule = null;
    throw new Error(
      `Could not load hnswlib-node (native module): ${(err as Error).message}. Run \`npm install\` again.`,
    );
  });
  const mod = (await hnswModule) as unknown as {
    default?: { HierarchicalNSW: typeof Hnsw };
    HierarchicalNSW?: typeof Hnsw;
  };
  return (mod.default?.HierarchicalNSW ?? mod.HierarchicalNSW)!;
}

/** Scales each row to unit length in place (cosine = dot product; the embedder may not normalise). */
export function normaliseRows(rows: Float32Array, dimensions: number): Float32Array {
  for (let off = 0; off < rows.length; off += dimensions) {
    let sum = 0;
    for (let i = off; i < off + dimensions; i++) sum += rows[i] * rows[i];
    const norm = Math.sqrt(sum) || 1;
    for (let i = off; i < off + dimensions; i++) rows[i] /= norm;
  }
  return rows;
}

export async function writeVectorTable(dir: string, table: VectorTable): Promise<void> {
  if (table.rows.length !== table.keys.length * table.dimensions) {
    throw new Error(`vector table: ${table.rows.length} floats for ${table.keys.length} rows of ${table.dimensions}`);
  }
  // Little-endian float32, as every platform Node runs on stores it.
  await writeFileDurable(
    path.join(dir, VECTORS_FILE),
    new Uint8Array(table.rows.buffer, table.rows.byteOffset, table.rows.byteLength),
  );
  await writeFileDurable(path.join(dir, VECTOR_KEYS_FILE), JSON.stringify(table.keys));
}

export async function readVectorTable(dir: string, dimensions: number): Promise<VectorTable> {
  // sync: see chunk-store.ts (async reads queue behind inference in the threadpool under load)
  const bytes = readFileSync(path.join(dir, VECTORS_FILE));
  const keys = JSON.parse(readFileSync(path.join(dir, VECTOR_KEYS_FILE), 'utf8')) as string[];
  if (bytes.byteLength !== keys.length * dimensions * 4) {
    throw new Error(`${VECTORS_FILE} has ${bytes.byteLength} bytes, expected ${keys.length} × ${dimensions} × 4`);
  }
  // Copy: a Buffer from readFile may start at an offset that is not a multiple of 4.
  const rows = new Float32Array(keys.length * dimensions);
  new Uint8Array(rows.buffer).set(bytes);
  return { dimensions, rows, keys };
}

/** Builds the HNSW graph over every row and writes it. Deterministic: one thread, fixed seed, rows in order. */
export async function writeHnswIndex(dir: string, table: VectorTable): Promise<void> {
  const HierarchicalNSW = await loadHnsw();
  const count = table.keys.length;
  const index = new HierarchicalNSW(HNSW_PARAMS.space, table.dimensions);
  index.initIndex({
    maxElements: count,
    m: HNSW_PARAMS.m,
    efConstruction: HNSW_PARAMS.efConstruction,
    randomSeed: HNSW_PARAMS.randomSeed,
  });
  for (let i = 0; i < count; i++) {
    index.addPoint(Array.from(table.rows.subarray(i * table.dimensions, (i + 1) * table.dimensions)), i);
  }
  const file = path.join(dir, HNSW_FILE);
  // Saved synchronously. hnswlib-node's async save runs on a worker thread that holds only a raw pointer into this
  // object (no reference keeps it alive), and hnswlib ignores a failed write: the scale benchmark once got a 27 MB
  // file for a 100k-vector graph of 168 MB, published as if whole, that no process could read back. An ingest runs
  // before the server listens (or in its own process), so blocking here stalls nobody. The size check catches any
  // short write: each vector's level-0 record alone is 4·(2M+1) + 4·dims + 8 bytes.
  index.writeIndexSync(file);
  const least = count * (4 * (2 * HNSW_PARAMS.m + 1) + 4 * table.dimensions + 8);
  const written = (await stat(file)).size;
  if (written < least) throw new Error(`hnswlib wrote ${written} bytes of a graph of ${count} vectors (at least ${least} expected)`);
  await fsyncFile(file);
}

class HnswVectorSearch implements VectorSearch {
  constructor(
    private readonly index: Hnsw,
    private readonly dimensions: number,
  ) {}

  async search(vector: number[], k: number): Promise<Hit[]> {
    if (vector.length !== this.dimensions) {
      throw new Error(`Query vector has ${vector.length} dimensions; the index has ${this.dimensions}`);
    }
    // hnswlib throws when k exceeds the number of points.
    const n = Math.min(Math.floor(k), this.index.getCurrentCount());
    if (n <= 0) return [];
    const { neighbors, distances } = this.index.searchKnn(vector, n);
    return neighbors.map((index, i) => ({ index, score: 1 - distances[i] }));
  }
}

/** Loads hnswlib.index; `count` (chunks in the store) guards against a graph from another generation. */
export async function openVectorSearch(dir: string, dimensions: number, count: number): Promise<VectorSearch> {
  const HierarchicalNSW = await loadHnsw();
  const index = new HierarchicalNSW(HNSW_PARAMS.space, dimensions);
  // sync: readIndex runs in the libuv threadpool, where it waits behind inference under load (see chunk-store.ts)
  index.readIndexSync(path.join(dir, HNSW_FILE));
  if (index.getCurrentCount() !== count) {
    throw new Error(`${HNSW_FILE} holds ${index.getCurrentCount()} vectors for ${count} chunks`);
  }
  index.setEf(HNSW_PARAMS.efSearch);
  return new HnswVectorSearch(index, dimensions);
}
