// HTTP under load on loopback: the real server in a child process (ingesting a copy of corpus/ into a temp index,
// extractive answerer, local store), Debian's `wrk` driving `connections` connections for `seconds` at each of
// POST /api/chat (JSON, not SSE) and POST /api/search, each request a different real question (every question in
// evals/sets/*.jsonl, in a fixed shuffled order, so the embedding memo does not turn the run into cache hits), while
// this process probes GET /api/health every 20 ms over one keep-alive connection. Measured, never asserted: the
// targets (0 errors, /api/health p99 ≤ 50 ms) are read off the result. The server's own event-loop delay is recorded
// beside it (scripts/bench/event-loop-delay.ts), to tell a blocked event loop from CPU contention.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { percentile } from '../../evals/metrics/latency.js';
import { childProcessEnv, loadConfig, PROJECT_ROOT } from '../../server/config.js';
import { findModelsDir } from '../../server/embeddings/create-embeddings.js';
import { freePort } from '../../server/testing/free-port.js';
import { startHealthProbe } from './health-probe.js';
import { parseWrkOutput, type WrkSummary } from './wrk-output.js';

export interface HttpLoadRoute {
  route: string;
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** socket errors + timeouts + non-2xx */
  errors: number;
}

export interface HttpLoadResult {
  tool: string;
  /** cores, Node, inference workers, and the load average when the run started (the machine may be shared) */
  machine: string;
  seconds: number;
  connections: number;
  /** e.g. 'seed corpus, local store' */
  index: string;
  routes: HttpLoadRoute[];
  /** one per loaded route, in the same order */
  health: {
    route: '/api/health';
    samples: number;
    p50Ms: number;
    p99Ms: number;
    maxMs: number;
    /** probes that failed or got a status other than 200 */
    failures: number;
    /** the server's event-loop delay over the same run (perf_hooks.monitorEventLoopDelay, 10 ms resolution) */
    serverEventLoop: { p50Ms: number; p99Ms: number; maxMs: number } | null;
  }[];
}

export interface HttpLoadOptions {
  /** per route (default 60) */
  seconds?: number;
  /** wrk connections (default 50) */
  connections?: number;
  say?: (line: string) => void;
}

/** wrk's default 2 s timeout would count answers that queue behind 49 others as errors; they are slow, not lost. */
const WRK_TIMEOUT = '30s';
const HEALTH_EVERY_MS = 20;
const LUA_SCRIPT = path.join(PROJECT_ROOT, 'scripts', 'bench', 'http-load.lua');
const LOOP_PROBE = path.join(PROJECT_ROOT, 'scripts', 'bench', 'event-loop-delay.ts');

const round = (n: number) => Math.round(n * 10) / 10;

/** wrk's version line, or null when it is not installed. */
function wrkVersion(): string | null {
  const res = spawnSync('wrk', ['-v'], { encoding: 'utf8' });
  if (res.error) return null;
  return /wrk \S+/.exec(`${res.stdout}${res.stderr}`)?.[0] ?? 'wrk';
}

/** Every distinct question of evals/sets/*.jsonl, shuffled with a fixed seed (the same order on every run). */
export function loadQuestions(setsDir = path.join(PROJECT_ROOT, 'evals', 'sets')): string[] {
  const questions = new Set<string>();
  for (const file of readdirSync(setsDir).filter((f) => f.endsWith('.jsonl')).sort()) {
    for (const line of readFileSync(path.join(setsDir, file), 'utf8').split('\n')) {
      try {
        const q = (JSON.parse(line) as { question?: unknown }).question;
        if (typeof q === 'string' && q.trim()) questions.add(q.trim());
      } catch {
        /* blank or malformed lines are the eval runner's business */
      }
    }
  }
  const list = [...questions];
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}

interface ServerChild {
  port: number;
  pid: number;
  /** the server's event-loop delay since the previous call */
  loopDelay(): Promise<HttpLoadResult['health'][number]['serverEventLoop']>;
  /** SIGTERM, then waits for the exit; resolves with how it exited ('0' when it shut down cleanly) */
  stop(): Promise<string>;
}

/** npm start's server (no web build) in a child process on a free loopback port; resolves once it listens. */
async function startServer(dir: string, connections: number): Promise<ServerChild> {
  const config = loadConfig();
  const corpusDir = path.join(dir, 'corpus');
  cpSync(config.CORPUS_DIR, corpusDir, { recursive: true });
  const port = await freePort();
  const main = path.join(PROJECT_ROOT, 'server', 'main.ts');
  const start = `const m = await import(${JSON.stringify(main)}); await m.start({ buildWeb: false });`;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--import', LOOP_PROBE, '--input-type=module', '-e', start],
    {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: childProcessEnv({
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        CORPUS_DIR: corpusDir,
        INDEX_DIR: path.join(dir, 'index'),
        EVAL_DIR: path.join(dir, 'evals'),
        MODELS_DIR: findModelsDir(config),
        ANSWERER: 'extractive',
        VECTOR_STORE: 'local',
        // Changed for the bench: all load comes from one address (127.0.0.1), so the per-client rate limit (120 a
        // minute by default) would answer 429 within the first second. Raised to its maximum rather than switched
        // off (0), so the rate-limit plugin stays in the request path as in production.
        RATE_LIMIT_MAX: '1000000',
        RATE_LIMIT_WINDOW_MS: '60000',
        // Changed for the bench: one address may hold MAX_CONNECTIONS_PER_CLIENT sockets (default 64, which would
        // refuse a run with more than 63 connections); wrk's connections plus the health probe and reconnections.
        MAX_CONNECTIONS_PER_CLIENT: String(Math.max(64, connections + 16)),
      }),
    },
  );
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(String(signal ?? code))));
  let log = '';
  const onData = (d: Buffer) => (log = (log + d.toString()).slice(-20_000));
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', () => log.includes('ready: http') && resolve());
    void exited.then(() => reject(new Error(`the server exited before it was ready:\n${log.slice(-3000)}`)));
    setTimeout(() => reject(new Error(`the server was not ready within 10 minutes:\n${log.slice(-3000)}`)), 600_000).unref();
  });

  return {
    port,
    pid: child.pid!,
    async loopDelay() {
      type Delay = { p50Ms: number; p99Ms: number; maxMs: number };
      const answer = new Promise<Delay>((resolve) => child.once('message', (m) => resolve(m as Delay)));
      child.send('event-loop-delay');
      return Promise.race([answer, new Promise<null>((resolve) => setTimeout(() => resolve(null), 5000))]);
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const how = await exited;
      clearTimeout(timer);
      return how;
    },
  };
}

async function runWrk(args: string[]): Promise<WrkSummary & { output: string }> {
  const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`wrk exited with ${code}:\n${output.slice(-2000)}`);
  return { ...parseWrkOutput(output), output };
}

/** CPU seconds a process and its children (the inference processes) have used (Linux /proc), or null. */
function cpuSeconds(pid: number): number | null {
  const stat = (p: string) => readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
  try {
    let total = 0;
    for (const p of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const f = stat(p);
        // fields after the name: state ppid … utime stime (the 2nd, 12th and 13th)
        if (p === String(pid) || f[1] === String(pid)) total += (Number(f[11]) + Number(f[12])) / 100;
      } catch {
        /* the process ended meanwhile */
      }
    }
    return total;
  } catch {
    return null;
  }
}

/**
 * Waits until the server and its inference processes are idle (under 10 % of a core for two seconds running, at most
 * 3 minutes): answers still running for connections wrk closed (and their queued model calls) must not be measured
 * against the next route.
 */
async function waitUntilIdle(pid: number): Promise<void> {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const first = cpuSeconds(pid);
  if (first === null) return void (await sleep(10_000));
  let last: number = first;
  let quiet = 0;
  for (let t = 0; t < 180 && quiet < 2; t++) {
    await sleep(1000);
    const now: number = cpuSeconds(pid) ?? last;
    quiet = now - last < 0.1 ? quiet + 1 : 0;
    last = now;
  }
}

/** One POST before the run, so the first measured requests do not pay for JIT and lazy loading. */
async function warmUp(port: number, route: string, body: string): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${port}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`warm-up ${route}: HTTP ${res.status}`);
}

export async function benchHttpLoad(opts: HttpLoadOptions): Promise<HttpLoadResult | null> {
  const say = opts.say ?? (() => undefined);
  const tool = wrkVersion();
  if (!tool) {
    say("HTTP load skipped: install Debian's wrk (apt-get install wrk)");
    return null;
  }
  const seconds = opts.seconds ?? 60;
  const connections = opts.connections ?? 50;
  const workers = loadConfig().INFERENCE_WORKERS;
  const machine =
    `${cpus().length} cores, Node ${process.version}, INFERENCE_WORKERS=${workers}, ` +
    `load average ${loadavg()[0].toFixed(1)} at the start`;
  const dir = mkdtempSync(path.join(tmpdir(), 'axis-rag-load-'));
  let server: ServerChild | null = null;
  try {
    const questions = loadQuestions();
    const routes = [
      { route: '/api/chat', body: (q: string) => ({ question: q }) },
      { route: '/api/search', body: (q: string) => ({ query: q }) },
    ];
    say(`HTTP load: starting the server (ingest of corpus/ into a temporary index)…`);
    server = await startServer(dir, connections);
    const result: HttpLoadResult = { tool, machine, seconds, connections, index: 'seed corpus, local store', routes: [], health: [] };
    for (const { route, body } of routes) {
      const bodiesFile = path.join(dir, `${route.replace(/\W+/g, '-')}.bodies`);
      writeFileSync(bodiesFile, `${questions.map((q) => JSON.stringify(body(q))).join('\n')}\n`);
      await warmUp(server.port, route, JSON.stringify(body(questions[0])));
      await waitUntilIdle(server.pid);
      say(`HTTP load: ${route}, ${connections} connections for ${seconds} s (${questions.length} different questions)…`);
      await server.loopDelay();
      const probe = startHealthProbe(server.port, HEALTH_EVERY_MS);
      const threads = Math.min(2, connections);
      const wrk = await runWrk([
        `-t${threads}`,
        `-c${connections}`,
        `-d${seconds}s`,
        '--latency',
        '--timeout',
        WRK_TIMEOUT,
        '-s',
        LUA_SCRIPT,
        `http://127.0.0.1:${server.port}${route}`,
        '--',
        bodiesFile,
      ]);
      const { latenciesMs, failures } = await probe.stop();
      const serverEventLoop = await server.loopDelay();
      const s = wrk.socketErrors;
      const errors = s.connect + s.read + s.write + s.timeout + wrk.non2xx;
      if (wrk.firstNon2xx) say(`HTTP load: ${route} first non-2xx response: ${wrk.firstNon2xx}`);
      result.routes.push({ route, requests: wrk.requests, rps: round(wrk.rps), p50Ms: round(wrk.p50Ms), p99Ms: round(wrk.p99Ms), errors });
      result.health.push({
        route: '/api/health',
        samples: latenciesMs.length,
        p50Ms: round(percentile(latenciesMs, 50)),
        p99Ms: round(percentile(latenciesMs, 99)),
        maxMs: round(Math.max(0, ...latenciesMs)),
        failures,
        serverEventLoop,
      });
    }
    return result;
  } finally {
    const how = await server?.stop();
    if (how && how !== '0') say(`HTTP load: the server did not exit cleanly on SIGTERM (${how})`);
    rmSync(dir, { recursive: true, force: true });
  }
}
