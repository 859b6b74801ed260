// Processes that run the local models (the embedding model and the answer selector) away from the server's event
// loop. onnxruntime-node 1.21 runs a session synchronously on the calling thread (its run() is a setImmediate around
// a blocking call). Measured with `npm run bench:load` (wrk, 50 connections, 60 s per route, 2 cores) with the models
// on the main thread: 77 % of that thread's time was inside session.run, the event loop stood still for up to 10 s,
// and GET /api/health took 0.8 s at the median and 4.8 s at p99 while /api/chat was loaded.
// Child processes rather than worker threads, because of two faults of onnxruntime-node 1.21 reproduced here: it keeps
// one process-wide Tensor constructor, so only the thread that opened a session last may run one (a second worker, or
// the main thread after a worker, aborts the process: "HandleScope::HandleScope Entering the V8 API without proper
// locking"); and a worker stopped in the middle of a run at process exit aborts it ("terminate called after throwing
// an instance of 'Napi::Error'"), so a SIGTERM under load ended with exit code 134. A child process has neither: it
// has its own onnxruntime, and it exits when this process does (its IPC channel closes).
// Each process opens its own copy of each model the first time a job names it, from the same files with the same
// options as in-process; jobs go to the process with the fewest in flight. The cores are shared out: each process
// runs onnxruntime with cores / processes intra-op threads (vectors and logits are bit-identical for any thread count,
// checked). Idle processes keep no process alive; one that dies fails its jobs and is restarted by the next job.
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { availableParallelism, setPriority } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { EncodedPair } from '../answer/selector/encode-pair.js';

/** What LocalEmbeddings needs to open the embedding model (its constructor options, minus batching and threads). */
export interface EmbedModelSpec {
  model: string;
  modelsDir: string;
  dtype: 'q8' | 'fp32';
  cacheDir?: string;
}

export interface SelectorSpec {
  modelFile: string;
  /** onnxruntime intra-op threads (0: the process's share of the cores) */
  threads: number;
}

export type InferenceJob =
  | { kind: 'load-embeddings'; model: EmbedModelSpec }
  | { kind: 'embed'; model: EmbedModelSpec; texts: string[] }
  | { kind: 'load-selector'; model: SelectorSpec }
  | { kind: 'select'; model: SelectorSpec; batch: EncodedPair[] };

export type InferenceReply =
  | { ready: true }
  | { id: number; value: unknown }
  | { id: number; error: { name: string; message: string } };

export interface InferencePool {
  readonly size: number;
  /** opens the embedding model in every process (a broken model fails at start; the first question is not slow) */
  loadEmbeddings(model: EmbedModelSpec): Promise<void>;
  /** one model call over `texts`, as LocalEmbeddings makes it in-process */
  embed(model: EmbedModelSpec, texts: string[]): Promise<number[][]>;
  /** opens the answer selector in every process */
  loadSelector(model: SelectorSpec): Promise<void>;
  /** one selector run over a batch of encoded pairs: one logit per pair */
  select(model: SelectorSpec, batch: EncodedPair[]): Promise<number[]>;
  /** stops the processes (jobs in flight fail) */
  close(): void;
}

const RUNS_TS = import.meta.url.endsWith('.ts');
const ENTRY = fileURLToPath(new URL(`./inference-process.${RUNS_TS ? 'ts' : 'js'}`, import.meta.url));
/** how much of a process's stderr is kept to explain a crash */
const STDERR_TAIL = 4096;
/**
 * Scheduling priority of the inference processes (nice 10): when the cores are busy, the server's event loop runs
 * first, so a cheap request (health, documents) is not queued behind model runs for the CPU.
 */
const INFERENCE_NICE = 10;

interface Slot {
  child: ChildProcess;
  ready: Promise<void>;
  pending: Map<number, { resolve: (value: unknown) => void; reject: (err: Error) => void }>;
  stderr: string;
}

/** An idle process keeps no process alive; a busy one does, until it answers. */
function setBusy(slot: Slot, busy: boolean): void {
  const handles = [slot.child, slot.child.stderr as unknown as { ref?: () => void; unref?: () => void }, slot.child.channel];
  for (const h of handles) (busy ? h?.ref : h?.unref)?.call(h);
}

export function createInferencePool(size: number): InferencePool {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`inference pool: size must be a positive integer, not ${size}`);
  const threads = Math.max(1, Math.floor(availableParallelism() / size));
  const slots: (Slot | null)[] = new Array(size).fill(null);
  let nextId = 1;
  let closed = false;

  function start(at: number): Slot {
    // The project runs TypeScript through tsx: the child loads it by absolute URL, as the ingest's loader process does.
    const tsx = RUNS_TS ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : [];
    const child = fork(ENTRY, [String(threads)], {
      execArgv: tsx,
      serialization: 'advanced',
      // stdout: onnxruntime and Transformers.js may print there, and a script's stdout is its result
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    try {
      if (child.pid) setPriority(child.pid, INFERENCE_NICE);
    } catch {
      /* not permitted here: same priority as the server */
    }
    const slot: Slot = { child, ready: Promise.resolve(), pending: new Map(), stderr: '' };
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (slot.stderr = (slot.stderr + d).slice(-STDERR_TAIL)));
    slot.ready = new Promise((resolve) => {
      const onReady = (m: InferenceReply) => 'ready' in m && (child.off('message', onReady), resolve());
      child.on('message', onReady);
    });
    child.on('message', (reply: InferenceReply) => {
      if ('ready' in reply) return;
      const job = slot.pending.get(reply.id);
      if (!job) return;
      slot.pending.delete(reply.id);
      if (!slot.pending.size) setBusy(slot, false);
      if ('error' in reply) job.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name }));
      else job.resolve(reply.value);
    });
    child.on('exit', (code, signal) => {
      if (slots[at] === slot) slots[at] = null;
      const last = slot.stderr.trim().split('\n').pop()?.slice(0, 300);
      const err = new Error(`the inference process stopped (${signal ?? `exit code ${code}`})${last ? `: ${last}` : ''}`);
      for (const { reject } of slot.pending.values()) reject(err);
      slot.pending.clear();
    });
    setBusy(slot, false);
    return slot;
  }

  async function send<T>(at: number, job: InferenceJob): Promise<T> {
    if (closed) throw new Error('inference pool: closed');
    const slot = (slots[at] ??= start(at));
    const id = nextId++;
    const reply = new Promise<T>((resolve, reject) => slot.pending.set(id, { resolve: resolve as (value: unknown) => void, reject }));
    setBusy(slot, true);
    await Promise.race([slot.ready, reply]);
    slot.child.send({ id, job });
    return reply;
  }

  /** the process with the fewest jobs in flight (one not started counts as idle) */
  function leastBusy(): number {
    let best = 0;
    for (let at = 1; at < size; at++) if ((slots[at]?.pending.size ?? 0) < (slots[best]?.pending.size ?? 0)) best = at;
    return best;
  }

  const everywhere = async (job: InferenceJob) => {
    await Promise.all(slots.map((_, at) => send(at, job)));
  };

  return {
    size,
    loadEmbeddings: (model) => everywhere({ kind: 'load-embeddings', model }),
    embed: (model, texts) => send(leastBusy(), { kind: 'embed', model, texts }),
    loadSelector: (model) => everywhere({ kind: 'load-selector', model }),
    select: (model, batch) => send(leastBusy(), { kind: 'select', model, batch }),
    close() {
      closed = true;
      for (const slot of slots) slot?.child.kill();
    },
  };
}

const shared = new Map<number, InferencePool>();

/** This process's pool of `processes` (one per size, started on first use), or null for 0: run the models here. */
export function sharedInferencePool(processes: number): InferencePool | null {
  if (processes <= 0) return null;
  let pool = shared.get(processes);
  if (!pool) shared.set(processes, (pool = createInferencePool(processes)));
  return pool;
}
