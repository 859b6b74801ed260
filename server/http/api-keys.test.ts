// API_KEYS over real HTTP on loopback: every API route and every spelling of it needs a key (or one of our own
// pages), keys are checked in constant time and never logged, and the rate limit counts per key.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKey, Config } from '../config.js';
import { createEngine, type Engine } from '../engine.js';
import { silentLogger } from '../log.js';
import { buildApp } from './app.js';
import { buildTestIndex, type TestIndex } from './test-index.js';
import { listenOnLoopback, rawRequest } from './testing/loopback.js';

type App = Awaited<ReturnType<typeof buildApp>>;
const CI_KEY = 'ci-0123456789abcdef0123456789';
const PORTAL_KEY = 'portal-fedcba9876543210fedcba98';
const KEYS: ApiKey[] = [
  { name: 'ci', key: CI_KEY },
  { name: 'portal-a', key: PORTAL_KEY },
];

let index: TestIndex;
let engine: Engine;
let app: App;
let base: string;
const logLines: string[] = [];

beforeAll(async () => {
  index = await buildTestIndex();
  engine = await createEngine(index.config, { log: silentLogger, embeddings: index.embeddings });
  // debug: Fastify logs every request, so a key in any request line would show
  const log = pino({ level: 'debug' }, new Writable({ write: (chunk, _enc, done) => (logLines.push(String(chunk)), done()) }));
  app = await buildApp({
    config: { ...index.config, API_KEYS: KEYS, ALLOWED_ORIGINS: ['http://portal.test'], LOG_LEVEL: 'debug' as Config['LOG_LEVEL'], RATE_LIMIT_MAX: 0 },
    engine,
    log,
  });
  base = await listenOnLoopback(app);
});
afterAll(async () => {
  await app?.close();
  index?.cleanup();
});

const json = { 'content-type': 'application/json' };
const question = JSON.stringify({ question: 'Which militias fight alongside IRGC commanders?' });
const codeOf = (body: string) => (JSON.parse(body) as { error: { code: string; message: string } }).error.code;

describe('API_KEYS', () => {
  it('refuses every API route, by every spelling, without a key: 401 in the contract shape', async () => {
    const routes: [string, string, string?][] = [
      ['GET', '/api/documents'],
      ['GET', '/api/documents'],
      ['GET', '/api/documents/russia-iran-converge-soleimani-jpost'],
      ['GET', '/api/evals'],
      ['POST', '/api/search', JSON.stringify({ query: 'Soleimani' })],
      ['POST', '/api/chat', question],
      ['POST', '/%61pi/chat', question],
      ['POST', '/ap%69/%63hat', question],
      ['GET', '/%61%70%69/documents'],
    ];
    for (const [method, path, body] of routes) {
      const res = await rawRequest(base, method, path, body ? json : {}, body);
      expect([path, res.status, codeOf(res.body)]).toEqual([path, 401, 'MISSING_API_KEY']);
      expect(res.headers['www-authenticate']).toBe('Bearer');
      expect(JSON.parse(res.body).error.message).toMatch(/Authorization: Bearer/);
    }
  });

  it('refuses a wrong key, whatever header carries it', async () => {
    const wrongKeys: Record<string, string>[] = [
      { authorization: `Bearer ${CI_KEY}x` },
      { authorization: `Bearer ${CI_KEY.slice(0, -1)}` },
      { authorization: `Basic ${Buffer.from(`u:${CI_KEY}`).toString('base64')}` },
      { 'x-api-key': 'nope' },
      { 'x-api-key': '', authorization: 'Bearer' },
    ];
    for (const headers of wrongKeys) {
      const res = await rawRequest(base, 'GET', '/api/documents', headers);
      expect([headers, res.status, codeOf(res.body)]).toEqual([headers, 401, 'BAD_API_KEY']);
    }
  });

  it('answers with a valid key as a Bearer token or as X-API-Key, by every spelling', async () => {
    const bearer = await rawRequest(base, 'POST', '/api/chat', { ...json, authorization: `Bearer ${CI_KEY}` }, question);
    expect(bearer.status).toBe(200);
    expect(JSON.parse(bearer.body).answer).toMatch(/Zeynabioun/);
    const header = await rawRequest(base, 'POST', '/%61pi/search', { ...json, 'x-api-key': PORTAL_KEY }, JSON.stringify({ query: 'Soleimani', k: 2 }));
    expect([header.status, JSON.parse(header.body).results.length]).toEqual([200, 2]);
    expect((await rawRequest(base, 'GET', '/api/documents', { authorization: `bearer  ${CI_KEY}` })).status).toBe(200);
  });

  it("keeps the assistant's own pages working without a key, and only them", async () => {
    const page = await rawRequest(base, 'GET', '/', { accept: 'text/html' });
    expect(page.status).toBe(200);
    const setCookie = String(page.headers['set-cookie']);
    expect(setCookie).toMatch(/^ra_ui=[\w-]+; Path=\/; HttpOnly; SameSite=Strict$/);
    const cookie = setCookie.split(';')[0];
    // the UI's GETs carry no Origin header: the page cookie lets them in
    expect((await rawRequest(base, 'GET', '/api/documents', { cookie })).status).toBe(200);
    expect((await rawRequest(base, 'GET', '/api/documents', { cookie: 'ra_ui=forged' })).status).toBe(401);
    // its POSTs carry its own origin; the /embed frame's GETs say Sec-Fetch-Site: same-origin
    const host = new URL(base).host;
    const own = await rawRequest(base, 'POST', '/api/chat', { ...json, origin: base, host }, question);
    expect(own.status).toBe(200);
    expect((await rawRequest(base, 'GET', '/api/documents', { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await rawRequest(base, 'GET', '/api/documents', { 'sec-fetch-site': 'cross-site' })).status).toBe(401);
    // a wrong key is refused even from our own page
    const wrong = await rawRequest(base, 'GET', '/api/documents', { cookie, 'x-api-key': 'wrong-key-wrong-key' });
    expect([wrong.status, codeOf(wrong.body)]).toEqual([401, 'BAD_API_KEY']);
  });

  it("lets a portal in with its own key as the embed key; the origin allowlist still applies", async () => {
    const portal = { origin: 'http://portal.test' };
    expect((await rawRequest(base, 'GET', '/api/documents', { ...portal, 'x-embed-key': PORTAL_KEY })).status).toBe(200);
    const noKey = await rawRequest(base, 'GET', '/api/documents', portal);
    expect([noKey.status, codeOf(noKey.body)]).toEqual([401, 'MISSING_API_KEY']);
    expect(noKey.headers['access-control-allow-origin']).toBe('http://portal.test');
    const evil = await rawRequest(base, 'GET', '/api/documents', { origin: 'http://evil.example', authorization: `Bearer ${CI_KEY}` });
    expect([evil.status, codeOf(evil.body)]).toEqual([403, 'FORBIDDEN_ORIGIN']);
    // the preflight allows the key headers
    const preflight = await rawRequest(base, 'OPTIONS', '/api/chat', { ...portal, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,x-api-key' });
    expect(String(preflight.headers['access-control-allow-headers'])).toMatch(/authorization.*x-api-key/);
  });

  it('never writes a key to the log; the key name is logged instead', async () => {
    logLines.length = 0;
    await rawRequest(base, 'GET', '/api/documents', { authorization: `Bearer ${CI_KEY}` });
    await rawRequest(base, 'GET', '/api/documents', { 'x-api-key': PORTAL_KEY });
    await rawRequest(base, 'GET', '/api/nope', { 'x-api-key': PORTAL_KEY });
    await rawRequest(base, 'GET', '/api/documents', { authorization: `Bearer ${CI_KEY}-wrong` });
    // anything that logs request headers has them redacted
    app.log.warn({ headers: { authorization: `Bearer ${CI_KEY}`, 'x-api-key': PORTAL_KEY, cookie: 'ra_ui=abc' } }, 'headers');
    const all = logLines.join('');
    expect(logLines.length).toBeGreaterThan(4);
    expect(all).not.toContain(CI_KEY);
    expect(all).not.toContain(PORTAL_KEY);
    expect(all).toContain('"authorization":"[redacted]"');
    expect(all).toContain('"x-api-key":"[redacted]"');
    expect(all).toContain('"apiKey":"ci"');
  });
});

describe('probes with API_KEYS', () => {
  it('answers /api/health and /api/ready without a key, and a wrong key changes nothing', async () => {
    for (const route of ['/api/health', '/api/ready', '/%61pi/health', '/api/%72eady']) {
      for (const headers of [{}, { 'x-api-key': 'wrong-key-wrong-key' }, { authorization: `Bearer ${CI_KEY}` }] as Record<string, string>[]) {
        expect([route, (await rawRequest(base, 'GET', route, headers)).status]).toEqual([route, 200]);
      }
    }
    // the documents beside them still need one
    expect((await rawRequest(base, 'GET', '/api/documents', {})).status).toBe(401);
  });
});

describe('rate limit with API_KEYS', () => {
  it('counts per key when a valid key is sent, else per client address (wrong keys included)', async () => {
    const limited = await buildApp({ config: { ...index.config, API_KEYS: KEYS, RATE_LIMIT_MAX: 3 }, engine, log: silentLogger });
    const url = await listenOnLoopback(limited);
    try {
      const statuses = async (n: number, headers: Record<string, string>) => {
        const out: number[] = [];
        for (let i = 0; i < n; i++) out.push((await rawRequest(url, 'GET', '/api/documents', headers)).status);
        return out;
      };
      expect(await statuses(4, { authorization: `Bearer ${CI_KEY}` })).toEqual([200, 200, 200, 429]);
      // another key has its own bucket
      expect(await statuses(1, { 'x-api-key': PORTAL_KEY })).toEqual([200]);
      // guessing keys spends the address's bucket, never a fresh one per guess
      expect(await statuses(4, { 'x-api-key': 'guess-guess-guess-guess' })).toEqual([401, 401, 401, 429]);
      expect(await statuses(1, { 'sec-fetch-site': 'same-origin' })).toEqual([429]);
      const res = await rawRequest(url, 'GET', '/api/documents', { authorization: `Bearer ${CI_KEY}` });
      expect(codeOf(res.body)).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });
});
