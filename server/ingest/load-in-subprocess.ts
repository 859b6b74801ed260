// Runs a file's loader in a child process with a heap cap (LOADER_MEMORY_MB) and a time limit (LOADER_TIMEOUT_MS).
// Parsers of hostile files fail by exhausting memory (a 176 MB document.xml became 4.5 GB of DOM and V8 aborted the
// whole ingest, exit 134) or by never returning; in a child either one ends that process, and the file becomes a
// named warning. A child process rather than a worker thread: a worker's resourceLimits are best-effort, and an
// allocation pattern as common as a growing array still aborts the whole process (nodejs/node#47224), as it did here.
// One child is reused from file to file (starting one costs about half a second) and replaced after any failure;
// files are loaded one at a time, so a child's death is always the fault of the file it was loading.
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatBytes } from './format-bytes.js';
import type { IngestLimits } from './ingest-limits.js';
import { LoadFailure, type LoadedDocument } from './load-document.js';
import type { LoadReply, LoadRequest } from './loader-process.js';

const RUNS_TS = import.meta.url.endsWith('.ts');
const ENTRY = fileURLToPath(new URL(`./loader-process.${RUNS_TS ? 'ts' : 'js'}`, import.meta.url));
/** how much of the child's stderr is kept to explain a crash */
const STDERR_TAIL = 4096;

interface Slot {
  child: ChildProcess;
  memoryMb: number;
  ready: Promise<void>;
  stderr: string;
}

let slot: Slot | null = null;
let queue: Promise<unknown> = Promise.resolve();
/** files queued or loading */
let pending = 0;

function startChild(memoryMb: number): Slot {
  // The project runs TypeScript through tsx: the child loads it by absolute URL (a bare `--import tsx` would be
  // resolved from whatever the working directory is).
  const tsx = RUNS_TS ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : [];
  const child = fork(ENTRY, [], {
    execArgv: [...tsx, `--max-old-space-size=${memoryMb}`],
    serialization: 'advanced',
    // stdout: pdf.js prints its warnings there; stderr is kept to explain a crash (V8's OOM report is long)
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const s: Slot = { child, memoryMb, stderr: '', ready: Promise.resolve() };
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (s.stderr = (s.stderr + d).slice(-STDERR_TAIL)));
  s.ready = new Promise((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code, signal) => reject(new Error(`the loader process did not start (${code ?? signal}): ${s.stderr.trim().slice(-500)}`)));
  });
  s.ready.catch(() => undefined);
  child.on('exit', () => {
    if (slot === s) slot = null;
  });
  idle(s);
  return s;
}

/** An idle child keeps no process alive. */
function idle(s: Slot): void {
  s.child.unref();
  (s.child.stderr as unknown as { unref?: () => void }).unref?.();
  s.child.channel?.unref();
}

function busy(s: Slot): void {
  s.child.ref();
  (s.child.stderr as unknown as { ref?: () => void }).ref?.();
  s.child.channel?.ref();
}

/**
 * Starts the loader process ahead of the first file (starting one costs about half a second), so `npm run ingest`
 * does it while the model loads (not awaited there). It stays idle (keeping no process alive) until a file comes.
 */
export function startLoaderProcess(limits: Pick<IngestLimits, 'loaderMemoryMb'>): Promise<void> {
  if (slot && slot.memoryMb !== limits.loaderMemoryMb && pending === 0) stopLoaderProcess();
  const s = (slot ??= startChild(limits.loaderMemoryMb));
  // Resolves once it is ready (held alive until then, so the promise can be awaited); a start that fails is
  // reported by the first file's load.
  pending++;
  busy(s);
  return s.ready
    .catch(() => undefined)
    .finally(() => {
      if (--pending === 0 && slot === s) idle(s);
    });
}

/** Loads `bytes` as a file of type `ext` in the loader process. Throws LoadFailure naming what went wrong. */
export function loadInSubprocess(ext: string, bytes: Uint8Array, limits: IngestLimits): Promise<LoadedDocument> {
  pending++;
  const job = queue.then(() => runJob(ext, bytes, limits)).finally(() => pending--);
  queue = job.catch(() => undefined);
  return job;
}

async function runJob(ext: string, bytes: Uint8Array, limits: IngestLimits): Promise<LoadedDocument> {
  if (slot && slot.memoryMb !== limits.loaderMemoryMb) stopLoaderProcess();
  const s = (slot ??= startChild(limits.loaderMemoryMb));
  busy(s);
  try {
    await s.ready;
  } catch (err) {
    if (slot === s) slot = null;
    idle(s);
    throw err;
  }
  const { child } = s;
  return new Promise<LoadedDocument>((resolve, reject) => {
    const settle = (fn: () => void) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      idle(s);
      fn();
    };
    const fail = (message: string) => {
      // a child that failed mid-file may hold anything: the next file gets a fresh one
      if (slot === s) slot = null;
      child.kill('SIGKILL');
      settle(() => reject(new LoadFailure(message)));
    };
    const onMessage = (reply: LoadReply) => {
      if (reply.ok) settle(() => resolve(reply.doc));
      else if (reply.loadFailure) settle(() => reject(new LoadFailure(reply.message)));
      else settle(() => reject(new Error(reply.message)));
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      // V8 prints "Reached heap limit" / "JavaScript heap out of memory" before it aborts
      if (/heap limit|heap out of memory/i.test(s.stderr)) {
        fail(`loading it needed more than the ${formatBytes(limits.loaderMemoryMb * 1024 * 1024)} memory limit (LOADER_MEMORY_MB); the loader was stopped`);
      } else {
        const last = s.stderr.trim().split('\n').pop()?.slice(0, 200);
        fail(`the loader crashed (${signal ?? `exit code ${code}`}${last ? `: ${last}` : ''})`);
      }
    };
    const timer = setTimeout(
      () => fail(`loading it took longer than ${limits.loaderTimeoutMs / 1000} s (LOADER_TIMEOUT_MS); the loader was stopped`),
      limits.loaderTimeoutMs,
    );
    child.on('message', onMessage);
    child.on('exit', onExit);
    const request: LoadRequest = { ext, bytes, limits };
    child.send(request);
  });
}

/** Stops the loader process (it is unref'd while idle, so a process may also just exit). */
export function stopLoaderProcess(): void {
  const s = slot;
  slot = null;
  s?.child.kill('SIGKILL');
}

/** Stops the loader process unless another caller (a second build in this process) still has files queued. */
export function releaseLoaderProcess(): void {
  if (pending === 0) stopLoaderProcess();
}
