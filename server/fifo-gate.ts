// At most `slots` holders at once; the others wait in arrival order (first come, first served). The engine puts the
// extractive answers behind one (engine.ts): under 50 connections of /api/chat, every request interleaved its
// main-thread steps with the others' and its model calls queued behind theirs, so the event loop lagged up to 640 ms
// (/api/health p99 235 ms), and requests that kept losing the race waited past 30 s (p99 18 s, 3 timeouts).
export interface FifoGate {
  /** resolves with a release function once a slot is free, or with null if `signal` aborts first */
  acquire(signal?: AbortSignal): Promise<(() => void) | null>;
  readonly waiting: number;
  readonly active: number;
}

export function createFifoGate(slots: number): FifoGate {
  if (!Number.isInteger(slots) || slots < 1) throw new RangeError(`fifo gate: slots must be a positive integer, not ${slots}`);
  let active = 0;
  const queue: { grant: () => void }[] = [];
  const releaser = () => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      active--;
      const next = queue.shift();
      if (next) next.grant();
    };
  };
  return {
    get waiting() {
      return queue.length;
    },
    get active() {
      return active;
    },
    acquire(signal) {
      if (signal?.aborted) return Promise.resolve(null);
      if (active < slots && !queue.length) {
        active++;
        return Promise.resolve(releaser());
      }
      return new Promise((resolve) => {
        const entry = {
          grant: () => {
            signal?.removeEventListener('abort', onAbort);
            active++;
            resolve(releaser());
          },
        };
        const onAbort = () => {
          const at = queue.indexOf(entry);
          if (at >= 0) queue.splice(at, 1);
          resolve(null);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(entry);
      });
    },
  };
}
