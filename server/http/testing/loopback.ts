// Test support: an app listening on a loopback port, and raw HTTP requests to it. node:http sends the path exactly
// as written (no normalisation, as `curl --path-as-is` does), so every spelling of a route reaches the server.
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IncomingHttpHeaders } from 'node:http';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Listening {
  listen(options: { host: string; port: number }): Promise<unknown>;
  server: { address(): AddressInfo | string | null };
}

/** Listens on 127.0.0.1 at a free port; returns the base URL. */
export async function listenOnLoopback(app: Listening): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

export function rawRequest(baseUrl: string, method: string, rawPath: string, headers: Record<string, string> = {}, body?: string): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, method, path: rawPath, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
