// What text of a chunk each index sees. Chunk.text stays exactly the document slice (offsets); both indexes also
// see the document title, as BEIR/MTEB index `title + text`: a chunk from the middle of a document often never
// names its subject. Changing either function changes every chunk's index text (a full re-embed).
import type { Chunk, SourceDoc } from '../domain.js';

/** Text embedded for the dense index. */
export function denseText(chunk: Chunk, doc: Pick<SourceDoc, 'title'> | undefined): string {
  return doc ? `${doc.title}\n${chunk.text}` : chunk.text;
}

/** Text indexed by BM25. */
export function lexicalText(chunk: Chunk, doc: Pick<SourceDoc, 'title'> | undefined): string {
  return doc ? `${doc.title}\n${chunk.text}` : chunk.text;
}
