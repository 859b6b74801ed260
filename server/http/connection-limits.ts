// Protections below the router, on the HTTP server itself: a client that never finishes sending its request is cut
// off (REQUEST_TIMEOUT_MS, checked every second), one client address holds at most MAX_CONNECTIONS_PER_CLIENT
// sockets, and errors the HTTP parser or Node answers itself (malformed request line 400, oversized headers 431,
// an unsupported Expect 417) get the same JSON error body as every other error.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyServerFactory } from 'fastify';

export interface ConnectionLimits {
  requestTimeoutMs: number;
  maxConnectionsPerClient: number;
}

const json = (code: string, message: string) => JSON.stringify({ error: { code, message } });

/** A Fastify serverFactory: Node's HTTP server with the limits set and the connection cap enforced. */
export function limitedServer(limits: ConnectionLimits): FastifyServerFactory {
  return (handler) => {
    const server: Server = createServer(
      {
        requestTimeout: limits.requestTimeoutMs,
        headersTimeout: Math.min(limits.requestTimeoutMs, 60_000),
        // Node checks the two timeouts above at this interval (default 30 s)
        connectionsCheckingInterval: 1000,
      },
      handler as (req: IncomingMessage, res: ServerResponse) => void,
    );
    const perClient = new Map<string, number>();
    server.on('connection', (socket: Socket) => {
      const who = socket.remoteAddress ?? 'unknown';
      const n = (perClient.get(who) ?? 0) + 1;
      perClient.set(who, n);
      socket.once('close', () => {
        const left = (perClient.get(who) ?? 1) - 1;
        if (left > 0) perClient.set(who, left);
        else perClient.delete(who);
      });
      if (n > limits.maxConnectionsPerClient) socket.destroy();
    });
    server.on('checkExpectation', (_req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(417, { 'content-type': 'application/json; charset=utf-8', 'x-content-type-options': 'nosniff', connection: 'close' });
      res.end(json('EXPECTATION_FAILED', 'Only "Expect: 100-continue" is supported; send the request without the Expect header.'));
    });
    return server;
  };
}

/** Fastify's clientErrorHandler: the parser's refusals as JSON, then the socket closes. */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, code, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'HEADERS_TOO_LARGE', 'The request headers are too large.']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'REQUEST_TIMEOUT', 'The request was not received in time; send it again, whole.']
        : [400, 'Bad Request', 'BAD_REQUEST', 'The request could not be parsed as HTTP.'];
  const body = json(code, message);
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
