// A fingerprint of how chunks become search texts: what index-text.ts makes of a chunk for each index, and the BM25
// analyzer. Recorded in the manifest; when the code behind them changes, the next ingest re-derives both indexes
// from the stored chunks (re-embedding only texts that really changed) instead of reporting "up to date" over an
// index built the old way. Hashing the output on a probe chunk catches a change without anyone bumping a version.
import { createHash } from 'node:crypto';
import type { Chunk, SourceDoc } from '../domain.js';
import { ANALYZER_VERSION } from '../store/bm25-tokenize.js';
import { denseText, lexicalText } from '../store/index-text.js';

// Every field set, so a change that starts using any of them shows.
const PROBE_DOC: SourceDoc = {
  docId: 'probe/doc',
  title: 'Probe title',
  authors: ['A. Author', 'B. Author'],
  publisher: 'Probe Press',
  url: 'https://example.org/probe',
  date: '2020-01-02',
  kind: 'article',
  note: 'note',
  relPath: 'probe/doc.txt',
  format: 'txt',
  hash: '0',
  text: 'Heading\n\nFirst sentence of the probe. Second sentence, with Numbers 42 and CAPITALS.',
  pages: [{ page: 3, start: 0, end: 84 }],
  sections: [{ heading: 'Heading', start: 0, end: 84, isReferences: false }],
};
const PROBE_CHUNK: Chunk = {
  chunkId: 'probe/doc#1',
  docId: 'probe/doc',
  text: PROBE_DOC.text.slice(9),
  start: 9,
  end: 84,
  page: 3,
  section: 'Heading',
  isReferences: true,
  tokens: 17,
};

export function searchTextFingerprint(): string {
  const parts = [denseText(PROBE_CHUNK, PROBE_DOC), lexicalText(PROBE_CHUNK, PROBE_DOC), ANALYZER_VERSION];
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 16);
}
