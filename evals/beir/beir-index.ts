// A BEIR corpus indexed the way the product indexes corpus/: the product chunker, the product's index texts,
// the product's BM25 and the configured embeddings, assembled into the same SearchableIndex the retriever reads.
import path from 'node:path';
import { plainSourceDoc, type Chunk, type SourceDoc } from '../../server/domain.js';
import type { EmbeddingsChoice } from '../../server/embeddings/create-embeddings.js';
import { CHUNKING, chunkDocument } from '../../server/ingest/chunk.js';
import { buildInMemoryIndex } from '../../server/retrieval/in-memory-index.js';
import { denseText } from '../../server/store/index-text.js';
import type { SearchableIndex, VectorSearch } from '../../server/store/types.js';
import type { BeirDoc } from './read-beir.js';
import { cachedEmbed } from './vector-cache.js';

export function beirSourceDoc(d: BeirDoc): SourceDoc {
  return plainSourceDoc({ docId: d.id, title: d.title, text: d.text, relPath: d.id, format: 'beir' });
}

export interface ChunkedCorpus {
  documents: Map<string, SourceDoc>;
  chunks: Chunk[];
}

export function chunkCorpus(corpus: BeirDoc[], countTokens: EmbeddingsChoice['countTokens']): ChunkedCorpus {
  const documents = new Map<string, SourceDoc>();
  const chunks: Chunk[] = [];
  for (const d of corpus) {
    const doc = beirSourceDoc(d);
    documents.set(doc.docId, doc);
    // A document with an empty body still has a title worth finding.
    const parts = doc.text.trim() ? chunkDocument(doc, countTokens) : [];
    chunks.push(...(parts.length ? parts : [{ chunkId: `${doc.docId}#0`, docId: doc.docId, text: '', start: 0, end: 0, page: null, section: null, isReferences: false, tokens: 0 }]));
  }
  return { documents, chunks };
}

export interface BeirIndexResult {
  index: SearchableIndex;
  /** the vectors, row i = chunk i (null without embeddings) */
  vectors: Float32Array[] | null;
  cache: { cached: number; embedded: number; embedSeconds: number } | null;
}

export interface BuildBeirIndexOptions {
  dataset: string;
  embeddings: EmbeddingsChoice;
  /** root of the vector cache, e.g. .cache/bench */
  cacheDir: string;
  onProgress?: (done: number, total: number) => void;
  /** the vector search to use over the vectors; default exact cosine */
  vectorSearch?: (vectors: Float32Array[]) => VectorSearch | Promise<VectorSearch>;
}

export function embedderCacheDir(root: string, dataset: string, embedderId: string): string {
  return path.join(root, dataset, embedderId.replace(/[^\w.@-]+/g, '_'));
}

export async function buildBeirIndex(corpus: BeirDoc[], options: BuildBeirIndexOptions): Promise<BeirIndexResult> {
  const { embeddings } = options;
  const { documents, chunks } = chunkCorpus(corpus, embeddings.countTokens);
  const handle = embeddings.handle;
  if (!handle) return { index: await buildInMemoryIndex({ documents: documents.values(), chunks, chunking: { ...CHUNKING } }), vectors: null, cache: null };
  const texts = chunks.map((c) => denseText(c, documents.get(c.docId)));
  const dir = embedderCacheDir(options.cacheDir, options.dataset, handle.id);
  const r = await cachedEmbed(handle, texts, dir, { onProgress: options.onProgress });
  const index = await buildInMemoryIndex({
    documents: documents.values(),
    chunks,
    embeddings: handle,
    vectors: r.vectors,
    vectorSearch: options.vectorSearch ? await options.vectorSearch(r.vectors) : undefined,
    chunking: { ...CHUNKING },
  });
  return { index, vectors: r.vectors, cache: { cached: r.cached, embedded: r.embedded, embedSeconds: r.embedSeconds } };
}
