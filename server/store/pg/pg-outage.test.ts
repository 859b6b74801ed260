// The API served from PostgreSQL while the database misbehaves (real server started by the test, real model, the
// app built in-process as `npm start` builds it, with its reload watcher): sessions killed under it are replaced
// without a failed request or a crash; with the database down, requests fail fast with 503 STORE_UNAVAILABLE and
// health says so; once it is back, everything works again without a restart, including reloads after an ingest.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../config.js';
import { createEmbeddings, type EmbeddingsChoice } from '../../embeddings/create-embeddings.js';
import { createEngine, type Engine } from '../../engine.js';
import { buildApp } from '../../http/app.js';
import { buildIndex } from '../../ingest/build-index.js';
import { silentLogger } from '../../log.js';
import { openPgStore, pgStoreSettings, type PgStore } from './pg-store.js';
import { skipWithoutPostgres, startTestPostgres, type TestPostgres } from './testing/test-postgres.js';
import { watchPgIndex } from './watch-pg-index.js';

const skip = skipWithoutPostgres();

const CORPUS: Record<string, string> = {
  'herons.txt': 'Grey herons nest in colonies called heronries. They hunt fish in shallow water, standing still for long minutes before striking.',
  'volcanoes.txt': 'Stratovolcanoes are built of alternating layers of lava and ash. Their eruptions are explosive because the magma is viscous.',
  'bees.txt': 'Honey bees communicate the direction of flowers with a waggle dance inside the hive.',
  'tides.txt': 'Tides are caused by the gravitational pull of the moon and the sun. Spring tides occur when they align.',
};
const QUESTION = 'How do honey bees communicate the direction of flowers?';

/**
 * A TCP relay to PostgreSQL that can fall silent as a network partition does: connections stay open (and new ones
 * are accepted) but nothing crosses until it speaks again. Unlike a stopped server, nothing is refused.
 */
async function startRelay(targetPort: number) {
  let silent = false;
  const sockets = new Set<Socket>();
  const server = createServer((inbound) => {
    const outbound = connect(targetPort, '127.0.0.1');
    for (const [a, b] of [[inbound, outbound], [outbound, inbound]]) {
      sockets.add(a);
      if (silent) a.pause();
      a.on('data', (d) => b.write(d));
      a.on('close', () => (b.destroy(), sockets.delete(a)));
      a.on('error', () => b.destroy());
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    silence: () => ((silent = true), sockets.forEach((s) => s.pause())),
    speak: () => ((silent = false), sockets.forEach((s) => s.resume())),
    close: () => (sockets.forEach((s) => s.destroy()), server.close()),
  };
}

describe.skipIf(skip)('serving from PostgreSQL through a database outage', () => {
  let server: TestPostgres;
  let model: EmbeddingsChoice;
  let tmp: string;
  let url: string;
  let store: PgStore;
  let engine: Engine;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let stopWatching: () => void;
  let config: Readonly<Config>;
  const logged: { level: number; msg: string }[] = [];
  const errorLines = () => logged.filter((l) => l.level >= 50).map((l) => l.msg);

  const post = (route: 'search' | 'chat', body: object, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: `/api/${route}`, payload: body, headers });
  const ingest = async () => {
    const writer = await openPgStore(store.settings, silentLogger);
    try {
      return await buildIndex({ corpusDir: path.join(tmp, 'corpus'), indexDir: path.join(tmp, 'unused'), embeddings: model, log: silentLogger, pgStore: writer });
    } finally {
      await writer.close();
    }
  };
  const until = async (what: string, ok: () => Promise<boolean>, ms: number) => {
    const deadline = performance.now() + ms;
    while (!(await ok())) {
      if (performance.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  beforeAll(async () => {
    server = await startTestPostgres();
    tmp = mkdtempSync(path.join(os.tmpdir(), 'ra-pg-outage-'));
    const corpus = path.join(tmp, 'corpus');
    mkdirSync(corpus);
    for (const [name, text] of Object.entries(CORPUS)) writeFileSync(path.join(corpus, name), text);
    url = await server.createDatabase();
    config = loadConfig({
      env: { VECTOR_STORE: 'pgvector', DATABASE_URL: url, CORPUS_DIR: corpus, INDEX_DIR: path.join(tmp, 'unused'), RATE_LIMIT_MAX: '0', ANSWERER: 'extractive' },
      dotenv: false,
    });
    model = await createEmbeddings(config, silentLogger);
    if (!model.handle) throw new Error('the embedding model is missing: set MODELS_DIR (e.g. ../shared/models)');
    // The same wiring as server/main.ts start(): one store shared by the engine and the reload watcher.
    const log = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
    store = await openPgStore(pgStoreSettings(config), log);
    await ingest();
    const seen = await store.generation();
    engine = await createEngine(config, { log, embeddings: model, pgStore: store });
    app = await buildApp({ config, engine, log });
    stopWatching = watchPgIndex(store, engine, log, { seen });
  }, 120_000);

  afterAll(async () => {
    stopWatching?.();
    await app?.close();
    await engine?.close();
    await store?.close();
    await server?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('replaces connections killed under it: the next search and chat succeed, and the process does not crash', async () => {
    // Several requests at once, so the pool holds several idle connections to be killed.
    const warm = await Promise.all([1, 2, 3, 4].map(() => post('search', { query: QUESTION })));
    expect(warm.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    expect(await server.terminateConnections(url)).toBeGreaterThanOrEqual(2);

    const search = await post('search', { query: QUESTION, k: 2 });
    expect(search.statusCode).toBe(200);
    expect(search.json().results[0].docId).toBe('bees');
    const chat = await post('chat', { question: QUESTION });
    expect(chat.statusCode).toBe(200);
    expect(chat.json().citations[0].docId).toBe('bees');

    // Killed while requests are in flight (a failover under load): their queries are retried on new connections.
    const inFlight = Promise.all([1, 2, 3, 4].map((i) => post(i % 2 ? 'chat' : 'search', i % 2 ? { question: QUESTION } : { query: QUESTION })));
    await new Promise((r) => setTimeout(r, 5));
    await server.terminateConnections(url);
    expect((await inFlight).map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);

    // Killed while a connection is checked out between two statements, as a reload or an ingest holds one: its
    // 'error' event must not reach Node as an unhandled error (that would end the process, and fail this test).
    const held = await store.pool.connect();
    await held.query('BEGIN');
    await server.terminateConnections(url);
    await new Promise((r) => setTimeout(r, 100));
    await expect(held.query('SELECT 1')).rejects.toThrow();
    held.release(true);
    expect((await post('search', { query: QUESTION })).statusCode).toBe(200);
    expect(errorLines()).toEqual([]);
  });

  it('with the database down: 503 STORE_UNAVAILABLE at once, readiness says so, liveness stays 200; back up: served again without a restart', async () => {
    await server.serverDown();
    const started = performance.now();
    const search = await post('search', { query: QUESTION });
    const chat = await post('chat', { question: QUESTION });
    const stream = await post('chat', { question: QUESTION }, { accept: 'text/event-stream' });
    const ready = await app.inject({ method: 'GET', url: '/api/ready' });
    // four requests, each refused at once: far below the 10 s connect and 15 s statement timeouts
    expect(performance.now() - started).toBeLessThan(3000);
    for (const res of [search, chat, ready]) {
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ error: { code: 'STORE_UNAVAILABLE', message: expect.stringMatching(/database .*cannot be reached/i) } });
      expect(res.body).not.toMatch(/ECONNREFUSED|at .*\.ts:\d+|127\.0\.0\.1/);
    }
    expect(stream.body).toContain('"code":"STORE_UNAVAILABLE"');
    expect(stream.body.trim().split('\n\n').at(-1)).toMatch(/^event: error\n/m);
    // The process is alive (a restart would not bring the database back): liveness stays 200.
    expect((await app.inject({ method: 'GET', url: '/api/health' })).json()).toMatchObject({ status: 'ok', documents: 4 });
    // What lives in memory is still served: the document list.
    expect((await app.inject({ method: 'GET', url: '/api/documents' })).statusCode).toBe(200);

    // The watcher polls 4 times a second: over 1.5 s of outage it logs one line, not six.
    await new Promise((r) => setTimeout(r, 1500));
    expect(errorLines().filter((m) => m.startsWith('index:'))).toEqual([expect.stringMatching(/^index: .*PostgreSQL/)]);

    await server.serverUp();
    const back = performance.now();
    await until('search works again', async () => (await post('search', { query: QUESTION })).statusCode === 200, 5000);
    expect(performance.now() - back).toBeLessThan(2000);
    await until('the watcher says it works again', async () => logged.some((l) => l.msg === 'index: checking the PostgreSQL index works again'), 1000);
    const again = await post('chat', { question: QUESTION });
    expect(again.statusCode).toBe(200);
    expect(again.json().citations[0].docId).toBe('bees');
    expect((await app.inject({ method: 'GET', url: '/api/ready' })).json()).toMatchObject({ status: 'ready', store: 'pgvector' });

    // The watcher has resumed: an ingest after the outage goes live without a restart.
    writeFileSync(path.join(tmp, 'corpus', 'glass.txt'), 'Glass is made by melting sand, soda ash and limestone in a furnace at about 1,500 degrees Celsius.');
    await ingest();
    await until('the new document is served', async () => engine.health().documents === 5, 3000);
    const glass = await post('search', { query: 'What is glass made of?', k: 1 });
    expect(glass.json().results[0].docId).toBe('glass');
  });

  it('a database that stops answering (network partition) fails requests within the timeouts, not a hang', async () => {
    const relay = await startRelay(Number(new URL(url).port));
    const through = new URL(url);
    through.port = String(relay.port);
    const partitioned = await openPgStore({ ...store.settings, url: through.toString(), connectTimeoutMs: 1000, queryTimeoutMs: 1000 }, silentLogger);
    const e = await createEngine(config, { log: silentLogger, embeddings: model, pgStore: partitioned });
    const a = await buildApp({ config, engine: e, log: silentLogger });
    try {
      expect((await a.inject({ method: 'POST', url: '/api/search', payload: { query: QUESTION } })).statusCode).toBe(200);
      relay.silence();
      for (const request of [
        { method: 'POST', url: '/api/search', payload: { query: QUESTION } },
        { method: 'POST', url: '/api/chat', payload: { question: QUESTION } },
        { method: 'GET', url: '/api/ready' },
      ] as const) {
        const started = performance.now();
        const res = await a.inject(request);
        // one timeout (a statement on a pooled connection, or a new connection), plus the work around it
        expect(performance.now() - started).toBeLessThan(2500);
        expect(res.statusCode).toBe(503);
        expect(res.json().error.code).toBe('STORE_UNAVAILABLE');
      }
      relay.speak();
      await until('search works again', async () => (await a.inject({ method: 'POST', url: '/api/search', payload: { query: QUESTION } })).statusCode === 200, 5000);
    } finally {
      await a.close();
      await e.close();
      relay.close();
      await partitioned.close();
    }
  }, 30_000);
});
