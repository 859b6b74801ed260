// Ingest into a real PostgreSQL (started by the test): incremental by content, one transaction per file, one
// ingest at a time, a killed ingest leaves a consistent database, and other processes see a finished ingest
// within a second.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../config.js';
import { testConfig } from '../../testing/test-config.js';
import { createEmbeddings, type EmbeddingsChoice } from '../../embeddings/create-embeddings.js';
import { createEngine } from '../../engine.js';
import { buildIndex, checkIndexFreshness } from '../../ingest/build-index.js';
import { silentLogger } from '../../log.js';
import { LOCK_KEYS } from './migrate.js';
import { PgIngestLockedError } from './pg-errors.js';
import { openPgStore, type PgStore, type PgStoreSettings } from './pg-store.js';
import { skipWithoutPostgres, startTestPostgres, type TestPostgres } from './testing/test-postgres.js';
import { watchPgIndex } from './watch-pg-index.js';

const skip = skipWithoutPostgres();
const settings = (url: string): PgStoreSettings => ({ url, poolMax: 4, hnsw: { m: 16, efConstruction: 64, efSearch: 200 } });

const TOPICS: Record<string, string> = {
  'herons.txt': 'Grey herons nest in colonies called heronries. They hunt fish in shallow water, standing still for long minutes before striking.',
  'volcanoes.txt': 'Stratovolcanoes are built of alternating layers of lava and ash. Their eruptions are explosive because the magma is viscous.',
  'bread.txt': 'Sourdough bread rises through wild yeast and lactic acid bacteria. The starter is fed with flour and water every day.',
  'tides.txt': 'Tides are caused by the gravitational pull of the moon and the sun. Spring tides occur when they align.',
  'glass.txt': 'Glass is made by melting sand, soda ash and limestone in a furnace at about 1,500 degrees Celsius.',
  'bees.txt': 'Honey bees communicate the direction of flowers with a waggle dance inside the hive.',
};

/** The invariants every committed state must hold: BM25 totals equal to the rows, no orphan rows. */
async function consistency(store: PgStore) {
  const { rows } = await store.pool.query(`SELECT
      (SELECT chunk_count FROM assistant.state) = (SELECT count(*) FROM assistant.chunks) AS count_ok,
      (SELECT lexical_length FROM assistant.state) = (SELECT coalesce(sum(lexical_length), 0) FROM assistant.chunks) AS length_ok,
      (SELECT count(*) FROM assistant.documents d WHERE NOT EXISTS (SELECT 1 FROM assistant.chunks c WHERE c.doc_id = d.doc_id)) AS empty_docs,
      (SELECT count(*) FROM assistant.chunks WHERE embedding IS NULL) AS no_vector`);
  return rows[0];
}

describe.skipIf(skip)('ingest into PostgreSQL', () => {
  let server: TestPostgres;
  let model: EmbeddingsChoice;
  let corpus: string;
  const stores: PgStore[] = [];
  const open = async (url: string) => {
    const s = await openPgStore(settings(url), silentLogger);
    stores.push(s);
    return s;
  };
  const ingest = (store: PgStore, rebuild = false) =>
    buildIndex({ corpusDir: corpus, indexDir: path.join(corpus, '..', 'unused-index'), embeddings: model, log: silentLogger, pgStore: store, rebuild });
  const write = (files: Record<string, string>) => {
    mkdirSync(corpus, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(corpus, name), text);
  };

  beforeAll(async () => {
    server = await startTestPostgres();
    model = await createEmbeddings(testConfig(), silentLogger);
    if (!model.handle) throw new Error('the embedding model is missing: set MODELS_DIR (e.g. ../shared/models)');
    corpus = path.join(mkdtempSync(path.join(os.tmpdir(), 'ra-pg-ingest-')), 'corpus');
  });

  afterAll(async () => {
    for (const s of stores) await s.close();
    await server?.stop();
    if (corpus) rmSync(path.dirname(corpus), { recursive: true, force: true });
  });

  it('embeds only new and changed files, replaces a changed file and deletes a removed one', async () => {
    rmSync(corpus, { recursive: true, force: true });
    write({ 'herons.txt': TOPICS['herons.txt'], 'volcanoes.txt': TOPICS['volcanoes.txt'], 'bread.txt': TOPICS['bread.txt'] });
    const store = await open(await server.createDatabase());
    expect(await checkIndexFreshness({ corpusDir: corpus, indexDir: '', embeddings: model, pgStore: store })).toMatchObject({ fresh: false, reason: expect.stringMatching(/^no index in database/) });
    const first = await ingest(store);
    expect(first).toMatchObject({ added: ['bread.txt', 'herons.txt', 'volcanoes.txt'], changed: [], removed: [], documents: 3, chunksTotal: 3, chunksEmbedded: 3, wrote: true });
    expect(await checkIndexFreshness({ corpusDir: corpus, indexDir: '', embeddings: model, pgStore: store })).toEqual({ fresh: true, reason: 'up to date' });

    const again = await ingest(store);
    expect(again).toMatchObject({ unchanged: ['bread.txt', 'herons.txt', 'volcanoes.txt'], chunksEmbedded: 0, wrote: false, generation: first.generation });

    write({ 'herons.txt': `${TOPICS['herons.txt']} They also eat frogs.`, 'tides.txt': TOPICS['tides.txt'] });
    unlinkSync(path.join(corpus, 'bread.txt'));
    const third = await ingest(store);
    expect(third).toMatchObject({ added: ['tides.txt'], changed: ['herons.txt'], removed: ['bread.txt'], unchanged: ['volcanoes.txt'], documents: 3, chunksTotal: 3, chunksEmbedded: 2, chunksReused: 0 });
    const index = (await store.openIndex({ embedder: model.handle!.id, dimensions: model.handle!.dimensions }))!;
    expect([...index.documents.keys()].sort()).toEqual(['herons', 'tides', 'volcanoes']);
    expect(index.chunks.find((c) => c.docId === 'herons')!.text).toContain('frogs');
    expect(await index.lexical.search('sourdough starter', 5)).toEqual([]);
    expect(await consistency(store)).toEqual({ count_ok: true, length_ok: true, empty_docs: 0, no_vector: 0 });
    // --rebuild reads and embeds everything again, as it does on disk.
    expect(await ingest(store, true)).toMatchObject({ changed: ['herons.txt', 'tides.txt', 'volcanoes.txt'], chunksEmbedded: 3, chunksReused: 0, fullRebuildReason: 'rebuild requested (--rebuild)' });
  });

  it('refuses a second ingest while one runs (advisory lock), and takes the lock back once it is free', async () => {
    const store = await open(await server.createDatabase());
    const holder = new pg.Client(store.settings.url);
    await holder.connect();
    expect(await store.ingestRunning()).toBe(false);
    await holder.query('SELECT pg_advisory_lock($1)', [LOCK_KEYS.ingest]);
    // what API processes ask before reloading a big index in the middle of an ingest (watch-pg-index.ts)
    expect(await store.ingestRunning()).toBe(true);
    await expect(ingest(store)).rejects.toThrow(PgIngestLockedError);
    await expect(ingest(store)).rejects.toThrow(/Another ingest is writing to database "test_\d+_\d+" on 127\.0\.0\.1:\d+/);
    // Its session ends (as when a killed ingest's connection drops): the lock is free again.
    await holder.end();
    expect(await store.ingestRunning()).toBe(false);
    const [a, b] = await Promise.allSettled([ingest(store, true), ingest(store, true)]);
    expect([a.status, b.status].sort()).toEqual(['fulfilled', 'rejected']);
    expect(((a.status === 'rejected' ? a : b) as PromiseRejectedResult).reason).toBeInstanceOf(PgIngestLockedError);
  });

  it('a killed ingest leaves every file wholly old or wholly new, and the next ingest finishes the rest', async () => {
    rmSync(corpus, { recursive: true, force: true });
    write(TOPICS);
    const url = await server.createDatabase();
    const store = await open(url);
    const start = await store.generation();
    // The real CLI in a child process, killed (SIGKILL: no handler runs) once the first file has committed.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'scripts/ingest.ts'), '--corpus', corpus], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, VECTOR_STORE: 'pgvector', DATABASE_URL: url, LOG_LEVEL: 'silent', EMBEDDINGS_BATCH_SIZE: '1' },
      stdio: 'ignore',
    });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const deadline = Date.now() + 60_000;
    while ((await store.generation()) <= start + 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGKILL');
    await exited;
    const { rows } = await store.pool.query('SELECT count(*) AS docs FROM assistant.documents');
    expect(rows[0].docs).toBeGreaterThan(0);
    expect(rows[0].docs).toBeLessThan(Object.keys(TOPICS).length);
    expect(await consistency(store)).toEqual({ count_ok: true, length_ok: true, empty_docs: 0, no_vector: 0 });
    // The lock dies with the child's connection (as soon as the server reads the closed socket)...
    const lockHeld = async () =>
      (await store.pool.query("SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = $1", [LOCK_KEYS.ingest])).rows[0].n;
    for (let i = 0; i < 100 && (await lockHeld()) > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await lockHeld()).toBe(0);
    // ...and the first ingest's settings were recorded before any file: the next one resumes instead of redoing.
    const rest = await ingest(store);
    expect(rest.unchanged.length).toBe(rows[0].docs);
    expect(rest.added.length).toBe(Object.keys(TOPICS).length - rows[0].docs);
    expect(rest.chunksEmbedded).toBe(Object.keys(TOPICS).length - rows[0].docs);
    expect(await consistency(store)).toEqual({ count_ok: true, length_ok: true, empty_docs: 0, no_vector: 0 });
  });

  it('other processes on the same database serve a finished ingest within a second, without a restart', async () => {
    rmSync(corpus, { recursive: true, force: true });
    write({ 'herons.txt': TOPICS['herons.txt'] });
    const url = await server.createDatabase();
    const writer = await open(url);
    await ingest(writer);
    const wanted = { embedder: model.handle!.id, dimensions: model.handle!.dimensions };
    // Two API processes: each its own pool (connections) and its own loaded index.
    const apis = await Promise.all(
      [1, 2].map(async () => {
        const store = await open(url);
        const seen = await store.generation();
        const api = { docs: (await store.openIndex(wanted))!.documents.size, reloadedAt: 0, async reload() { api.docs = (await store.openIndex(wanted))!.documents.size; api.reloadedAt = performance.now(); } };
        return { api, stop: watchPgIndex(store, api, silentLogger, { seen, intervalMs: 250 }) };
      }),
    );
    expect(apis.map(({ api }) => api.docs)).toEqual([1, 1]);
    write({ 'glass.txt': TOPICS['glass.txt'], 'bees.txt': TOPICS['bees.txt'] });
    await ingest(writer);
    const finished = performance.now();
    while (apis.some(({ api }) => api.docs !== 3) && performance.now() - finished < 5000) await new Promise((r) => setTimeout(r, 10));
    for (const { api, stop } of apis) {
      stop();
      expect(api.docs).toBe(3);
      expect(api.reloadedAt - finished).toBeLessThan(1000);
    }
  });

  it('the engine answers from PostgreSQL when VECTOR_STORE=pgvector', async () => {
    rmSync(corpus, { recursive: true, force: true });
    write(TOPICS);
    const url = await server.createDatabase();
    const store = await open(url);
    await ingest(store);
    const config = testConfig({ VECTOR_STORE: 'pgvector', DATABASE_URL: url, ANSWER_SELECTOR_DIR: 'none' });
    const engine = await createEngine(config, { log: silentLogger, embeddings: model });
    try {
      expect(engine.health()).toMatchObject({ documents: 6, chunks: 6, retrieval: 'hybrid' });
      const [top] = await engine.search('How do bees tell each other where flowers are?', 3);
      expect(top.docId).toBe('bees');
    } finally {
      await engine.close();
    }
  });
});
