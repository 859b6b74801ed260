// BASELINE (the ingest helper owns and replaces this): one corpus file → cleaned SourceDoc + its chunks.
import { readFile } from 'node:fs/promises';
import type { Chunk, DiscoveredFile, SourceDoc, TokenCounter } from '../domain.js';
import { chunkDocument } from './chunk.js';

/** A file that cannot be ingested; `message` says which file and why, in words. */
export class IngestError extends Error {
  override name = 'IngestError';
  constructor(
    readonly relPath: string,
    readonly reason: string,
  ) {
    super(`${relPath}: ${reason}`);
  }
}

export async function prepareDocument(
  file: DiscoveredFile,
  countTokens: TokenCounter,
): Promise<{ doc: SourceDoc; chunks: Chunk[] }> {
  const text = (await readFile(file.path, 'utf8')).replace(/\r\n?/g, '\n').trim();
  if (!text) throw new IngestError(file.relPath, 'the file is empty');
  const doc: SourceDoc = {
    docId: file.docId,
    title: file.meta.title ?? text.split('\n')[0].slice(0, 200),
    authors: file.meta.authors ?? [],
    publisher: file.meta.publisher ?? null,
    url: file.meta.url ?? null,
    date: file.meta.date ?? null,
    kind: file.meta.kind ?? null,
    note: file.meta.note ?? null,
    relPath: file.relPath,
    format: file.ext,
    hash: file.hash,
    text,
    pages: [],
    sections: [],
  };
  return { doc, chunks: chunkDocument(doc, countTokens) };
}
