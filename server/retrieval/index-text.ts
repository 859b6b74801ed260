// BASELINE (the retrieval helper owns and replaces this): what text of a chunk each index sees.
// Chunk.text stays exactly the document slice (offsets); the indexes may see more context, such as the title.
import type { Chunk, SourceDoc } from '../domain.js';

/** Text embedded for the dense index. */
export function denseText(chunk: Chunk, doc: Pick<SourceDoc, 'title'> | undefined): string {
  return doc ? `${doc.title}\n${chunk.text}` : chunk.text;
}

/** Text indexed by BM25. */
export function lexicalText(chunk: Chunk, doc: Pick<SourceDoc, 'title'> | undefined): string {
  return doc ? `${doc.title}\n${chunk.text}` : chunk.text;
}
