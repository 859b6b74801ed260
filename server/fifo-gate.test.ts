import { describe, expect, it } from 'vitest';
import { createFifoGate } from './fifo-gate.js';

describe('the FIFO gate', () => {
  it('lets `slots` holders in at once and the others in arrival order', async () => {
    const gate = createFifoGate(2);
    const order: number[] = [];
    const releases: (() => void)[] = [];
    const waiters = [0, 1, 2, 3, 4].map((i) =>
      gate.acquire().then((release) => {
        order.push(i);
        releases.push(release!);
      }),
    );
    await new Promise((r) => setTimeout(r, 0));
    expect(order).toEqual([0, 1]);
    expect(gate.waiting).toBe(3);
    releases[1]();
    releases[1](); // a second release of the same slot frees nothing more
    await new Promise((r) => setTimeout(r, 0));
    expect(order).toEqual([0, 1, 2]);
    releases[0]();
    releases[2]();
    await Promise.all(waiters);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(gate.active).toBe(2);
  });

  it('drops a waiter whose signal aborts, without taking a slot', async () => {
    const gate = createFifoGate(1);
    const first = (await gate.acquire())!;
    const abort = new AbortController();
    const gone = gate.acquire(abort.signal);
    const next = gate.acquire();
    abort.abort();
    expect(await gone).toBeNull();
    first();
    expect(typeof (await next)).toBe('function');
    expect(gate.active).toBe(1);
    expect(await gate.acquire(AbortSignal.abort())).toBeNull();
  });
});
