// Loads INDEX_DIR's live generation into a SearchableIndex: chunk store, BM25 and (when both the index and the caller
// have the same embedder) the HNSW vector index.
import type { SearchableIndex } from './types.js';
import { readChunkStore } from './chunk-store.js';
import { readCurrent, type GenerationRef } from './current-generation.js';
import { IndexCorruptError, IndexError, IndexMismatchError } from './index-errors.js';
import { readCurrentGeneration } from './index-dir.js';
import { readLexicalIndex } from './lexical-index.js';
import { INDEX_FORMAT_VERSION } from './manifest.js';
import { openVectorSearch } from './vector-store.js';

export interface OpenIndexOptions {
  /** embedder id the caller will query with (null: none available). A different model/dims is refused. */
  embedder: string | null;
  dimensions: number | null;
}

/**
 * null when no index has been built yet. Throws IndexMismatchError when built by another embedder.
 * Opens lexical-only when the caller has no embedder, or when the index was built without one (then
 * checkIndexFreshness reports it stale, so `npm start` re-ingests with the model).
 */
export async function openIndex(indexDir: string, options: OpenIndexOptions): Promise<SearchableIndex | null> {
  // An ingest may swap CURRENT and prune the generation being read between two of our reads; the files then
  // vanish under us. Starting again from CURRENT finds the new generation.
  for (let attempt = 0; ; attempt++) {
    let name: string | null = null;
    try {
      const current = await readCurrent(indexDir);
      if (!current) return null;
      name = current.name;
      return await load(indexDir, current, options);
    } catch (err) {
      if (err instanceof IndexMismatchError || attempt >= 2) throw wrap(indexDir, err);
      const now = await readCurrentGeneration(indexDir).catch(() => null);
      if (now === name) throw wrap(indexDir, err);
    }
  }
}

async function load(indexDir: string, current: GenerationRef, options: OpenIndexOptions): Promise<SearchableIndex> {
  const { manifest, dir } = current;
  if (manifest.formatVersion !== INDEX_FORMAT_VERSION) {
    throw new IndexCorruptError(
      indexDir,
      `it has format version ${manifest.formatVersion}; this version of the assistant reads ${INDEX_FORMAT_VERSION}`,
    );
  }
  const built = { embedder: manifest.embedder, dimensions: manifest.dimensions };
  const withVectors = built.embedder !== null && options.embedder !== null;
  if (withVectors && (built.embedder !== options.embedder || built.dimensions !== options.dimensions)) {
    throw new IndexMismatchError(indexDir, built, options);
  }
  const { documents, chunks } = await readChunkStore(dir);
  const lexical = await readLexicalIndex(dir);
  const dense = withVectors ? await openVectorSearch(dir, built.dimensions!, chunks.length) : null;
  return {
    manifest,
    chunks,
    documents: new Map(documents.map((d) => [d.docId, d])),
    lexical,
    dense,
  };
}

function wrap(indexDir: string, err: unknown): Error {
  if (err instanceof IndexError) return err;
  return new IndexCorruptError(indexDir, (err as Error).message, { cause: err });
}
