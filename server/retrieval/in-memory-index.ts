// A SearchableIndex held in memory: the product's BM25 and index texts, with exact cosine search over vectors.
// For tests and benchmarks, which need the retriever's exact behaviour without writing an index to disk.
import type { Chunk, SourceDoc } from '../domain.js';
import type { EmbeddingsHandle } from '../embeddings/create-embeddings.js';
import type { IndexManifest, SearchableIndex, VectorSearch } from '../store/types.js';
import { Bm25Index } from '../store/bm25.js';
import { ExactVectorSearch } from './exact-vector-search.js';
import { denseText, lexicalText } from '../store/index-text.js';

export interface InMemoryIndexInput {
  documents: Iterable<SourceDoc>;
  /** in index order: Hit.index = position here */
  chunks: Chunk[];
  /** embeds the chunks' dense texts when given (and `vectors` is not) */
  embeddings?: EmbeddingsHandle | null;
  /** precomputed vectors, row i = chunk i */
  vectors?: ArrayLike<number>[];
  /** replaces exact search over the vectors (e.g. the store's HNSW index) */
  vectorSearch?: VectorSearch;
  chunking?: Record<string, unknown>;
}

export async function buildInMemoryIndex(input: InMemoryIndexInput): Promise<SearchableIndex> {
  const documents = new Map([...input.documents].map((d) => [d.docId, d]));
  const { chunks } = input;
  const lexical = Bm25Index.build(chunks.map((c) => lexicalText(c, documents.get(c.docId))));
  let vectors = input.vectors;
  if (!vectors && input.embeddings) vectors = await input.embeddings.embedDocuments(chunks.map((c) => denseText(c, documents.get(c.docId))));
  if (vectors && vectors.length !== chunks.length) throw new Error(`${vectors.length} vectors for ${chunks.length} chunks`);
  const dense = input.vectorSearch ?? (vectors ? new ExactVectorSearch(vectors) : null);
  const manifest: IndexManifest = {
    formatVersion: 0,
    embedder: dense ? (input.embeddings?.id ?? 'precomputed') : null,
    dimensions: vectors?.[0]?.length ?? null,
    chunking: input.chunking ?? {},
    files: {},
    skipped: [],
    builtAt: new Date().toISOString(),
    counts: { documents: documents.size, chunks: chunks.length },
  };
  return { manifest, chunks, documents, lexical, dense };
}
