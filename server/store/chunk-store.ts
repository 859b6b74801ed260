// chunks.json + documents.json of a generation: every chunk (in index order, Hit.index points here) and every
// document's cleaned text and metadata.
// A chunk's text is a slice of its document's text (domain.ts), so it is stored as offsets only and restored on
// read; this halves the chunk store. A chunk whose text is not the slice keeps its text.
// Both are JSON arrays written one element per line (json-array-lines.ts), so a store larger than V8's longest
// string (about 512 MB: ~1M chunks of documents' text) is written and read line by line.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Chunk, SourceDoc } from '../domain.js';
import { writeFileDurable } from './index-dir.js';
import { jsonArrayLines, parseJsonArray } from './json-array-lines.js';

// Read synchronously on purpose: under load the libuv threadpool is busy with model inference, and an async read
// queued behind it made a finished ingest go live 15–17 s late (a few MB read at once block the loop for milliseconds).
export const CHUNKS_FILE = 'chunks.json';
export const DOCUMENTS_FILE = 'documents.json';

type StoredChunk = Omit<Chunk, 'text'> & { text?: string };

export async function writeChunkStore(dir: string, documents: SourceDoc[], chunks: Chunk[]): Promise<void> {
  const byId = new Map(documents.map((d) => [d.docId, d]));
  const stored: StoredChunk[] = chunks.map((c) => {
    const doc = byId.get(c.docId);
    if (!doc) throw new Error(`chunk ${c.chunkId} belongs to no document`);
    if (doc.text.slice(c.start, c.end) === c.text) {
      const { text: _text, ...rest } = c;
      return rest;
    }
    return c;
  });
  await writeFileDurable(path.join(dir, DOCUMENTS_FILE), jsonArrayLines(documents));
  await writeFileDurable(path.join(dir, CHUNKS_FILE), jsonArrayLines(stored));
}

export async function readChunkStore(dir: string): Promise<{ documents: SourceDoc[]; chunks: Chunk[] }> {
  const documents = parseJsonArray<SourceDoc>(readFileSync(path.join(dir, DOCUMENTS_FILE)), DOCUMENTS_FILE);
  const stored = parseJsonArray<StoredChunk>(readFileSync(path.join(dir, CHUNKS_FILE)), CHUNKS_FILE);
  const byId = new Map(documents.map((d) => [d.docId, d]));
  const chunks = stored.map((c): Chunk => {
    if (c.text !== undefined) return c as Chunk;
    const doc = byId.get(c.docId);
    if (!doc) throw new Error(`${CHUNKS_FILE}: chunk ${c.chunkId} names a document not in ${DOCUMENTS_FILE}`);
    return { ...c, text: doc.text.slice(c.start, c.end) };
  });
  return { documents, chunks };
}
