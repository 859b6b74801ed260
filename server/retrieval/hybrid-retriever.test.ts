// The retriever over the real seed corpus and the real model (exact cosine search in memory).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../testing/test-config.js';
import type { Chunk, SourceDoc } from '../domain.js';
import { createEmbeddings, type EmbeddingsChoice } from '../embeddings/create-embeddings.js';
import { chunkDocument } from '../ingest/chunk.js';
import { silentLogger } from '../log.js';
import type { SearchableIndex } from '../store/types.js';
import { HybridRetriever } from './hybrid-retriever.js';
import { buildInMemoryIndex } from './in-memory-index.js';

const config = testConfig();
const JPOST = 'russia-iran-converge-soleimani-jpost';
const ROOMI = 'resistance-axis-iran-regional-policy-roomi';

async function seedCorpus(countTokens: EmbeddingsChoice['countTokens']): Promise<{ docs: SourceDoc[]; chunks: Chunk[] }> {
  const sources = JSON.parse(await readFile(path.join(config.CORPUS_DIR, 'sources.json'), 'utf8')) as { file: string; title: string }[];
  const docs = await Promise.all(
    sources.map(async (s): Promise<SourceDoc> => {
      const docId = s.file.replace(/\.txt$/, '');
      const text = (await readFile(path.join(config.CORPUS_DIR, s.file), 'utf8')).replace(/\r\n?/g, '\n').trim();
      return { docId, title: s.title, text, authors: [], publisher: null, url: null, date: null, kind: null, note: null, relPath: s.file, format: 'txt', hash: '', pages: [], sections: [] };
    }),
  );
  const chunks = docs.flatMap((d) => chunkDocument(d, countTokens));
  // The paper ends in a bibliography; mark it as the ingest stage marks a references section.
  const roomi = docs.find((d) => d.docId === ROOMI)!;
  const refStart = roomi.text.indexOf('\nReferences\n');
  for (const c of chunks) if (c.docId === ROOMI && c.start > refStart) c.isReferences = true;
  return { docs, chunks };
}

let choice: EmbeddingsChoice;
let index: SearchableIndex;
let lexicalIndex: SearchableIndex;

beforeAll(async () => {
  choice = await createEmbeddings(config, silentLogger);
  if (!choice.handle) throw new Error('the embedding model is missing: set MODELS_DIR (e.g. ../shared/models)');
  const { docs, chunks } = await seedCorpus(choice.countTokens);
  index = await buildInMemoryIndex({ documents: docs, chunks, embeddings: choice.handle });
  lexicalIndex = await buildInMemoryIndex({ documents: docs, chunks });
});

describe('HybridRetriever', () => {
  it('ranks the passage on Soleimani’s Moscow trip first, in hybrid and lexical-only modes', async () => {
    const hybrid = new HybridRetriever({ index, embeddings: choice.handle, k: 6 });
    const lexical = new HybridRetriever({ index: lexicalIndex, embeddings: null, k: 6 });
    expect(hybrid.mode).toBe('hybrid');
    expect(lexical.mode).toBe('lexical-only');
    for (const retriever of [hybrid, lexical]) {
      const hits = await retriever.search('When did Soleimani travel to Moscow?');
      expect(hits).toHaveLength(6);
      expect(hits[0].docId).toBe(JPOST);
      expect(hits[0].text).toContain('Moscow');
    }
  });

  it('scores in [0, 1], best first, with both raw scores in hybrid mode and no dense score without a model', async () => {
    const hybrid = await new HybridRetriever({ index, embeddings: choice.handle, k: 8 }).search('How does Russia support the Houthis?');
    const lexical = await new HybridRetriever({ index, embeddings: null, k: 8 }).search('How does Russia support the Houthis?');
    for (const hits of [hybrid, lexical]) {
      expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
      for (const h of hits) expect(h.score).toBeGreaterThanOrEqual(0), expect(h.score).toBeLessThanOrEqual(1);
    }
    expect(hybrid[0]).toMatchObject({ lexicalScore: expect.any(Number), denseScore: expect.any(Number) });
    expect(lexical.every((h) => h.denseScore === undefined && h.lexicalScore! > 0)).toBe(true);
  });

  it('gives an off-topic question a lower best score than an answerable one (the answerer abstains on it)', async () => {
    const retriever = new HybridRetriever({ index, embeddings: choice.handle, k: 3 });
    const [onTopic] = await retriever.search('When did Soleimani travel to Moscow?');
    const [offTopic] = await retriever.search('Who is the prime minister of Japan?');
    expect(onTopic.score).toBeGreaterThan(0.4);
    expect(offTopic.score).toBeLessThan(0.3);
  });

  it('scales bibliography chunks by referencesWeight, yet a cited work can still be looked up', async () => {
    const query = 'Hard Times for Soft Balancing';
    const plain = await new HybridRetriever({ index, embeddings: choice.handle, k: 6, only: 'lexical', fusion: { referencesWeight: 1 } }).search(query);
    const weighted = await new HybridRetriever({ index, embeddings: choice.handle, k: 6, only: 'lexical' }).search(query);
    // The reference list names the article verbatim, so unweighted BM25 puts its entry first.
    const entry = plain[0];
    expect(entry.isReferences).toBe(true);
    expect(entry.text).toContain('Hard Times for Soft Balancing');
    expect(weighted.find((h) => h.chunkId === entry.chunkId)?.score).toBeCloseTo(entry.score * 0.8, 10);
    // Hybrid: the body text discussing soft balancing comes first, the entry is still among the top 6.
    const hybrid = await new HybridRetriever({ index, embeddings: choice.handle, k: 6 }).search(query);
    expect(hybrid[0].isReferences).toBe(false);
    expect(hybrid.map((h) => h.chunkId)).toContain(entry.chunkId);
  });

  it('searches only the documents asked for, keeping their order in the whole ranking', async () => {
    const retriever = new HybridRetriever({ index, embeddings: choice.handle, k: 6 });
    const query = 'How is Moscow trying to expand its influence in the Middle East?';
    const all = await retriever.search(query, 200);
    const avdaliani = 'russia-ties-axis-of-resistance-avdaliani-2024';
    const scoped = await retriever.search(query, 6, undefined, new Set([avdaliani]));
    // the analysis has three chunks: all of them, and nothing else
    expect(scoped).toHaveLength(3);
    expect(scoped.every((h) => h.docId === avdaliani)).toBe(true);
    expect(scoped.map((h) => h.chunkId)).toEqual(all.filter((h) => h.docId === avdaliani).slice(0, 6).map((h) => h.chunkId));
    // unscoped, the top six are not all from it
    expect((await retriever.search(query, 6)).some((h) => h.docId !== avdaliani)).toBe(true);
    // two documents take turns: one passage each, though the op-ed's two rank first
    const jpost = 'russia-iran-converge-soleimani-jpost';
    expect(all.slice(0, 2).map((h) => h.docId)).toEqual([jpost, jpost]);
    const both = await retriever.search(query, 2, undefined, new Set([avdaliani, jpost]));
    expect(both.map((h) => h.docId)).toEqual([jpost, avdaliani]);
    expect(both.map((h) => h.score)).toEqual([...both.map((h) => h.score)].sort((a, b) => b - a));
  });

  it('is a LangChain retriever: invoke() returns Documents holding the chunk text and its fields', async () => {
    const retriever = new HybridRetriever({ index, embeddings: choice.handle, k: 2 });
    const docs = await retriever.invoke('When did Soleimani travel to Moscow?');
    expect(docs).toHaveLength(2);
    const [top] = await retriever.search('When did Soleimani travel to Moscow?', 1);
    expect(docs[0].pageContent).toBe(top.text);
    expect(docs[0].id).toBe(top.chunkId);
    expect(docs[0].metadata).toMatchObject({ chunkId: top.chunkId, docId: JPOST, score: top.score, start: top.start, end: top.end, title: expect.stringContaining('Soleimani') });
  });

  it('dense-only mode needs a model', () => {
    expect(() => new HybridRetriever({ index: lexicalIndex, embeddings: null, k: 3, only: 'dense' })).toThrow(/dense-only/);
  });
});
