// Embeddings of a benchmark corpus, cached on disk: embedding SciFact takes 10+ minutes on 2 cores, and the
// vectors depend only on the model, its dtype and the exact texts. Texts are cached in blocks keyed by a hash of
// (embedder id + block texts), so an interrupted run resumes and a changed chunker re-embeds only what changed.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EmbeddingsHandle } from '../../server/embeddings/create-embeddings.js';

export interface CachedEmbedResult {
  vectors: Float32Array[];
  /** texts whose vectors came from the cache */
  cached: number;
  /** texts embedded in this run, and the seconds that took */
  embedded: number;
  embedSeconds: number;
}

const BLOCK = 512;

export function blockKey(embedderId: string, texts: string[]): string {
  const h = createHash('sha256').update(embedderId);
  for (const t of texts) h.update('\u0000').update(t);
  return h.digest('hex').slice(0, 24);
}

export interface CachedEmbedOptions {
  onProgress?: (done: number, total: number) => void;
  /**
   * Embed one text at a time with embedQuery, as the retriever embeds a question. Not the same vectors as a
   * batch: with the q8 model, activations are quantised per batch, so padding shifts them slightly.
   */
  asQueries?: boolean;
}

export async function cachedEmbed(
  handle: EmbeddingsHandle,
  texts: string[],
  cacheDir: string,
  options: CachedEmbedOptions = {},
): Promise<CachedEmbedResult> {
  const { onProgress, asQueries = false } = options;
  await mkdir(cacheDir, { recursive: true });
  const dims = handle.dimensions;
  const vectors: Float32Array[] = [];
  let cached = 0;
  let embedded = 0;
  let embedSeconds = 0;
  for (let start = 0; start < texts.length; start += BLOCK) {
    const block = texts.slice(start, start + BLOCK);
    const file = path.join(cacheDir, `${blockKey(asQueries ? `query:${handle.id}` : handle.id, block)}.f32`);
    if (existsSync(file)) {
      const buf = await readFile(file);
      const flat = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
      if (flat.length === block.length * dims) {
        for (let i = 0; i < block.length; i++) vectors.push(flat.slice(i * dims, (i + 1) * dims));
        cached += block.length;
        onProgress?.(start + block.length, texts.length);
        continue;
      }
    }
    const t0 = performance.now();
    const fresh: number[][] = [];
    if (asQueries) {
      for (const t of block) {
        fresh.push(await handle.embedQuery(t));
        onProgress?.(start + fresh.length, texts.length);
      }
    } else fresh.push(...(await handle.embedDocuments(block, (done) => onProgress?.(start + done, texts.length))));
    embedSeconds += (performance.now() - t0) / 1000;
    embedded += block.length;
    const flat = new Float32Array(block.length * dims);
    fresh.forEach((v, i) => flat.set(v, i * dims));
    for (let i = 0; i < block.length; i++) vectors.push(flat.slice(i * dims, (i + 1) * dims));
    // Write-then-rename: a run killed mid-write never leaves a truncated block behind.
    const tmp = `${file}.tmp-${process.pid}`;
    await writeFile(tmp, Buffer.from(flat.buffer));
    await rename(tmp, file);
  }
  return { vectors, cached, embedded, embedSeconds };
}
