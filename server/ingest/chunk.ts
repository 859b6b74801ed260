// BASELINE (the ingest helper owns and replaces this): sentence-packed chunks within the model's window.
import type { Chunk, SourceDoc, TokenCounter } from '../domain.js';
import { splitSentences } from '../text/sentences.js';

/** Recorded in the index manifest: changing any value re-chunks every file. */
export const CHUNKING = { version: 0, maxTokens: 256, overlapSentences: 1 } as const;

export function chunkDocument(doc: SourceDoc, countTokens: TokenCounter, options = CHUNKING): Chunk[] {
  const sentences = splitSentences(doc.text);
  const chunks: Chunk[] = [];
  let i = 0;
  while (i < sentences.length) {
    let j = i;
    let tokens = 0;
    while (j < sentences.length) {
      const t = countTokens(sentences[j].text);
      if (j > i && tokens + t > options.maxTokens) break;
      tokens += t;
      j++;
    }
    const start = sentences[i].start;
    const end = sentences[j - 1].end;
    chunks.push({
      chunkId: `${doc.docId}#${chunks.length}`,
      docId: doc.docId,
      text: doc.text.slice(start, end),
      start,
      end,
      page: null,
      section: null,
      isReferences: false,
      tokens,
    });
    i = j >= sentences.length ? j : Math.max(i + 1, j - options.overlapSentences);
  }
  return chunks;
}
