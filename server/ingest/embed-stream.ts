// Embeds an ingest's texts while the corpus is still being read, so loading and chunking (this process and the
// loader process) overlap with the model runs (the inference processes), and every inference process has a batch.
// Before, the ingest read every file first and embedded afterwards, and the PostgreSQL ingest embedded each file's
// few chunks as one small batch: `npm run bench:ingest` (300 SciFact abstracts) measured 0.885× the raw model's
// chunks/s locally and 0.48× into PostgreSQL.
//
// Batches are cut from the queued texts in windows: each window is sorted by length (so a batch pads little) and cut
// into batches of `batchSize`. Windows grow from one batch per process to `maxWindow` texts, so the first batches
// start as soon as the first files are read. Which texts share a batch depends only on the order texts are queued
// in — never on timing — so the same corpus gets the same vectors on every run and in both stores (the int8 model
// quantises activations per batch: a text's vector depends on its batch).
import type { EmbeddingsHandle } from '../embeddings/create-embeddings.js';
import { normaliseRows } from '../store/vector-store.js';

export interface EmbedStreamOptions {
  handle: Pick<EmbeddingsHandle, 'id' | 'dimensions' | 'embedDocuments' | 'parallelCalls'>;
  batchSize: number;
  /** largest window of texts sorted together (default 16 batches) */
  maxWindow?: number;
  /** called with each finished batch (unit-length rows) before its vectors are handed out: the local ingest journals it */
  onBatch?: (keys: string[], rows: Float32Array) => Promise<void>;
  /** texts embedded so far, texts queued so far */
  onProgress?: (embedded: number, queued: number) => void;
}

export interface EmbedStream {
  /**
   * Queues the texts whose key was not queued before; resolves with one vector per key once all of them are
   * embedded. A key already embedded or queued costs nothing more.
   */
  add(keys: readonly string[], texts: readonly string[]): Promise<Float32Array[]>;
  /**
   * Resolves once fewer than `limit` vectors are awaited by add() callers (read-ahead bound). If that needs texts
   * that wait for a fuller window, the window is cut early (only then can timing shape a batch).
   */
  room(limit: number): Promise<void>;
  /** No more texts: embeds what is queued; resolves with every vector by key, rejects with the first failure. */
  finish(): Promise<Map<string, Float32Array>>;
  /** Drops what is queued (callers' promises reject) and resolves once no batch is running. */
  abort(): Promise<void>;
  readonly embedded: number;
  /** distinct texts queued so far */
  readonly queued: number;
}

interface Waiter {
  keys: readonly string[];
  missing: number;
  resolve: (v: Float32Array[]) => void;
  reject: (err: Error) => void;
}

export function createEmbedStream(options: EmbedStreamOptions): EmbedStream {
  const { handle, batchSize } = options;
  const dims = handle.dimensions;
  const parallel = Math.max(1, handle.parallelCalls);
  const maxWindow = Math.max(batchSize, options.maxWindow ?? batchSize * 16);
  let window = batchSize * parallel;

  const vectors = new Map<string, Float32Array>();
  const queued = new Set<string>();
  const pending: { key: string; text: string }[] = [];
  const batches: { key: string; text: string }[][] = [];
  const waitersOf = new Map<string, Waiter[]>();
  let inFlight = 0;
  let embedded = 0;
  let awaited = 0;
  let failure: Error | null = null;
  let finishing = false;
  let idle: (() => void)[] = [];
  let roomWaiters: { limit: number; resolve: () => void; reject: (err: Error) => void }[] = [];

  const cutWindow = (size: number) => {
    const taken = pending.splice(0, size).sort((a, b) => a.text.length - b.text.length);
    for (let i = 0; i < taken.length; i += batchSize) batches.push(taken.slice(i, i + batchSize));
    window = Math.min(maxWindow, window * 2);
  };

  const settleRoom = () => {
    roomWaiters = roomWaiters.filter((w) => {
      if (failure) w.reject(failure);
      else if (awaited < w.limit) w.resolve();
      else return true;
      return false;
    });
  };

  const pump = () => {
    if (!failure) {
      while (pending.length >= window) cutWindow(window);
      // Cut early only when nothing else can happen: everything is read (finish), or a reader waits for room and no
      // batch is queued or running that would free it.
      if (pending.length && (finishing || (roomWaiters.length && !batches.length && !inFlight))) cutWindow(pending.length);
      while (inFlight < parallel && batches.length) void run(batches.shift()!);
    }
    if (!inFlight && (failure || (!batches.length && !pending.length))) {
      for (const done of idle) done();
      idle = [];
    }
  };

  const fail = (err: Error) => {
    failure ??= err;
    for (const list of waitersOf.values()) for (const w of list) w.reject(failure);
    waitersOf.clear();
    settleRoom();
    for (const done of idle) done();
    idle = [];
  };

  const run = async (batch: { key: string; text: string }[]) => {
    inFlight++;
    try {
      const out = await handle.embedDocuments(batch.map((b) => b.text));
      if (failure) return;
      if (out.length !== batch.length) throw new Error(`the embedder returned ${out.length} vectors for ${batch.length} texts`);
      const bad = out.find((v) => v.length !== dims);
      if (bad) throw new Error(`the embedder returned a ${bad.length}-dimension vector; ${handle.id} has ${dims}`);
      const rows = new Float32Array(batch.length * dims);
      out.forEach((v, j) => rows.set(v, j * dims));
      normaliseRows(rows, dims);
      await options.onBatch?.(
        batch.map((b) => b.key),
        rows,
      );
      batch.forEach((b, j) => vectors.set(b.key, rows.subarray(j * dims, (j + 1) * dims)));
      embedded += batch.length;
      options.onProgress?.(embedded, queued.size);
      for (const b of batch) {
        const list = waitersOf.get(b.key);
        if (!list) continue;
        waitersOf.delete(b.key);
        for (const w of list) {
          if (--w.missing === 0) {
            awaited -= w.keys.length;
            w.resolve(w.keys.map((k) => vectors.get(k)!));
          }
        }
      }
      settleRoom();
    } catch (err) {
      fail(err instanceof Error ? err : new Error(String(err)));
    } finally {
      inFlight--;
      pump();
    }
  };

  return {
    get embedded() {
      return embedded;
    },
    get queued() {
      return queued.size;
    },
    add(keys, texts) {
      if (failure) return Promise.reject(failure);
      if (finishing) return Promise.reject(new Error('embed stream: add() after finish()'));
      keys.forEach((k, i) => {
        if (queued.has(k)) return;
        queued.add(k);
        pending.push({ key: k, text: texts[i] });
      });
      const result = new Promise<Float32Array[]>((resolve, reject) => {
        const missing = new Set(keys.filter((k) => !vectors.has(k)));
        if (!missing.size) return resolve(keys.map((k) => vectors.get(k)!));
        const w: Waiter = { keys, missing: missing.size, resolve, reject };
        awaited += keys.length;
        for (const k of missing) {
          const list = waitersOf.get(k);
          if (list) list.push(w);
          else waitersOf.set(k, [w]);
        }
      });
      // A caller that has not awaited it yet when the stream fails must not leave an unhandled rejection.
      result.catch(() => undefined);
      pump();
      return result;
    },
    room(limit) {
      if (failure) return Promise.reject(failure);
      if (awaited < limit) return Promise.resolve();
      return new Promise((resolve, reject) => {
        roomWaiters.push({ limit, resolve, reject });
        pump();
      });
    },
    async abort() {
      pending.length = 0;
      batches.length = 0;
      fail(new Error('embed stream: aborted'));
      if (inFlight) await new Promise<void>((resolve) => idle.push(resolve));
    },
    async finish() {
      finishing = true;
      await new Promise<void>((resolve) => {
        idle.push(resolve);
        pump();
      });
      if (failure) throw failure;
      return vectors;
    },
  };
}
