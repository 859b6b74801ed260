// Property-based fuzzing of the HTTP API (fast-check, 1,200 generated requests through app.inject on the real
// engine): every route (/api, the OpenAI-compatible /v1, /mcp), spelled every way a URL allows (percent-encoding of any character, upper/lower hex, case,
// double slashes, dot segments, trailing slashes), with any origin, embed key, content type and body. Properties:
// never a 5xx; every error in the contract's {"error":{code,message}} shape; and the same policy (origin, embed key)
// for every spelling that reaches the same route as the plain path. Then the same kind of fuzz, 1,200 requests from
// one address, against the rate limit and API keys: /api/health and /api/ready must still answer 200.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../engine.js';
import { silentLogger } from '../log.js';
import { buildApp } from './app.js';
import { buildTestIndex, type TestIndex } from './test-index.js';

type App = Awaited<ReturnType<typeof buildApp>>;
let index: TestIndex;
let engine: Engine;
let app: App;

beforeAll(async () => {
  index = await buildTestIndex();
  engine = await createEngine(index.config, { log: silentLogger, embeddings: index.embeddings });
  app = await buildApp({
    config: { ...index.config, ALLOWED_ORIGINS: ['http://portal.test'], EMBED_KEY: 'k3y', RATE_LIMIT_MAX: 0 },
    engine,
    log: silentLogger,
  });
});
afterAll(async () => {
  await app?.close();
  index?.cleanup();
});

const ROUTES: { method: string; path: string }[] = [
  { method: 'GET', path: '/api/health' },
  { method: 'POST', path: '/api/search' },
  { method: 'POST', path: '/api/chat' },
  { method: 'GET', path: '/api/documents' },
  { method: 'GET', path: '/api/documents/russia-iran-converge-soleimani-jpost' },
  { method: 'GET', path: '/api/evals' },
  { method: 'GET', path: '/v1/models' },
  { method: 'POST', path: '/v1/chat/completions' },
  { method: 'POST', path: '/mcp' },
  { method: 'GET', path: '/' },
  { method: 'GET', path: '/embed' },
];

const hex = (c: string, upper: boolean) => {
  const h = c.charCodeAt(0).toString(16).padStart(2, '0');
  return `%${upper ? h.toUpperCase() : h}`;
};

/** One way of writing `path`: each character maybe percent-encoded, maybe upper-cased, plus slash/dot noise. */
const spelling = (path: string) =>
  fc
    .record({
      encode: fc.array(fc.boolean(), { minLength: path.length, maxLength: path.length }),
      upperHex: fc.boolean(),
      caseFlip: fc.array(fc.boolean(), { minLength: path.length, maxLength: path.length }),
      noise: fc.constantFrom('none', 'none', 'none', 'double-slash', 'dot-segment', 'dot-dot', 'trailing-slash'),
    })
    .map(({ encode, upperHex, caseFlip, noise }) => {
      let out = '';
      for (let i = 0; i < path.length; i++) {
        const c = path[i];
        if (c === '/') out += c;
        else if (encode[i] && i % 3 !== 0) out += hex(c, upperHex);
        else out += caseFlip[i] && i % 5 === 0 ? c.toUpperCase() : c;
      }
      if (noise === 'double-slash') out = out.replace('/', '//');
      if (noise === 'dot-segment') out = out.replace(/^\//, '/./');
      if (noise === 'dot-dot') out = `/x/..${out}`;
      if (noise === 'trailing-slash') out += '/';
      return out;
    });

const request = fc.record({
  route: fc.constantFrom(...ROUTES),
  method: fc.constantFrom('route', 'route', 'route', 'GET', 'POST', 'OPTIONS', 'PUT', 'DELETE'),
  origin: fc.constantFrom(undefined, 'http://localhost:80', 'http://portal.test', 'http://evil.example', 'null'),
  key: fc.constantFrom(undefined, 'k3y', 'wrong'),
  accept: fc.constantFrom(undefined, undefined, 'application/json, text/event-stream'),
  type: fc.constantFrom('application/json', 'application/json', 'text/plain', undefined, 'application/x-www-form-urlencoded'),
  body: fc.oneof(
    fc.constantFrom('{"query":"Soleimani Moscow","k":3}', '{"question":" "}', '{"question":"x","k":0}', '{"k":2}', '{', '', 'null', '[]'),
    fc.constantFrom(
      '{"model":"research-assistant","messages":[{"role":"user","content":"Soleimani Moscow"}]}',
      '{"model":"research-assistant","stream":true,"messages":[{"role":"user","content":"Soleimani Moscow"}]}',
      '{"model":"research-assistant","messages":[{"role":"assistant","content":"x"}]}',
      '{"model":"gpt-4o","messages":[]}',
      '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"f","version":"1"}}}',
      '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"search","arguments":{"query":"Soleimani","k":2}}}',
      '{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"get_document","arguments":{"docId":7}}}',
    ),
    fc.string({ maxLength: 60 }),
    fc.constant(JSON.stringify({ question: 'q'.repeat(3000) })),
  ),
});

type Req = typeof request extends fc.Arbitrary<infer T> ? T : never;

async function send(r: Req, path: string) {
  const method = r.method === 'route' ? r.route.method : r.method;
  const headers: Record<string, string> = {};
  if (r.origin) headers.origin = r.origin;
  if (r.key) headers['x-embed-key'] = r.key;
  if (r.accept) headers.accept = r.accept;
  if (r.type && method !== 'GET') headers['content-type'] = r.type;
  if (method === 'OPTIONS') headers['access-control-request-method'] = 'POST';
  return app.inject({ method: method as 'GET', url: path, headers, ...(method === 'GET' || method === 'OPTIONS' ? {} : { payload: r.body }) });
}

/** What the policy decided: refused by origin or key, or let through (then the route's own answer follows). */
const policyOf = (res: { statusCode: number; body: string }) => {
  // /v1 answers in OpenAI's shape, with the code in lower case
  if (res.statusCode === 403 && /FORBIDDEN_ORIGIN/i.test(res.body)) return 'forbidden-origin';
  if (res.statusCode === 401 && /BAD_EMBED_KEY/i.test(res.body)) return 'bad-key';
  return 'through';
};

describe('fuzzed requests over every route and spelling', () => {
  it('never fail with a 5xx, always answer errors in the contract shape, and apply one policy per route', async () => {
    await fc.assert(
      fc.asyncProperty(
        request.chain((r) => fc.tuple(fc.constant(r), spelling(r.route.path))),
        async ([r, path]) => {
          const res = await send(r, path);
          expect(res.statusCode).toBeLessThan(500);
          if (res.statusCode >= 400 && !(r.method === 'OPTIONS' && res.statusCode < 500)) {
            expect(String(res.headers['content-type'])).toMatch(/^application\/json/);
            const body = JSON.parse(res.body) as { jsonrpc?: string; error?: { code?: unknown; message?: unknown } };
            // the MCP transport's own refusals are JSON-RPC errors (numeric code), as MCP clients expect them
            expect(typeof body.error?.code).toBe(body.jsonrpc === '2.0' && r.route.path === '/mcp' ? 'number' : 'string');
            expect(typeof body.error?.message).toBe('string');
          }
          const json = String(res.headers['content-type'] ?? '').startsWith('application/json');
          const stream = String(res.headers['content-type'] ?? '').startsWith('text/event-stream');
          const api = /^\/(?:api|v1)\/|^\/mcp$/.test(r.route.path);
          if (api && !json && !stream) {
            // not the API answering (the web page for a path the router does not know): no API data in it
            expect(res.body).not.toMatch(/"(?:documents|results|answer|chunks|choices|data)"\s*:/);
          }
          if (api && json && res.statusCode !== 404 && res.statusCode !== 400 && r.method !== 'OPTIONS') {
            // this spelling reached the route: the plain path must get the same policy decision
            const plain = await send(r, r.route.path);
            expect(policyOf(res)).toBe(policyOf(plain));
          }
        },
      ),
      { numRuns: 1200, seed: 20261202 },
    );
  });
});

describe('health probes after a fuzz from one address, with the rate limit and keys on', () => {
  it('answer 200 after 1,200 generated requests from one address have spent its budget', async () => {
    // defaults: 120 requests a minute per address; API_KEYS set, so every request without a key is refused too
    const limited = await buildApp({
      config: { ...index.config, ALLOWED_ORIGINS: ['http://portal.test'], RATE_LIMIT_MAX: 120, API_KEYS: [{ name: 'ci', key: 'ci-0123456789abcdef0123' }] },
      engine,
      log: silentLogger,
    });
    try {
      const samples = fc.sample(request.chain((r) => fc.tuple(fc.constant(r), spelling(r.route.path))), { numRuns: 1200, seed: 20261206 });
      const statuses = new Map<number, number>();
      for (const [r, path] of samples) {
        const method = r.method === 'route' ? r.route.method : r.method;
        const res = await limited.inject({
          method: method as 'GET',
          url: path,
          headers: { ...(r.origin ? { origin: r.origin } : {}), ...(r.type && method !== 'GET' ? { 'content-type': r.type } : {}) },
          ...(method === 'GET' || method === 'OPTIONS' ? {} : { payload: r.body }),
        });
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      }
      // the fuzz did exhaust the address's budget (requests that reach no route, the pages and preflights are not
      // counted, so about 230 of the 1,200 are): the API now refuses it…
      expect(statuses.get(429) ?? 0).toBeGreaterThan(100);
      const search = await limited.inject({ method: 'POST', url: '/api/search', payload: { query: 'Soleimani' } });
      expect([search.statusCode, search.json().error.code]).toEqual([429, 'RATE_LIMITED']);
      // …and the probes still answer it, as a load balancer sends them (no key, no Origin, its own host name)
      for (const headers of [{}, { host: 'backend.internal:8787' }, { 'user-agent': 'ELB-HealthChecker/2.0' }]) {
        const health = await limited.inject({ url: '/api/health', headers });
        expect([health.statusCode, health.json().status]).toEqual([200, 'ok']);
        const ready = await limited.inject({ url: '/api/ready', headers });
        expect([ready.statusCode, ready.json().status]).toEqual([200, 'ready']);
      }
    } finally {
      await limited.close();
    }
  }, 120_000);
});
