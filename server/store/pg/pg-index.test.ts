// The PostgreSQL store against a real server (started by the test): schema migrations, and the same HybridRetriever
// ranking the seed corpus identically over the database and over the in-memory index (real model, real BM25).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../config.js';
import { testConfig } from '../../testing/test-config.js';
import { plainSourceDoc, type Chunk, type SourceDoc } from '../../domain.js';
import { createEmbeddings, type EmbeddingsChoice } from '../../embeddings/create-embeddings.js';
import { discoverCorpus } from '../../ingest/discover.js';
import { prepareDocument } from '../../ingest/prepare-document.js';
import { silentLogger } from '../../log.js';
import { HybridRetriever } from '../../retrieval/hybrid-retriever.js';
import { buildInMemoryIndex } from '../../retrieval/in-memory-index.js';
import { cachedEmbeddings } from '../../answer/testing/disk-embedding-cache.js';
import { Bm25Index } from '../bm25.js';
import { IndexMismatchError } from '../index-errors.js';
import { denseText, lexicalText } from '../index-text.js';
import type { SearchableIndex } from '../types.js';
import { ensureVectorIndex } from './ensure-vector-index.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations.js';
import { PgStoreError } from './pg-errors.js';
import { openPgStore, type PgStore, type PgStoreSettings } from './pg-store.js';
import { compactLexical, MAX_BLOCKS } from './lexical-blocks.js';
import { recordIngest, removeDocument, writeDocument } from './pg-writer.js';
import { skipWithoutPostgres, startTestPostgres, type TestPostgres } from './testing/test-postgres.js';

const skip = skipWithoutPostgres();
const settings = (url: string): PgStoreSettings => ({ url, poolMax: 4, hnsw: { m: 16, efConstruction: 64, efSearch: 200 } });
const QUERIES = [
  'When did Soleimani travel to Moscow?',
  'How does Russia support the Houthis?',
  'Hard Times for Soft Balancing',
  'Why does Tehran back Hamas?',
  'Who is the prime minister of Japan?',
];

describe.skipIf(skip)('PostgreSQL store', () => {
  let server: TestPostgres;
  let store: PgStore;
  let model: EmbeddingsChoice;
  let docs: SourceDoc[];
  let chunks: Chunk[];
  let vectors: number[][];
  let memory: SearchableIndex;

  beforeAll(async () => {
    server = await startTestPostgres();
    model = await createEmbeddings(testConfig(), silentLogger);
    if (!model.handle) throw new Error('the embedding model is missing: set MODELS_DIR (e.g. ../shared/models)');
    const { files } = await discoverCorpus(path.join(PROJECT_ROOT, 'corpus'));
    docs = [];
    chunks = [];
    for (const file of files) {
      const prepared = await prepareDocument(file, model.countTokens);
      docs.push(prepared.doc);
      chunks.push(...prepared.chunks);
    }
    const byId = new Map(docs.map((d) => [d.docId, d]));
    // The real model behind the tests' disk cache: the seed corpus is embedded once per machine.
    const cached = cachedEmbeddings(model.handle, path.join(PROJECT_ROOT, '.cache', 'answer-tests'), 'pg-index');
    vectors = await cached.embedDocuments(chunks.map((c) => denseText(c, byId.get(c.docId))));
    cached.flush();
    memory = await buildInMemoryIndex({ documents: docs, chunks, vectors });

    store = await openPgStore(settings(await server.createDatabase()), silentLogger);
    const client = await store.pool.connect();
    try {
      for (const doc of docs) {
        const own = chunks.map((c, i) => [c, i] as const).filter(([c]) => c.docId === doc.docId);
        await client.query('BEGIN');
        await writeDocument(client, {
          doc,
          chunks: own.map(([c]) => c),
          lexicalTexts: own.map(([c]) => lexicalText(c, doc)),
          textKeys: own.map(() => null),
          vectors: own.map(([, i]) => vectors[i]),
        });
        await client.query('COMMIT');
      }
      await recordIngest(client, { embedder: model.handle.id, dimensions: model.handle.dimensions, chunking: {}, searchText: 'x', skipped: [] });
      expect(await ensureVectorIndex(client, model.handle.dimensions, { m: 16, efConstruction: 64 })).toBe(true);
      expect(await ensureVectorIndex(client, model.handle.dimensions, { m: 16, efConstruction: 64 })).toBe(false);
    } finally {
      client.release();
    }
  });

  afterAll(async () => {
    await store?.close();
    await server?.stop();
  });

  it('migrates a new database once, and again only when a migration is added', async () => {
    const url = await server.createDatabase();
    const s = await openPgStore(settings(url), silentLogger);
    try {
      const n = MIGRATIONS.length;
      expect(await migrate(s.pool)).toEqual({ applied: [], version: n });
      const next = [...MIGRATIONS, { version: n + 1, name: 'probe', sql: 'CREATE TABLE assistant.probe (x int)' }];
      expect(await migrate(s.pool, next)).toEqual({ applied: [n + 1], version: n + 1 });
      // A database migrated by a newer version of the assistant is refused, not written.
      await expect(migrate(s.pool)).rejects.toThrow(
        new RegExp(`schema is at version ${n + 1}, newer than this version of the assistant knows \\(${n}\\)`),
      );
      // A failing migration leaves no trace.
      const bad = [...next, { version: n + 2, name: 'broken', sql: 'CREATE TABLE assistant.half (x int); SELECT nope' }];
      await expect(migrate(s.pool, bad)).rejects.toThrow(new RegExp(`Migration ${n + 2} \\(broken\\) failed`));
      const { rows } = await s.pool.query("SELECT to_regclass('assistant.half') AS t, (SELECT max(version) FROM assistant.schema_migrations) AS v");
      expect(rows[0]).toEqual({ t: null, v: n + 1 });
    } finally {
      await s.close();
    }
  });

  it('is empty (null) before the first ingest', async () => {
    const s = await openPgStore(settings(await server.createDatabase()), silentLogger);
    try {
      expect(await s.openIndex({ embedder: model.handle!.id, dimensions: model.handle!.dimensions })).toBeNull();
    } finally {
      await s.close();
    }
  });

  it('loads every document and chunk with its offsets, page and section', async () => {
    const index = (await store.openIndex({ embedder: model.handle!.id, dimensions: model.handle!.dimensions }))!;
    expect(index.chunks).toEqual(chunks);
    expect([...index.documents.values()].sort((a, b) => a.docId.localeCompare(b.docId))).toEqual([...docs].sort((a, b) => a.docId.localeCompare(b.docId)));
    expect(index.manifest.counts).toEqual({ documents: docs.length, chunks: chunks.length });
    expect(Object.values(index.manifest.files).reduce((n, f) => n + f.chunks, 0)).toBe(chunks.length);
  });

  it('scores BM25 exactly as the in-memory index does', async () => {
    const index = (await store.openIndex({ embedder: model.handle!.id, dimensions: model.handle!.dimensions }))!;
    const bm25 = memory.lexical as Bm25Index;
    for (const q of QUERIES) {
      // the same arithmetic in the same order: the same numbers, not close ones
      expect(await index.lexical.search(q, 50)).toEqual(bm25.search(q, 50));
      expect(await index.lexical.idealScore(q)).toBe(bm25.idealScore(q));
    }
    expect(await index.lexical.search('the of and', 5)).toEqual([]);
  });

  it('searches exactly as BM25 over the loaded chunks through compactions, changes, deletions, merges and a rebuild', async () => {
    const s = await openPgStore(settings(await server.createDatabase()), silentLogger);
    const client = await s.pool.connect();
    const write = async (doc: SourceDoc, own: Chunk[]) => {
      await client.query('BEGIN');
      await writeDocument(client, { doc, chunks: own, lexicalTexts: own.map((c) => lexicalText(c, doc)), textKeys: own.map(() => null), vectors: own.map(() => null) });
      await client.query('COMMIT');
    };
    const remove = async (docId: string) => {
      await client.query('BEGIN');
      await removeDocument(client, { relPath: `${docId}.txt`, docId });
      await client.query('COMMIT');
    };
    /** the store as a process loads it, against a Bm25Index built over the very chunks it loaded */
    const expectExact = async () => {
      const index = (await s.openIndex({ embedder: null, dimensions: null }))!;
      const bm25 = Bm25Index.build(index.chunks.map((c) => lexicalText(c, index.documents.get(c.docId))));
      for (const q of [...QUERIES, 'Russia Iran', 'bees dance flowers']) {
        expect(await index.lexical.search(q, 200)).toEqual(bm25.search(q, 200));
        expect(await index.lexical.idealScore(q)).toBe(bm25.idealScore(q));
      }
    };
    const blocks = async () =>
      (await client.query<{ n: number; packed: number | null }>('SELECT count(*)::int AS n, sum(postings)::int AS packed FROM assistant.lexical_blocks')).rows[0];
    try {
      for (const doc of docs) await write(doc, chunks.filter((c) => c.docId === doc.docId));
      await recordIngest(client, { embedder: null, dimensions: null, chunking: {}, searchText: 'x', skipped: [] });
      // nothing packed yet: every posting comes from the postings rows
      expect((await blocks()).n).toBe(0);
      await expectExact();
      const first = await compactLexical(client);
      expect(first.kind).toBe('append');
      const postings = (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM assistant.postings')).rows[0].n;
      expect(first.postings).toBe(postings);
      expect((await blocks()).packed).toBe(postings);
      expect((await compactLexical(client)).kind).toBe('none');
      await expectExact();

      // A changed document (new chunk rows) and a small new one: their postings come from rows until the next compaction.
      // the smallest document is edited (its old postings, dead in the blocks, stay under DEAD_SHARE); the others go later
      const size = (d: SourceDoc) => chunks.filter((x) => x.docId === d.docId).length;
      const [a, b, c] = [...docs].sort((x, y) => size(x) - size(y));
      const aChunks = chunks.filter((x) => x.docId === a.docId);
      const edited = { ...a, text: `${a.text}\n\nBees dance to tell each other where the flowers are.` };
      const tail = { ...aChunks.at(-1)!, chunkId: `${a.docId}#edit`, text: 'Bees dance to tell each other where the flowers are.', start: a.text.length + 2, end: edited.text.length };
      await write(edited, [...aChunks, tail]);
      const bee = { ...plainSourceDoc({ docId: 'bee', title: 'Bees', text: 'Honey bees dance.', relPath: 'bee.txt', format: 'txt', hash: 'b' }) };
      await write(bee, [{ chunkId: 'bee#0', docId: 'bee', text: bee.text, start: 0, end: bee.text.length, page: null, section: null, isReferences: false, tokens: 4 }]);
      await expectExact();
      expect((await compactLexical(client)).kind).toBe('append');
      await expectExact();
      // the old version of `a` is dead in the blocks, skipped by searches
      expect(Number((await client.query('SELECT lexical_dead FROM assistant.state')).rows[0].lexical_dead)).toBeGreaterThan(0);

      // Many small compactions of one term: its blocks are merged once there are more than MAX_BLOCKS.
      for (let i = 0; i < MAX_BLOCKS + 1; i++) {
        const d = plainSourceDoc({ docId: `bee${i}`, title: 'Bees', text: `Bees ${i}.`, relPath: `bee${i}.txt`, format: 'txt', hash: `b${i}` });
        await write(d, [{ chunkId: `bee${i}#0`, docId: d.docId, text: d.text, start: 0, end: d.text.length, page: null, section: null, isReferences: false, tokens: 3 }]);
        await compactLexical(client);
      }
      const beeBlocks = (await client.query<{ n: number }>("SELECT count(*)::int AS n FROM assistant.lexical_blocks WHERE term = 'bee'")).rows[0].n;
      expect(beeBlocks).toBeLessThanOrEqual(MAX_BLOCKS);
      await expectExact();

      // Deleting most of the corpus: past DEAD_SHARE of the packed postings, the blocks are rebuilt without them.
      await remove(b.docId);
      await remove(c.docId);
      await expectExact();
      const rebuilt = await compactLexical(client);
      expect(rebuilt.kind).toBe('rebuild');
      expect((await blocks()).packed).toBe((await client.query<{ n: number }>('SELECT count(*)::int AS n FROM assistant.postings')).rows[0].n);
      expect(Number((await client.query('SELECT lexical_dead FROM assistant.state')).rows[0].lexical_dead)).toBe(0);
      await expectExact();
    } finally {
      client.release();
      await s.close();
    }
  });

  it('runs the same HybridRetriever to the same ranking as over the in-memory index', async () => {
    const index = (await store.openIndex({ embedder: model.handle!.id, dimensions: model.handle!.dimensions }))!;
    expect(index.dense).not.toBeNull();
    for (const q of QUERIES) {
      const onPg = await new HybridRetriever({ index, embeddings: model.handle, k: 10 }).search(q);
      const inMemory = await new HybridRetriever({ index: memory, embeddings: model.handle, k: 10 }).search(q);
      expect(onPg.map((h) => h.chunkId)).toEqual(inMemory.map((h) => h.chunkId));
      onPg.forEach((h, i) => expect(h.score).toBeCloseTo(inMemory[i].score, 5));
    }
    const docsOut = await new HybridRetriever({ index, embeddings: model.handle, k: 2 }).invoke(QUERIES[0]);
    expect(docsOut[0].metadata).toMatchObject({ docId: 'russia-iran-converge-soleimani-jpost' });
  });

  it('refuses to query vectors of another model, and opens lexical-only without a model', async () => {
    await expect(store.openIndex({ embedder: 'local:other@q8', dimensions: 384 })).rejects.toThrow(IndexMismatchError);
    const lexicalOnly = (await store.openIndex({ embedder: null, dimensions: null }))!;
    expect(lexicalOnly.dense).toBeNull();
    const hits = await new HybridRetriever({ index: lexicalOnly, embeddings: null, k: 3 }).search(QUERIES[0]);
    expect(hits[0].docId).toBe('russia-iran-converge-soleimani-jpost');
  });

  it('says what to check when the database cannot be reached', async () => {
    const err = await openPgStore(settings('postgres://someone:s3cret@127.0.0.1:1/nowhere'), silentLogger).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PgStoreError);
    expect((err as Error).message).toMatch(/^Cannot reach PostgreSQL \(database "nowhere" on 127\.0\.0\.1:1, postgres:\/\/someone:\*\*\*@127\.0\.0\.1:1\/nowhere\): .*ECONNREFUSED.*Check DATABASE_URL/);
    expect((err as Error).message).not.toContain('s3cret');
  });
});
