// Internal types passed between the stages: loaders → cleaning → chunking → embeddings → index → retrieval → answer.
// Wire types (what the HTTP API returns) live in contract.ts.

/** What is known of a document. Unknown fields stay null: never invented. */
export interface DocMeta {
  /** path relative to the corpus folder, without extension, `/`-separated */
  docId: string;
  title: string;
  authors: string[];
  publisher: string | null;
  url: string | null;
  /** ISO date (YYYY or YYYY-MM or YYYY-MM-DD) when known */
  date: string | null;
  kind: string | null;
  /** free-text note on authorship etc. */
  note: string | null;
}

/** A corpus file found on disk, before loading. */
export interface DiscoveredFile {
  docId: string;
  /** absolute path */
  path: string;
  /** path relative to the corpus folder */
  relPath: string;
  /** lowercased extension without the dot: txt, md, html, htm, pdf, docx */
  ext: string;
  size: number;
  /** sha256 of the file bytes plus any metadata that applies to it (sidecar / sources.json entry) */
  hash: string;
  /** metadata from sources.json or a sidecar, if any (front matter is read by the loader) */
  meta: Partial<DocMeta>;
}

/** Character range of a page inside the cleaned document text (1-based page numbers). */
export interface PageSpan {
  page: number;
  start: number;
  end: number;
}

/** Character range of a section (under a heading) inside the cleaned document text. */
export interface SectionSpan {
  heading: string;
  start: number;
  end: number;
  /** true for a references / bibliography section: kept, but ranked below body text */
  isReferences: boolean;
}

/** A loaded and cleaned document: the text every chunk offset points into. */
export interface SourceDoc extends DocMeta {
  relPath: string;
  format: string;
  hash: string;
  /** cleaned text; Chunk.start/end and Citation spans index into this string */
  text: string;
  pages: PageSpan[];
  sections: SectionSpan[];
}

export interface Chunk {
  /** `${docId}#${n}`, n = 0-based position in the document */
  chunkId: string;
  docId: string;
  text: string;
  /** character offsets into SourceDoc.text: text === doc.text.slice(start, end) */
  start: number;
  end: number;
  /** page of the chunk's first character, when the format has pages */
  page: number | null;
  section: string | null;
  isReferences: boolean;
  /** word-pieces of the embedding model's tokenizer (estimate when no tokenizer is available) */
  tokens: number;
}

export interface ScoredChunk extends Chunk {
  /** fused relevance in [0, 1]; higher is better */
  score: number;
  lexicalScore?: number;
  denseScore?: number;
}

/** A file that could not be ingested, with the reason in words. */
export interface SkippedFile {
  relPath: string;
  reason: string;
}

/** Counts words/word-pieces the way the embedding model will. */
export type TokenCounter = (text: string) => number;

/** A document with no metadata beyond its title, no pages and no sections: benchmark corpora and tests. */
export function plainSourceDoc(o: Pick<SourceDoc, 'docId' | 'title' | 'text' | 'relPath' | 'format'> & { hash?: string }): SourceDoc {
  return {
    authors: [],
    publisher: null,
    url: null,
    date: null,
    kind: null,
    note: null,
    hash: '',
    pages: [],
    sections: [],
    ...o,
  };
}
