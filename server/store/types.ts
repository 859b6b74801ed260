// The seam between the index on disk (store/) and retrieval (retrieval/): a loaded, searchable index.
import type { Chunk, SourceDoc } from '../domain.js';

export interface IndexManifest {
  /** bumped when the on-disk layout changes; an older index is rebuilt */
  formatVersion: number;
  /** provider/model id of the embeddings, e.g. local:Xenova/all-MiniLM-L6-v2@q8; null = built lexical-only */
  embedder: string | null;
  dimensions: number | null;
  /** chunking settings (a change invalidates every file's chunks) */
  chunking: Record<string, unknown>;
  /** per corpus file (relPath): content hash and what came of it */
  files: Record<string, { docId: string; hash: string; chunks: number }>;
  /** files that could not be ingested last time, with the reason */
  skipped: { relPath: string; reason: string; hash?: string }[];
  builtAt: string;
  counts: { documents: number; chunks: number };
  /** directory name of this generation inside INDEX_DIR */
  generation?: string;
  /** fingerprint of how chunks become search texts (index-text.ts, BM25 analyzer); a change re-derives the indexes */
  searchText?: string;
  /** HNSW parameters of the vector index (absent when built lexical-only) */
  vectors?: { space: 'cosine'; m: number; efConstruction: number; efSearch: number };
}

/** A hit: position in SearchableIndex.chunks and the raw score of that search. */
export interface Hit {
  index: number;
  score: number;
}

/** Nearest neighbours by cosine similarity (score in [-1, 1], higher is closer). */
export interface VectorSearch {
  search(vector: number[], k: number): Promise<Hit[]>;
}

/** Keyword search (BM25 score, higher is better, unbounded). */
export interface LexicalSearch {
  search(query: string, k: number): Hit[];
}

/** Keyword search answered by a database (store/pg/): the same scores, awaited. */
export interface AsyncLexicalSearch {
  search(query: string, k: number): Promise<Hit[]>;
  /** Σ idf of the analysed query terms (Bm25Index.idealScore) */
  idealScore(query: string): Promise<number>;
}

/** The local store's lexical search is synchronous; the retriever also takes a database's (AnySearchableIndex). */
export interface SearchableIndex<L extends LexicalSearch | AsyncLexicalSearch = LexicalSearch> {
  manifest: IndexManifest;
  /** every chunk; Hit.index points into this array for both searches */
  chunks: Chunk[];
  documents: Map<string, SourceDoc>;
  lexical: L;
  /** null when the index was built without embeddings */
  dense: VectorSearch | null;
}

/** An index of either store (local files or PostgreSQL). */
export type AnySearchableIndex = SearchableIndex<LexicalSearch | AsyncLexicalSearch>;
