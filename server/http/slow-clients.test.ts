// Clients that misbehave below the router, over real sockets on loopback: requests that never finish, too many
// connections from one address, requests the HTTP parser refuses, and an SSE client that asks for the connection
// to close. The server must cut them off, answer in the JSON error shape, and keep serving /api/health.
import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../log.js';
import { buildApp } from './app.js';
import { useSeedEngine } from '../testing/seed-engine.js';

const seed = useSeedEngine();

async function serve(over: { REQUEST_TIMEOUT_MS?: number; MAX_CONNECTIONS_PER_CLIENT?: number } = {}) {
  const app = await buildApp({ config: { ...seed.index.config, REQUEST_TIMEOUT_MS: 1000, MAX_CONNECTIONS_PER_CLIENT: 64, ...over }, engine: seed.engine, log: silentLogger });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as import('node:net').AddressInfo;
  return { app, port };
}

/** A raw socket: what it received, and a promise that settles when the server closes it. */
function open(port: number, send?: string) {
  const socket: Socket = connect(port, '127.0.0.1');
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (c) => (received += c));
  socket.on('error', () => {});
  const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now())));
  if (send) socket.write(send);
  return { socket, closed, received: () => received };
}

const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms))]);

const health = (port: number) => fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.status);

describe('clients that misbehave below the router', () => {
  it('cuts off requests whose body never arrives, and keeps serving meanwhile', async () => {
    const { app, port } = await serve();
    try {
      const partial = 'POST /api/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"q';
      const hanging = Array.from({ length: 20 }, () => open(port, partial));
      expect(await health(port)).toBe(200);
      const t0 = Date.now();
      const results = await within(Promise.all(hanging.map((h) => h.closed)), 5000);
      expect(results).not.toBe('timeout');
      expect(Math.max(...(results as number[])) - t0).toBeLessThan(4000);
      const answered = hanging.map((h) => h.received()).find(Boolean) ?? '';
      if (answered) expect(answered).toMatch(/^HTTP\/1\.1 408[\s\S]*"code":"REQUEST_TIMEOUT"/);
      expect(await health(port)).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('holds at most MAX_CONNECTIONS_PER_CLIENT sockets for one address', async () => {
    const { app, port } = await serve({ MAX_CONNECTIONS_PER_CLIENT: 5 });
    try {
      const idle = Array.from({ length: 5 }, () => open(port));
      await new Promise((r) => setTimeout(r, 200));
      const extra = open(port);
      expect(await within(extra.closed, 2000)).not.toBe('timeout');
      expect(await within(Promise.race(idle.map((h) => h.closed)), 300)).toBe('timeout');
      for (const h of idle) h.socket.destroy();
      await Promise.all(idle.map((h) => h.closed));
      expect(await health(port)).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('answers what the HTTP parser refuses in the JSON error shape', async () => {
    const { app, port } = await serve();
    try {
      const cases: [string, RegExp][] = [
        ['GARBAGE\r\n\r\n', /^HTTP\/1\.1 400[\s\S]*\{"error":\{"code":"BAD_REQUEST"/],
        [`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, /^HTTP\/1\.1 431[\s\S]*\{"error":\{"code":"HEADERS_TOO_LARGE"/],
        ['GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 200-ok\r\nConnection: close\r\n\r\n', /^HTTP\/1\.1 417[\s\S]*\{"error":\{"code":"EXPECTATION_FAILED"/],
      ];
      for (const [request, expected] of cases) {
        const c = open(port, request);
        await within(c.closed, 3000);
        expect(c.received()).toMatch(expected);
      }
      const preflight = await fetch(`http://127.0.0.1:${port}/api/chat`, { method: 'OPTIONS' });
      expect(preflight.headers.get('content-type') ?? '').not.toMatch(/text\/plain/);
      expect(preflight.status).toBeLessThan(500);
    } finally {
      await app.close();
    }
  });

  it('closes an SSE connection right after the answer when the client asked for Connection: close', async () => {
    const { app, port } = await serve();
    try {
      const body = JSON.stringify({ question: 'When did Soleimani travel to Moscow?' });
      const c = open(
        port,
        `POST /api/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      const closedAt = await within(c.closed, 20_000);
      expect(closedAt).not.toBe('timeout');
      expect(c.received()).toMatch(/event: done/);
    } finally {
      await app.close();
    }
  });
});
