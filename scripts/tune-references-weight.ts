// How much to scale bibliography chunks (isReferences) so a reference list does not crowd out body text, yet a
// cited work can still be looked up. Measured on the one seed document with a bibliography: each cited title,
// taken automatically from its reference entry, is used as a query (the worst case for crowding: the reference
// list repeats the exact words, while the body discusses the topic in its own words).
// For each weight: mean number of bibliography chunks among the top 6, and share of titles whose entry is still
// in the top 6 / top 10.
//   npx tsx scripts/tune-references-weight.ts
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../server/config.js';
import type { SourceDoc } from '../server/domain.js';
import { createEmbeddings } from '../server/embeddings/create-embeddings.js';
import { chunkDocument } from '../server/ingest/chunk.js';
import { createLogger } from '../server/log.js';
import { HybridRetriever } from '../server/retrieval/hybrid-retriever.js';
import { buildInMemoryIndex } from '../server/retrieval/in-memory-index.js';
import { denseText } from '../server/store/index-text.js';
import { cachedEmbed } from '../evals/beir/vector-cache.js';

const config = loadConfig();
const embeddings = await createEmbeddings(config, createLogger('warn'));
const sources = JSON.parse(await readFile(path.join(config.CORPUS_DIR, 'sources.json'), 'utf8')) as { file: string; title: string }[];
const docs: SourceDoc[] = await Promise.all(
  sources.map(async (s) => ({
    docId: s.file.replace(/\.txt$/, ''),
    title: s.title,
    text: (await readFile(path.join(config.CORPUS_DIR, s.file), 'utf8')).replace(/\r\n?/g, '\n').trim(),
    authors: [], publisher: null, url: null, date: null, kind: null, note: null, relPath: s.file, format: 'txt', hash: '', pages: [], sections: [],
  })),
);
const chunks = docs.flatMap((d) => chunkDocument(d, embeddings.countTokens));
const withRefs = docs.find((d) => /\nReferences\n/.test(d.text))!;
const refStart = withRefs.text.indexOf('\nReferences\n');
for (const c of chunks) if (c.docId === withRefs.docId && c.start > refStart) c.isReferences = true;

// "Author (2015/1394). Title. Journal…" → the title, when it has at least four words.
const titles = withRefs.text
  .slice(refStart)
  .split('\n')
  .map((line) => /\(\d{4}(?:\/\d{4})?\)\.\s*["“*]*([^."”*?]{12,}[?]?)/.exec(line)?.[1]?.trim())
  .filter((t): t is string => !!t && t.split(/\s+/).length >= 4);

const vectors = embeddings.handle
  ? (await cachedEmbed(embeddings.handle, chunks.map((c) => denseText(c, docs.find((d) => d.docId === c.docId))), path.join(config.ROOT, '.cache', 'bench', 'seed', embeddings.handle.id.replace(/[^\w.@-]+/g, '_')))).vectors
  : undefined;
const index = await buildInMemoryIndex({ documents: docs, chunks, embeddings: embeddings.handle, vectors });
console.log(`${titles.length} cited titles as queries; ${chunks.filter((c) => c.isReferences).length} of ${chunks.length} chunks are bibliography; ${embeddings.label}`);
console.log('mode     weight  refs in top 6  entry in top 6  entry in top 10');
for (const only of ['hybrid', 'lexical'] as const) {
  for (const referencesWeight of [1, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3]) {
    const retriever = new HybridRetriever({ index, embeddings: embeddings.handle, k: 10, fusion: { referencesWeight }, ...(only === 'lexical' ? { only } : {}) });
    let refs = 0;
    let in6 = 0;
    let in10 = 0;
    for (const title of titles) {
      const hits = await retriever.search(title, 10);
      refs += hits.slice(0, 6).filter((h) => h.isReferences).length;
      // the entry is found when a bibliography chunk holding the title ranks
      const at = hits.findIndex((h) => h.isReferences && h.text.includes(title.slice(0, 30)));
      if (at >= 0 && at < 6) in6++;
      if (at >= 0) in10++;
    }
    const n = titles.length;
    console.log(`${only.padEnd(8)} ${referencesWeight.toFixed(1).padStart(6)}  ${(refs / n).toFixed(2).padStart(13)}  ${(in6 / n).toFixed(2).padStart(14)}  ${(in10 / n).toFixed(2).padStart(15)}`);
  }
}
