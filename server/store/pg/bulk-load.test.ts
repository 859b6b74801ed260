// bulkLoad (benchmarks' loader): the loaded store searches exactly as the product's in-memory index over the same
// chunks, the postings' key and foreign key it drops for the load are back, and a database holding an ingested
// index is never overwritten.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainSourceDoc, type Chunk } from '../../domain.js';
import { silentLogger } from '../../log.js';
import { Bm25Index } from '../bm25.js';
import { lexicalText } from '../index-text.js';
import { bulkLoad } from './bulk-load.js';
import { openPgStore, type PgStore } from './pg-store.js';
import { skipWithoutPostgres, startTestPostgres, type TestPostgres } from './testing/test-postgres.js';

const skip = skipWithoutPostgres();
const texts = [
  'Soleimani travelled to Moscow in July 2015 to plan the Syrian campaign.',
  'The Axis of Resistance links Iran with Hezbollah, Hamas and militias in Iraq.',
  'Russia and Iran coordinated air power and ground forces in Syria.',
  'Hezbollah tunnels were found in southern Lebanon in November 2024.',
  'A recipe for bread: flour, water, salt and yeast.',
];
const documents = texts.map((text, i) => plainSourceDoc({ docId: `d${i}`, title: `Doc ${i}`, text, relPath: `d${i}.txt`, format: 'txt', hash: `h${i}` }));
const chunks: Chunk[] = documents.map((d) => ({ chunkId: `${d.docId}#0`, docId: d.docId, text: d.text, start: 0, end: d.text.length, page: null, section: null, isReferences: false, tokens: 12 }));
// Unit vectors along distinct axes (8 dims): chunk i is nearest to axis i.
const vectors = chunks.map((_, i) => Float32Array.from({ length: 8 }, (_, j) => (j === i ? 1 : 0)));

let server: TestPostgres;
let store: PgStore;
beforeAll(async () => {
  if (skip) return;
  server = await startTestPostgres();
  const settings = { url: await server.createDatabase(), poolMax: 4, hnsw: { m: 16, efConstruction: 64, efSearch: 40 } };
  store = await openPgStore(settings, silentLogger);
}, 120_000);
afterAll(async () => {
  await store?.close();
  await server?.stop();
});

describe.skipIf(skip)('bulkLoad', () => {
  it('loads a store that searches as the in-memory index does, with the postings constraints restored', async () => {
    const lexicalTexts = chunks.map((c, i) => lexicalText(c, documents[i]));
    await bulkLoad(store, { name: 'unit', documents, chunks, lexicalTexts, vectors, embedder: 'test:axes' });
    const index = (await store.openIndex({ embedder: 'test:axes', dimensions: 8 }))!;
    expect(index.chunks.map((c) => c.chunkId)).toEqual(chunks.map((c) => c.chunkId));
    const memory = Bm25Index.build(lexicalTexts);
    for (const q of ['Soleimani Moscow', 'Hezbollah', 'Iran Russia Syria', 'bread yeast', 'submarine']) {
      const got = await index.lexical.search(q, 10);
      const want = memory.search(q, 10);
      expect(got.map((h) => h.index)).toEqual(want.map((h) => h.index));
      got.forEach((h, i) => expect(h.score).toBeCloseTo(want[i].score, 9));
    }
    const near = await index.dense!.search([0, 0, 0, 1, 0, 0, 0, 0], 2);
    expect(near[0]).toMatchObject({ index: 3 });
    expect(near[0].score).toBeCloseTo(1, 6);
    const { rows } = await store.pool.query<{ conname: string }>(
      `SELECT conname FROM pg_constraint WHERE conrelid = 'assistant.postings'::regclass ORDER BY conname`,
    );
    expect(rows.map((r) => r.conname)).toEqual(['postings_chunk_fkey', 'postings_pkey']);
    // Loading again replaces everything (a benchmark database is the loader's to overwrite).
    await bulkLoad(store, { name: 'unit', documents: documents.slice(0, 2), chunks: chunks.slice(0, 2), lexicalTexts: lexicalTexts.slice(0, 2), vectors: vectors.slice(0, 2), embedder: 'test:axes' });
    expect((await store.openIndex({ embedder: 'test:axes', dimensions: 8 }))!.chunks).toHaveLength(2);
  }, 60_000);

  it('refuses a database that holds an index ingested from a corpus', async () => {
    await store.pool.query(`UPDATE assistant.state SET search_text = 'v3:abc', built_at = now()`);
    await expect(
      bulkLoad(store, { name: 'unit', documents, chunks, lexicalTexts: texts, vectors, embedder: 'test:axes' }),
    ).rejects.toThrow(/holds an index ingested from a corpus/);
    expect((await store.openIndex({ embedder: 'test:axes', dimensions: 8 }))!.chunks).toHaveLength(2);
  });
});
