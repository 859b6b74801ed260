import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { plainSourceDoc, type Chunk, type SourceDoc } from '../domain.js';
import { writeChunkStore } from './chunk-store.js';
import { IndexCorruptError, IndexMismatchError } from './index-errors.js';
import { createTempGeneration, publishGeneration } from './index-dir.js';
import { writeLexicalIndex } from './lexical-index.js';
import { INDEX_FORMAT_VERSION, writeManifest } from './manifest.js';
import { openIndex } from './open-index.js';
import { normaliseRows, writeHnswIndex, writeVectorTable } from './vector-store.js';

let indexDir: string;
beforeEach(async () => {
  indexDir = await mkdtemp(path.join(os.tmpdir(), 'open-index-'));
});
afterEach(async () => {
  await rm(indexDir, { recursive: true, force: true });
});

const doc = (docId: string, text: string): SourceDoc => plainSourceDoc({ docId, title: docId, text, relPath: `${docId}.txt`, format: 'txt', hash: 'h' });

const chunkOf = (d: SourceDoc, n: number, start: number, end: number): Chunk => ({
  chunkId: `${d.docId}#${n}`,
  docId: d.docId,
  text: d.text.slice(start, end),
  start,
  end,
  page: null,
  section: null,
  isReferences: false,
  tokens: 3,
});

const cats = doc('cats', 'Cats purr softly. Cats sleep all day.');
const dogs = doc('dogs', 'Dogs bark loudly.');
const chunks = [chunkOf(cats, 0, 0, 17), chunkOf(cats, 1, 18, 37), chunkOf(dogs, 0, 0, 17)];

/** A generation written with the store's own writers; vectors in 2-d so neighbours are known. */
async function writeGeneration(id: string, embedder: string | null, dimensions: number | null) {
  const dir = await createTempGeneration(indexDir, id);
  await writeChunkStore(dir, [cats, dogs], chunks);
  await writeLexicalIndex(
    dir,
    chunks.map((c) => c.text),
  );
  if (embedder) {
    const table = {
      dimensions: 2,
      rows: normaliseRows(Float32Array.from([1, 0, 0.9, 0.1, 0, 1]), 2),
      keys: ['a', 'b', 'c'],
    };
    await writeVectorTable(dir, table);
    await writeHnswIndex(dir, table);
  }
  await writeManifest(dir, {
    formatVersion: INDEX_FORMAT_VERSION,
    embedder,
    dimensions,
    chunking: { version: 0 },
    files: { 'cats.txt': { docId: 'cats', hash: 'h', chunks: 2 }, 'dogs.txt': { docId: 'dogs', hash: 'h', chunks: 1 } },
    skipped: [],
    builtAt: '2025-01-01T00:00:00.000Z',
    counts: { documents: 2, chunks: 3 },
  });
  await publishGeneration(indexDir, id);
}

const model = { embedder: 'test:model', dimensions: 2 };

describe('openIndex', () => {
  it('returns null when nothing has been built', async () => {
    expect(await openIndex(path.join(indexDir, 'absent'), model)).toBeNull();
    expect(await openIndex(indexDir, model)).toBeNull();
  });

  it('opens chunks with their text restored, documents, BM25 and the vector index', async () => {
    await writeGeneration('a', 'test:model', 2);
    const index = (await openIndex(indexDir, model))!;
    expect(index.chunks).toEqual(chunks);
    expect([...index.documents.keys()]).toEqual(['cats', 'dogs']);
    expect(index.lexical.search('bark', 5).map((h) => h.index)).toEqual([2]);
    const hits = await index.dense!.search([0, 1], 3);
    expect(hits.map((h) => h.index)).toEqual([2, 1, 0]);
    expect(hits[0].score).toBeCloseTo(1, 5);
  });

  it('refuses an index built with another embedder, naming both and the rebuild command', async () => {
    await writeGeneration('a', 'test:model', 2);
    const err = await openIndex(indexDir, { embedder: 'local:other@q8', dimensions: 384 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IndexMismatchError);
    expect((err as Error).message).toBe(
      `The index in ${indexDir} was built with embeddings test:model (2 dimensions), but local:other@q8 (384 dimensions) ` +
        'is configured; vectors of different models cannot be compared. Rebuild the index with `npm run ingest -- --rebuild`, ' +
        'or set EMBEDDINGS / EMBEDDINGS_DTYPE back to the model it was built with.',
    );
    await expect(openIndex(indexDir, { embedder: 'test:model', dimensions: 3 })).rejects.toThrow(IndexMismatchError);
  });

  it('opens lexical-only when the caller has no model, or the index was built without one', async () => {
    await writeGeneration('a', 'test:model', 2);
    const noModel = (await openIndex(indexDir, { embedder: null, dimensions: null }))!;
    expect(noModel.dense).toBeNull();
    expect(noModel.lexical.search('cats', 5)).toHaveLength(2);
    await writeGeneration('b', null, null);
    const lexicalOnly = (await openIndex(indexDir, model))!;
    expect(lexicalOnly.manifest.embedder).toBeNull();
    expect(lexicalOnly.dense).toBeNull();
  });

  it('follows CURRENT to the newest generation', async () => {
    await writeGeneration('a', null, null);
    await writeGeneration('b', 'test:model', 2);
    expect((await openIndex(indexDir, model))!.dense).not.toBeNull();
  });

  it('reports a damaged index with the rebuild command', async () => {
    await writeGeneration('a', 'test:model', 2);
    await rm(path.join(indexDir, 'gen-a', 'hnswlib.index'));
    await expect(openIndex(indexDir, model)).rejects.toThrow(IndexCorruptError);
    await writeFile(path.join(indexDir, 'CURRENT'), 'gen-missing\n');
    await expect(openIndex(indexDir, model)).rejects.toThrow(
      `The index in ${indexDir} cannot be read (CURRENT names gen-missing, which has no manifest.json). ` +
        'Rebuild it with `npm run ingest -- --rebuild`.',
    );
  });
});
