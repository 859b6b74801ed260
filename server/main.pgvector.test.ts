// `npm start` with VECTOR_STORE=pgvector, as a user runs it: the real entry point (node --import tsx server/main.ts)
// in a child process, pointed at a fresh database (PostgreSQL started by the test) and a copy of corpus/. With
// nothing ingested yet it ingests corpus/ into the database by itself, as it builds INDEX_DIR for the local store,
// then answers a question over HTTP with citations, and SIGTERM ends it cleanly (exit 0, pool closed). A second start
// serves the database as it is, with the same answers and citations as an engine on the local store built from the
// same corpus (the acceptance check). The web UI is a stub newer than web/src, so no 20 s Vite build runs here.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from './testing/test-config.js';
import { createEngine } from './engine.js';
import { buildTestIndex } from './http/test-index.js';
import { silentLogger } from './log.js';
import { findModelsDir } from './embeddings/create-embeddings.js';
import { skipWithoutPostgres, startTestPostgres, type TestPostgres } from './store/pg/testing/test-postgres.js';
import { freePort } from './testing/free-port.js';

const skip = skipWithoutPostgres();
const config = testConfig();

interface Started {
  child: ChildProcessWithoutNullStreams;
  messages: string[];
  exited: Promise<number | null>;
}

const message = (line: string): string => {
  try {
    return String(JSON.parse(line).msg ?? '');
  } catch {
    return line;
  }
};

describe.skipIf(skip)('npm start with VECTOR_STORE=pgvector', () => {
  let server: TestPostgres;
  let tmp: string;
  let url: string;
  let port: number;
  const children: ChildProcessWithoutNullStreams[] = [];

  /** Spawns `npm start`'s command; resolves once it logs "ready:", with every log message so far. */
  async function npmStart(): Promise<Started> {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(config.ROOT, 'server', 'main.ts')], {
      cwd: config.ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        VECTOR_STORE: 'pgvector',
        DATABASE_URL: url,
        CORPUS_DIR: path.join(tmp, 'corpus'),
        INDEX_DIR: path.join(tmp, 'index'),
        EVAL_DIR: path.join(tmp, 'evals'),
        WEB_DIST_DIR: path.join(tmp, 'web'),
        MODELS_DIR: findModelsDir(config),
        ANSWERER: 'extractive',
      },
    });
    children.push(child);
    const messages: string[] = [];
    let partial = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        const parts = (partial + d.toString()).split('\n');
        partial = parts.pop()!;
        messages.push(...parts.map(message));
        if (parts.some((l) => message(l).startsWith('ready:'))) resolve();
      });
      void exited.then((code) => reject(new Error(`npm start exited (${code}) before listening:\n${messages.join('\n')}\n${stderr.slice(-3000)}`)));
    });
    return { child, messages, exited };
  }

  beforeAll(async () => {
    server = await startTestPostgres();
    url = await server.createDatabase();
    tmp = await mkdtemp(path.join(os.tmpdir(), 'ra-start-pg-'));
    await cp(path.join(config.ROOT, 'corpus'), path.join(tmp, 'corpus'), { recursive: true });
    await mkdir(path.join(tmp, 'web'));
    await writeFile(path.join(tmp, 'web', 'index.html'), '<!doctype html><title>Research assistant</title>');
    port = await freePort();
  }, 60_000);

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await server?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('ingests corpus/ into the empty database by itself, answers with citations, and stops cleanly on SIGTERM', async () => {
    const first = await npmStart();
    expect(first.messages).toContainEqual(expect.stringMatching(/^index: no index in database "test_\d+_\d+" on 127\.0\.0\.1:\d+.*; ingesting .*corpus\/$/));
    expect(first.messages).toContainEqual(expect.stringMatching(/^index: 3 documents, \d+ chunks \(\d+ embedded, 0 files skipped\)/));
    // The index is in PostgreSQL, not on disk.
    expect(existsSync(path.join(tmp, 'index'))).toBe(false);
    const db = new pg.Client(url);
    await db.connect();
    const { rows } = await db.query('SELECT count(*)::int AS n FROM assistant.documents');
    await db.end();
    expect(rows[0].n).toBe(3);

    const res = await fetch(`http://127.0.0.1:${port}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'In which month and year did the Quds Force commander fly to the Russian capital?' }),
    });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { answer: string; abstained: boolean; citations: { n: number; docId: string }[] };
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toMatch(/July 2015.*\[1\]/);
    expect(answer.citations[0]).toMatchObject({ n: 1, docId: 'russia-iran-converge-soleimani-jpost' });
    expect(await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()).toMatchObject({ status: 'ok', documents: 3, retrieval: 'hybrid' });

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
  }, 120_000);

  it('serves the seed corpus with the same answers and citations as the local store', async () => {
    // A second start finds the database up to date and serves it; the local store is built from the same corpus.
    const started = await npmStart();
    const local = await buildTestIndex({ CORPUS_DIR: path.join(tmp, 'corpus') });
    const engine = await createEngine(local.config, { log: silentLogger, embeddings: local.embeddings });
    try {
      // Every fourth question of the seed set (answerable and not), and a follow-up that needs the conversation.
      const cases = readFileSync(path.join(config.ROOT, 'evals', 'sets', 'seed.jsonl'), 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => ({ question: (JSON.parse(l) as { question: string }).question, history: [] as { role: 'user' | 'assistant'; content: string }[] }))
        .filter((_, i) => i % 4 === 0);
      cases.push({
        question: 'When did he go there?',
        history: [
          { role: 'user', content: 'Who did Soleimani meet in Moscow?' },
          { role: 'assistant', content: (await engine.chat({ question: 'Who did Soleimani meet in Moscow?' })).answer },
        ],
      });
      const shape = (r: { answer: string; abstained: boolean; uncertain?: boolean; citations: { n: number; chunkId: string; docId: string }[] }) => ({
        answer: r.answer,
        abstained: r.abstained,
        uncertain: r.uncertain ?? false,
        citations: r.citations.map((c) => `${c.n} ${c.chunkId}`),
      });
      let answered = 0;
      for (const c of cases) {
        const res = await fetch(`http://127.0.0.1:${port}/api/chat`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(c),
        });
        expect(res.status).toBe(200);
        const fromPg = shape((await res.json()) as Parameters<typeof shape>[0]);
        const fromLocal = shape(await engine.chat(c));
        expect({ question: c.question, ...fromPg }).toEqual({ question: c.question, ...fromLocal });
        if (!fromPg.abstained) answered++;
      }
      // the comparison covers real answers, not only abstentions
      expect(answered).toBeGreaterThan(cases.length / 2);
    } finally {
      await engine.close();
      local.cleanup();
      started.child.kill('SIGTERM');
      await started.exited;
    }
  }, 300_000);
});
