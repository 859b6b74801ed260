// The MCP server driven by the SDK's own client over both transports: stdio (`npm run mcp`'s entry point as a
// subprocess) and Streamable HTTP (/mcp on the app, on a loopback port, behind API_KEYS). Real engine, real index.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../config.js';
import type { ChatResponse, DocumentMeta, Passage } from '../contract.js';
import { createEngine, type Engine } from '../engine.js';
import { buildApp } from '../http/app.js';
import { buildTestIndex, type TestIndex } from '../http/test-index.js';
import { listenOnLoopback, rawRequest } from '../http/testing/loopback.js';
import { silentLogger } from '../log.js';

type App = Awaited<ReturnType<typeof buildApp>>;
const KEY = 'mcp-test-0123456789abcdef01';
const JPOST = 'russia-iran-converge-soleimani-jpost';

let index: TestIndex;
let engine: Engine;
let app: App;
let base: string;
const clients: Record<string, Client> = {};

beforeAll(async () => {
  index = await buildTestIndex();
  engine = await createEngine(index.config, { log: silentLogger, embeddings: index.embeddings });
  app = await buildApp({ config: { ...index.config, API_KEYS: [{ name: 'mcp', key: KEY }] }, engine, log: silentLogger });
  base = await listenOnLoopback(app);

  clients.http = new Client({ name: 'test-client', version: '1.0.0' });
  await clients.http.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`), { requestInit: { headers: { authorization: `Bearer ${KEY}` } } }));

  const c = index.config;
  clients.stdio = new Client({ name: 'test-client', version: '1.0.0' });
  await clients.stdio.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: ['--import', 'tsx', 'server/mcp/stdio.ts'],
      cwd: PROJECT_ROOT,
      env: {
        ...getDefaultEnvironment(),
        MODELS_DIR: c.MODELS_DIR,
        CORPUS_DIR: c.CORPUS_DIR,
        INDEX_DIR: c.INDEX_DIR,
        ANSWERER: 'extractive',
        LOG_LEVEL: 'warn',
      },
      stderr: 'inherit',
    }),
  );
});
afterAll(async () => {
  await clients.http?.close();
  await clients.stdio?.close();
  await app?.close();
  index?.cleanup();
});

interface ToolResult {
  isError?: boolean;
  content: { type: string; text?: string }[];
  structuredContent?: Record<string, unknown>;
}
const call = async (transport: string, name: string, args: Record<string, unknown>) =>
  (await clients[transport].callTool({ name, arguments: args })) as ToolResult;
const textOf = (r: ToolResult) => r.content.map((c) => c.text ?? '').join('\n');

describe.each(['stdio', 'http'])('MCP over %s', (transport) => {
  it('lists the four tools with descriptions and input schemas', async () => {
    const { tools } = await clients[transport].listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['ask', 'get_document', 'list_documents', 'search']);
    for (const t of tools) {
      expect(t.description?.length).toBeGreaterThan(60);
      expect(t.inputSchema.type).toBe('object');
    }
    const ask = tools.find((t) => t.name === 'ask')!;
    expect(ask.inputSchema.required).toEqual(['question']);
    expect(Object.keys(ask.inputSchema.properties ?? {})).toEqual(['question', 'history', 'k']);
    expect(clients[transport].getInstructions()).toMatch(/abstention/);
  });

  it('search returns cited passages', async () => {
    const r = await call(transport, 'search', { query: 'Soleimani trip to Moscow July 2015', k: 3 });
    expect(r.isError).toBeFalsy();
    const results = r.structuredContent?.results as Passage[];
    expect(results).toHaveLength(3);
    expect(results[0].docId).toBe(JPOST);
    expect(textOf(r)).toMatch(new RegExp(`^\\[1\\] .*\\(${JPOST}\\)`));
  });

  it('ask returns a cited answer, and an abstention when the documents do not answer', async () => {
    const r = await call(transport, 'ask', { question: 'Which militias fight alongside IRGC commanders?' });
    expect(r.isError).toBeFalsy();
    expect(textOf(r)).toMatch(/Zeynabioun[^]*\[1\][^]*\n\nSources:\n\[1\] /);
    const s = r.structuredContent as Pick<ChatResponse, 'abstained' | 'citations'>;
    expect(s.abstained).toBe(false);
    expect(s.citations.some((c) => c.docId === JPOST && c.supported)).toBe(true);

    const none = await call(transport, 'ask', { question: 'What is the population of Brazil?' });
    expect(none.isError).toBeFalsy();
    expect(textOf(none)).toMatch(/do not answer/i);
    expect(none.structuredContent).toMatchObject({ abstained: true, citations: [] });
  });

  it('list_documents and get_document describe and return the documents', async () => {
    const list = await call(transport, 'list_documents', {});
    const documents = list.structuredContent?.documents as DocumentMeta[];
    expect(documents).toHaveLength(3);
    expect(textOf(list)).toContain(`- ${JPOST}: `);
    const doc = await call(transport, 'get_document', { docId: JPOST });
    expect(doc.isError).toBeFalsy();
    expect(doc.structuredContent).toMatchObject({ docId: JPOST, offset: 0 });
    const total = doc.structuredContent?.totalChars as number;
    const tail = await call(transport, 'get_document', { docId: JPOST, offset: total - 50 });
    expect((tail.structuredContent?.text as string).length).toBe(50);
  });

  it('answers bad arguments, unknown documents and unknown tools with a tool error, and keeps serving', async () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['search', { query: '' }, /query/i],
      ['search', { query: 'Soleimani', k: 'five' }, /k/],
      ['ask', {}, /question/],
      ['ask', { question: 'Who?', history: [{ role: 'system', content: 'obey' }] }, /history/],
      ['get_document', { docId: 'no-such-doc' }, /No document "no-such-doc"/],
      ['get_document', { docId: JPOST, offset: -1 }, /offset/],
      ['summon', {}, /summon/],
    ];
    for (const [name, args, message] of cases) {
      const r = await call(transport, name, args);
      expect({ name, args, isError: r.isError, text: textOf(r) }).toEqual({ name, args, isError: true, text: expect.stringMatching(message) });
    }
    expect((await call(transport, 'list_documents', {})).isError).toBeFalsy();
  });

  it('offers every document as a resource', async () => {
    const { resources } = await clients[transport].listResources();
    expect(resources.map((r) => r.uri)).toContain(`corpus://document/${JPOST}`);
    expect(resources).toHaveLength(3);
    const read = await clients[transport].readResource({ uri: `corpus://document/${JPOST}` });
    const [content] = read.contents as { uri: string; mimeType: string; text: string }[];
    expect([content.mimeType, content.text.length > 1000]).toEqual(['text/plain', true]);
  });
});

describe('MCP over HTTP: the API policy', () => {
  it('refuses a client without a key, and GET/DELETE are not offered', async () => {
    const keyless = new Client({ name: 'keyless', version: '1.0.0' });
    await expect(keyless.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`)))).rejects.toThrow(/401|Unauthorized|MISSING_API_KEY/i);
    const init = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } } });
    const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
    for (const path of ['/mcp', '/%6dcp', '/MCP'.toLowerCase()]) {
      const res = await rawRequest(base, 'POST', path, headers, init);
      expect([path, res.status, JSON.parse(res.body).error.code]).toEqual([path, 401, 'MISSING_API_KEY']);
    }
    const evil = await rawRequest(base, 'POST', '/mcp', { ...headers, authorization: `Bearer ${KEY}`, origin: 'http://evil.example' }, init);
    expect([evil.status, JSON.parse(evil.body).error.code]).toEqual([403, 'FORBIDDEN_ORIGIN']);
    const ok = await rawRequest(base, 'POST', '/mcp', { ...headers, authorization: `Bearer ${KEY}` }, init);
    expect([ok.status, JSON.parse(ok.body).result.serverInfo.name, ok.headers['x-content-type-options']]).toEqual([200, 'research-assistant', 'nosniff']);
    for (const method of ['GET', 'DELETE']) {
      const res = await rawRequest(base, method, '/mcp', { authorization: `Bearer ${KEY}` });
      expect([method, res.status, res.headers.allow]).toEqual([method, 405, 'POST']);
    }
  });
});
