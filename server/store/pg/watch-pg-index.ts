// Several API processes share one database: each polls state.generation (one indexed single-row read) and reloads
// its index when the number moves, so an ingest run anywhere is served everywhere within a poll interval plus a
// reload, without a restart. Polling rather than LISTEN/NOTIFY: it needs no dedicated connection, survives
// connection drops and poolers (PgBouncer in transaction mode drops LISTEN), and 4 reads a second are nothing.
import type { Logger } from '../../log.js';
import type { PgStore } from './pg-store.js';

export interface Reloadable {
  reload(): Promise<void>;
}

/**
 * Starts polling; `seen` is the generation the caller's index was loaded at (or read before loading it: a change
 * in between then causes one extra reload, never a missed one). Returns a stop function.
 */
/**
 * A reload that costs more than this (a big corpus: about 1.3 s at 100k chunks) is not repeated for every file an
 * ingest commits: while an ingest runs, at most one such reload per 10 times its cost (a tenth of a core), and the
 * ingest's end at once. A small corpus reloads at every commit, as before.
 */
export const SLOW_RELOAD_MS = 100;

export function watchPgIndex(
  store: Pick<PgStore, 'generation' | 'ingestRunning'>,
  target: Reloadable,
  log: Logger,
  options: { seen: number; intervalMs?: number; onReload?: (generation: number) => void },
): () => void {
  let seen = options.seen;
  let lastCostMs = 0;
  let lastReloadAt = 0;
  let busy = false;
  let failing = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void (async () => {
      try {
        const now = await store.generation();
        const deferred =
          now !== seen && lastCostMs > SLOW_RELOAD_MS && Date.now() - lastReloadAt < 10 * lastCostMs && (await store.ingestRunning());
        if (now !== seen && !deferred) {
          const t0 = Date.now();
          await target.reload();
          lastReloadAt = Date.now();
          lastCostMs = lastReloadAt - t0;
          seen = now;
          options.onReload?.(now);
        }
        if (failing) log.info('index: checking the PostgreSQL index works again');
        failing = false;
      } catch (err) {
        // Logged once per outage, not four times a second; the previous index keeps serving meanwhile.
        if (!failing) log.error(`index: cannot check or reload the PostgreSQL index, still serving the previous one: ${(err as Error).message}`);
        failing = true;
      } finally {
        busy = false;
      }
    })();
  }, options.intervalMs ?? 250);
  timer.unref();
  return () => clearInterval(timer);
}
