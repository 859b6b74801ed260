// A finished ingest goes live while the server is busy: the pointer poll and the reload do not wait for the libuv
// threadpool, which model inference keeps busy under load (there, fs.watchFile's stat and async reads queued behind
// it and a new index went live 15–17 s late). Reproduced by filling the threadpool with slow pbkdf2 jobs.
import { pbkdf2, pbkdf2Sync } from 'node:crypto';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestIndex, type TestIndex } from './http/test-index.js';
import { silentLogger } from './log.js';
import { watchIndex } from './main.js';
import { openIndex } from './store/open-index.js';
import { CURRENT_FILE } from './store/index-dir.js';

/** Occupies every threadpool thread for about `ms`; resolves when they are all done. */
function busyThreadpool(ms: number): Promise<void> {
  const t0 = performance.now();
  pbkdf2Sync('x', 'salt', 20_000, 32, 'sha256');
  const threads = Number(process.env.UV_THREADPOOL_SIZE ?? 4) * 2;
  // the jobs share the machine's cores: each runs `threads / cores` times slower than alone
  const slowdown = Math.max(1, threads / availableParallelism());
  const iterations = Math.max(20_000, Math.round((20_000 * ms) / Math.max(1, performance.now() - t0) / slowdown));
  return Promise.all(
    Array.from({ length: threads }, () => new Promise<void>((resolve) => pbkdf2('x', 'salt', iterations, 32, 'sha256', () => resolve()))),
  ).then(() => undefined);
}

let index: TestIndex;
beforeAll(async () => {
  index = await buildTestIndex();
});
afterAll(() => index?.cleanup());

describe('picking up a new index while the threadpool is busy', () => {
  it('notices the swapped pointer within a second', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'watch-'));
    writeFileSync(path.join(dir, CURRENT_FILE), 'gen-1\n');
    let reloads = 0;
    const engine = { reload: async () => void reloads++, health: () => ({ documents: 0, chunks: 0 }) as never };
    const stop = watchIndex({ INDEX_DIR: dir } as never, engine, silentLogger, 100);
    try {
      const busy = busyThreadpool(5000);
      let busyDone = false;
      void busy.then(() => (busyDone = true));
      await new Promise((r) => setTimeout(r, 200));
      writeFileSync(path.join(dir, 'next'), 'gen-2\n');
      renameSync(path.join(dir, 'next'), path.join(dir, CURRENT_FILE));
      const t0 = performance.now();
      while (!reloads && performance.now() - t0 < 3000) await new Promise((r) => setTimeout(r, 50));
      expect(reloads).toBe(1);
      expect(performance.now() - t0).toBeLessThan(1000);
      expect(busyDone).toBe(false);
      await busy;
    } finally {
      stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('loads the index without waiting for the threadpool', async () => {
    const busy = busyThreadpool(5000);
    let busyDone = false;
    void busy.then(() => (busyDone = true));
    await new Promise((r) => setTimeout(r, 100));
    const t0 = performance.now();
    const loaded = await openIndex(index.config.INDEX_DIR, { embedder: index.embeddings.handle!.id, dimensions: index.embeddings.handle!.dimensions });
    expect(loaded?.chunks.length).toBeGreaterThan(20);
    expect(performance.now() - t0).toBeLessThan(1500);
    expect(busyDone).toBe(false);
    await busy;
  });
});
