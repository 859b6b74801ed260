// Tests and benchmarks only: an embedding model wrapped with a cache on disk (.cache/), so the seed corpus and the
// SQuAD/SciFact calibration sets are embedded once per model, not on every run. Append-only: <name>.keys holds one
// sha1 of the text per line, <name>.f32 the vectors in the same order.
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { EmbeddingsHandle } from '../../embeddings/create-embeddings.js';

export interface CachedEmbeddings extends EmbeddingsHandle {
  /** texts embedded by the model (not found in the cache) since creation */
  readonly misses: number;
  /** writes vectors computed since the last flush */
  flush(): void;
}

const keyOf = (text: string) => createHash('sha1').update(text).digest('hex');

export function cachedEmbeddings(handle: EmbeddingsHandle, dir: string, name = 'vectors'): CachedEmbeddings {
  const safeId = handle.id.replace(/[^\w.@-]+/g, '_');
  mkdirSync(dir, { recursive: true });
  const keysFile = path.join(dir, `${name}-${safeId}.keys`);
  const vectorsFile = path.join(dir, `${name}-${safeId}.f32`);
  const cache = new Map<string, number[]>();
  if (existsSync(keysFile) && existsSync(vectorsFile)) {
    const keys = readFileSync(keysFile, 'utf8').split('\n').filter(Boolean);
    const buf = readFileSync(vectorsFile);
    const all = new Float32Array(buf.buffer, buf.byteOffset, Math.floor(buf.byteLength / 4));
    const dims = handle.dimensions;
    // A write cut short leaves more keys than vectors: keep the complete rows only.
    const rows = Math.min(keys.length, Math.floor(all.length / dims));
    for (let i = 0; i < rows; i++) cache.set(keys[i], Array.from(all.subarray(i * dims, (i + 1) * dims)));
  }
  let pending: [string, number[]][] = [];
  let misses = 0;

  async function embed(texts: string[]): Promise<number[][]> {
    const keys = texts.map(keyOf);
    const todo = [...new Set(keys.map((k, i) => (cache.has(k) ? -1 : i)).filter((i) => i >= 0).map((i) => texts[i]))];
    if (todo.length) {
      const vectors = await handle.embedDocuments(todo);
      misses += todo.length;
      todo.forEach((t, i) => {
        const k = keyOf(t);
        cache.set(k, vectors[i]);
        pending.push([k, vectors[i]]);
      });
      if (pending.length >= 2000) flush();
    }
    return keys.map((k) => cache.get(k)!);
  }

  function flush() {
    if (!pending.length) return;
    const data = new Float32Array(pending.length * handle.dimensions);
    pending.forEach(([, v], i) => data.set(v, i * handle.dimensions));
    appendFileSync(vectorsFile, Buffer.from(data.buffer));
    appendFileSync(keysFile, pending.map(([k]) => k).join('\n') + '\n');
    pending = [];
  }

  return {
    id: handle.id,
    dimensions: handle.dimensions,
    embeddings: handle.embeddings,
    embedDocuments: (texts) => embed(texts),
    parallelCalls: handle.parallelCalls,
    embedQuery: async (text) => (await embed([text]))[0],
    get misses() {
      return misses;
    },
    flush,
  };
}
