// bm25.json of a generation: the keyword index over every chunk (Hit.index = position in chunks.json).
// Built from scratch by each generation: cheap next to embedding, and removal can never leave a stale posting.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Bm25Index, type Bm25Json } from './bm25.js';
import { writeFileDurable } from './index-dir.js';

// Read synchronously on purpose: under load the libuv threadpool is busy with model inference, and an async read
// queued behind it made a finished ingest go live 15–17 s late (a few MB read at once block the loop for milliseconds).
export const BM25_FILE = 'bm25.json';

/** Indexes `texts` (one per chunk, in chunk order) and writes the index. */
export async function writeLexicalIndex(dir: string, texts: string[]): Promise<void> {
  await writeFileDurable(path.join(dir, BM25_FILE), JSON.stringify(Bm25Index.build(texts).toJSON()));
}

export async function readLexicalIndex(dir: string): Promise<Bm25Index> {
  return Bm25Index.fromJSON(JSON.parse(readFileSync(path.join(dir, BM25_FILE), 'utf8')) as Bm25Json);
}
