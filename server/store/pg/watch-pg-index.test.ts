import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../log.js';
import { SLOW_RELOAD_MS, watchPgIndex } from './watch-pg-index.js';

/** A store whose generation moves at every poll (an ingest committing file after file) and a slow reload. */
function setup(reloadMs: number) {
  const state = { generation: 1, ingesting: true };
  const reloads: number[] = [];
  const store = {
    generation: async () => state.generation,
    ingestRunning: async () => state.ingesting,
  };
  const target = {
    async reload() {
      vi.advanceTimersByTime(reloadMs); // the reload's own cost, on the clock
      reloads.push(Date.now());
    },
  };
  return { state, reloads, store, target };
}

describe('watchPgIndex', () => {
  afterEach(() => vi.useRealTimers());

  it('reloads a cheap index at every commit, and a costly one at most once per ten times its cost while an ingest runs', async () => {
    vi.useFakeTimers({ now: 0 });
    for (const [cost, expected] of [
      [5, 40], // cheap: every poll that sees a new generation
      [SLOW_RELOAD_MS * 4, 3], // 400 ms reloads: one, then one per 4 s
    ] as const) {
      const { state, reloads, store, target } = setup(cost);
      const stop = watchPgIndex(store, target, silentLogger, { seen: 0, intervalMs: 250 });
      for (let i = 0; i < 40; i++) {
        state.generation++;
        await vi.advanceTimersByTimeAsync(250);
      }
      stop();
      expect(reloads.length).toBeGreaterThanOrEqual(expected - 1);
      expect(reloads.length).toBeLessThanOrEqual(expected + 1);
    }
  });

  it('reloads a costly index at once when the ingest ends', async () => {
    vi.useFakeTimers({ now: 0 });
    const { state, reloads, store, target } = setup(SLOW_RELOAD_MS * 4);
    const stop = watchPgIndex(store, target, silentLogger, { seen: 0, intervalMs: 250 });
    await vi.advanceTimersByTimeAsync(250); // first reload
    state.generation++;
    await vi.advanceTimersByTimeAsync(1000);
    expect(reloads).toHaveLength(1); // deferred: an ingest runs
    state.ingesting = false;
    state.generation++;
    await vi.advanceTimersByTimeAsync(250);
    expect(reloads).toHaveLength(2);
    stop();
  });
});
