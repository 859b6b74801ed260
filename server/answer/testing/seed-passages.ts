// Test helper: the real seed corpus (corpus/), chunked by the product chunker and searched in memory by the product
// retriever with the real embedding model, so answerer tests see the passages the engine would give them without
// needing an index on disk.
import path from 'node:path';
import { PROJECT_ROOT } from '../../config.js';
import { testConfig } from '../../testing/test-config.js';
import type { Passage } from '../../contract.js';
import type { Chunk, SourceDoc } from '../../domain.js';
import { createEmbeddings } from '../../embeddings/create-embeddings.js';
import { discoverCorpus } from '../../ingest/discover.js';
import { prepareDocument } from '../../ingest/prepare-document.js';
import { silentLogger } from '../../log.js';
import { HybridRetriever } from '../../retrieval/hybrid-retriever.js';
import { buildInMemoryIndex } from '../../retrieval/in-memory-index.js';
import { cachedEmbeddings, type CachedEmbeddings } from './disk-embedding-cache.js';
import { loadAnswerSelector, type AnswerSelector } from '../selector/answer-selector.js';

export interface SeedSearch {
  /** the real model behind a disk cache (.cache/answer-tests): chunks and sentences are embedded once per model */
  embeddings: CachedEmbeddings;
  chunks: Chunk[];
  search(question: string, k?: number): Promise<Passage[]>;
}

export function toPassage(chunk: Chunk, doc: SourceDoc, score: number): Passage {
  return {
    chunkId: chunk.chunkId,
    docId: chunk.docId,
    title: doc.title,
    text: chunk.text,
    score,
    start: chunk.start,
    end: chunk.end,
    page: chunk.page,
    section: chunk.section,
    authors: doc.authors,
    date: doc.date,
    url: doc.url,
    publisher: doc.publisher,
  };
}

/**
 * Loads the model and the seed corpus; fails loudly when the model is missing (tests must not pass without it).
 * `cacheName` must differ between test files: vitest runs files in parallel and the cache is append-only.
 */
export async function loadSeedSearch(cacheName: string, corpusDir = path.join(PROJECT_ROOT, 'corpus')): Promise<SeedSearch> {
  const config = testConfig();
  const choice = await createEmbeddings(config, silentLogger);
  if (!choice.handle) throw new Error('the embedding model is not available: set MODELS_DIR (e.g. ../shared/models)');
  const embeddings = cachedEmbeddings(choice.handle, path.join(PROJECT_ROOT, '.cache', 'answer-tests'), cacheName);
  const { files } = await discoverCorpus(corpusDir);
  const docs = new Map<string, SourceDoc>();
  const chunks: Chunk[] = [];
  for (const file of files) {
    const { doc, chunks: cs } = await prepareDocument(file, choice.countTokens);
    docs.set(doc.docId, doc);
    chunks.push(...cs);
  }
  const index = await buildInMemoryIndex({ documents: docs.values(), chunks, embeddings });
  const retriever = new HybridRetriever({ index, embeddings, k: 6 });
  embeddings.flush();
  return {
    embeddings,
    chunks,
    async search(question, k = 6) {
      const hits = await retriever.search(question, k);
      return hits.map((h) => toPassage(h, docs.get(h.docId)!, h.score));
    },
  };
}

/** The committed answer selector (models/trained/answer-selector); fails loudly when it is missing. */
export async function loadTestSelector(): Promise<AnswerSelector> {
  return loadAnswerSelector(testConfig().ANSWER_SELECTOR_DIR);
}
