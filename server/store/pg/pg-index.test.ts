// The PostgreSQL store against a real server (started by the test): schema migrations, and the same HybridRetriever
// ranking the seed corpus identically over the database and over the in-memory index (real model, real BM25).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, PROJECT_ROOT } from '../../config.js';
import type { Chunk, SourceDoc } from '../../domain.js';
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
import { recordIngest, writeDocument } from './pg-writer.js';
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
    model = await createEmbeddings(loadConfig({ env: {}, dotenv: false }), silentLogger);
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
      expect(await migrate(s.pool)).toEqual({ applied: [], version: MIGRATIONS.length });
      const next = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'probe', sql: 'CREATE TABLE assistant.probe (x int)' }];
      expect(await migrate(s.pool, next)).toEqual({ applied: [MIGRATIONS.length + 1], version: MIGRATIONS.length + 1 });
      // A database migrated by a newer version of the assistant is refused, not written.
      await expect(migrate(s.pool)).rejects.toThrow(/schema is at version 2, newer than this version of the assistant knows \(1\)/);
      // A failing migration leaves no trace.
      const bad = [...next, { version: next.length + 1, name: 'broken', sql: 'CREATE TABLE assistant.half (x int); SELECT nope' }];
      await expect(migrate(s.pool, bad)).rejects.toThrow(/Migration 3 \(broken\) failed/);
      const { rows } = await s.pool.query("SELECT to_regclass('assistant.half') AS t, (SELECT max(version) FROM assistant.schema_migrations) AS v");
      expect(rows[0]).toEqual({ t: null, v: 2 });
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
      const want = bm25.search(q, 50);
      const got = await index.lexical.search(q, 50);
      expect(got.map((h) => h.index)).toEqual(want.map((h) => h.index));
      got.forEach((h, i) => expect(h.score).toBeCloseTo(want[i].score, 9));
      expect(await index.lexical.idealScore(q)).toBeCloseTo(bm25.idealScore(q), 9);
    }
    expect(await index.lexical.search('the of and', 5)).toEqual([]);
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
