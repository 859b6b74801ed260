// Soak test (npm run test:soak; not part of npm test): the real server under moderate load for SOAK_MS (default
// 10 minutes; .ci/run runs a one-minute form), then SIGTERM while the load goes on.
// - memory: the server's RSS at the end is within 10 % of its RSS after warm-up;
// - SIGTERM: it stops accepting connections at once, every SSE stream that was open ends with a terminal event
//   (`done` or `error`, never cut mid-answer), it exits 0, and no half-written file is left in the index folder.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from './testing/test-config.js';
import { findModelsDir } from './embeddings/create-embeddings.js';
import { freePort } from './testing/free-port.js';

const SOAK_MS = Number(process.env.SOAK_MS ?? 600_000);
const CLIENTS = 3;
const MAX_RSS_GROWTH = 0.1;
const QUESTIONS = [
  'In which month and year did the Quds Force commander fly to the Russian capital?',
  'Why does Tehran back Hamas?',
  'Who wrote the Avdaliani analysis?',
  'What is the Axis of Resistance?',
  'Which Russian defence chief was among the officials lined up to receive Soleimani?',
];

const config = testConfig();
let tmp: string;
let server: ChildProcessWithoutNullStreams;
let port: number;
let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

async function rssKb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)![1]);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** POST /api/chat as SSE; resolves with the event names received, in order. */
async function streamChat(question: string): Promise<string[]> {
  const res = await fetch(`http://127.0.0.1:${port}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ question }),
  });
  const text = await res.text();
  return [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
}

async function oneRequest(i: number): Promise<void> {
  const question = QUESTIONS[i % QUESTIONS.length];
  if (i % 3 === 0) {
    const events = await streamChat(question);
    expect(events.at(-1)).toBe('done');
  } else {
    const route = i % 3 === 1 ? 'chat' : 'search';
    const res = await fetch(`http://127.0.0.1:${port}/api/${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(route === 'chat' ? { question } : { query: question }),
    });
    await res.arrayBuffer();
    expect(res.status).toBe(200);
  }
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'soak-'));
  await cp(path.join(config.ROOT, 'corpus'), path.join(tmp, 'corpus'), { recursive: true });
  port = await freePort();
  const start = `const m = await import(${JSON.stringify(path.join(config.ROOT, 'server', 'main.ts'))}); await m.start({ buildWeb: false });`;
  server = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', start], {
    cwd: config.ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      CORPUS_DIR: path.join(tmp, 'corpus'),
      INDEX_DIR: path.join(tmp, 'index'),
      EVAL_DIR: path.join(tmp, 'evals'),
      MODELS_DIR: findModelsDir(config),
      ANSWERER: 'extractive',
      RATE_LIMIT_MAX: '0',
    },
  });
  exited = new Promise((resolve) => server.on('exit', (code, signal) => resolve({ code, signal })));
  let out = '';
  server.stderr.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise<void>((resolve, reject) => {
    server.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready: http')) resolve();
    });
    void exited.then(({ code, signal }) => reject(new Error(`the server exited (${code ?? signal}):\n${out.slice(-3000)}`)));
  });
}, 180_000);

afterAll(async () => {
  if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe(`the server under moderate load for ${Math.round(SOAK_MS / 1000)} s`, () => {
  it('keeps its RSS within 10 % of its steady state after warm-up, then shuts down cleanly on SIGTERM under load', async () => {
    const t0 = performance.now();
    const samples: { t: number; kb: number }[] = [];
    const sampler = setInterval(() => {
      void rssKb(server.pid!).then((kb) => samples.push({ t: performance.now() - t0, kb }), () => undefined);
    }, 1000);
    let requests = 0;
    let terminating = false;
    const client = async (c: number) => {
      for (let i = c; ; i += CLIENTS) {
        try {
          await oneRequest(i);
        } catch (err) {
          // refused or cut once SIGTERM is sent: that is the shutdown working; before it, a failure
          if (terminating) return;
          throw err;
        }
        requests++;
      }
    };
    const clients = Promise.allSettled(Array.from({ length: CLIENTS }, (_, c) => client(c)));
    await new Promise((resolve) => setTimeout(resolve, SOAK_MS));
    clearInterval(sampler);

    // Warm-up (model caches, JIT, the V8 heap finding its size) is the first quarter. The steady state is the
    // highest RSS of the next quarter, not its median: the heap's sawtooth put a median anywhere from 317 to 440 MB
    // between runs of the same code, and a run whose window caught the low end failed at +33 % without a leak. A
    // leak keeps growing through the second half and still shows against that peak.
    const steady = samples.filter((s) => s.t >= SOAK_MS / 4 && s.t < SOAK_MS / 2).map((s) => s.kb);
    const last = samples.filter((s) => s.t >= SOAK_MS * 0.8).map((s) => s.kb);
    const baseline = Math.max(...steady);
    const growth = median(last) / baseline - 1;
    console.info(`soak: ${requests} requests in ${SOAK_MS / 1000} s; RSS peak after warm-up ${baseline} kB (median ${median(steady)} kB), at the end ${median(last)} kB (${(100 * growth).toFixed(1)} %)`);
    expect(growth).toBeLessThan(MAX_RSS_GROWTH);

    // SIGTERM with the load still running and three SSE streams just opened
    const open = QUESTIONS.slice(0, 3).map((q) => streamChat(q).catch((err: Error) => [`failed: ${err.message}`]));
    await new Promise((resolve) => setTimeout(resolve, 50));
    terminating = true;
    server.kill('SIGTERM');
    const refusedAt = performance.now();
    let refused = false;
    while (!refused && performance.now() - refusedAt < 2000) {
      refused = await new Promise<boolean>((resolve) => {
        const socket = connect(port, '127.0.0.1');
        socket.once('connect', () => (socket.destroy(), resolve(false)));
        socket.once('error', () => resolve(true));
      });
      if (!refused) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(refused).toBe(true);
    for (const events of await Promise.all(open)) expect(['done', 'error']).toContain(events.at(-1));
    for (const r of await clients) expect(r.status === 'rejected' ? String(r.reason) : 'ok').toBe('ok');
    expect(await exited).toEqual({ code: 0, signal: null });
    const debris = (await readdir(path.join(tmp, 'index'))).filter((n) => n.includes('.tmp') || n.startsWith('tmp-'));
    expect(debris).toEqual([]);
  }, SOAK_MS + 120_000);
});
