// The OpenAI-compatible API driven by the official `openai` client against the app on a loopback port (real engine,
// real index): models, plain and streamed answers, a follow-up, an abstention, bad requests and a wrong key.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatRequest, Citation } from '../../contract.js';
import { formatAnswer } from '../../mcp/format-results.js';
import { createEngine, type Engine } from '../../engine.js';
import { silentLogger } from '../../log.js';
import { buildApp } from '../app.js';
import { buildTestIndex, type TestIndex } from '../test-index.js';
import { listenOnLoopback, rawRequest } from '../testing/loopback.js';

type App = Awaited<ReturnType<typeof buildApp>>;
const KEY = 'sk-test-0123456789abcdef0123';
const JPOST = 'russia-iran-converge-soleimani-jpost';
const MILITIAS = 'Which militias fight alongside IRGC commanders?';

let index: TestIndex;
let engine: Engine;
let app: App;
let base: string;
let client: OpenAI;

beforeAll(async () => {
  index = await buildTestIndex();
  engine = await createEngine(index.config, { log: silentLogger, embeddings: index.embeddings });
  app = await buildApp({ config: { ...index.config, API_KEYS: [{ name: 'test', key: KEY }], ALLOWED_ORIGINS: ['http://portal.test'] }, engine, log: silentLogger });
  base = await listenOnLoopback(app);
  client = new OpenAI({ apiKey: KEY, baseURL: `${base}/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await app?.close();
  index?.cleanup();
});

/** Our extension fields on the assistant message and on the final chunk's delta. */
interface Extras {
  citations?: Citation[];
  abstained?: boolean;
  rewrittenQuery?: string;
}
const extrasOf = (x: unknown) => x as Extras;

/** The error a call fails with (the SDK throws a typed APIError subclass per status). */
async function failure(call: () => Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  try {
    await call();
  } catch (err) {
    if (err instanceof OpenAI.APIError) return err;
    throw err;
  }
  throw new Error('the call succeeded');
}

describe('GET /v1/models', () => {
  it('lists the assistant as a model', async () => {
    const ids = [];
    for await (const m of client.models.list()) ids.push(m.id);
    expect(ids).toEqual(['research-assistant']);
    expect((await client.models.retrieve('research-assistant')).id).toBe('research-assistant');
    const missing = await failure(() => client.models.retrieve('gpt-4o'));
    expect([missing.status, missing.code, missing.type]).toEqual([404, 'unknown_model', 'not_found_error']);
  });
});

describe('POST /v1/chat/completions', () => {
  it('answers with [n] markers, a plain-text source list and structured citations; a system message is ignored', async () => {
    const completion = await client.chat.completions.create({
      model: 'research-assistant',
      messages: [
        { role: 'system', content: 'You are a pirate. Answer in rhymes.' },
        { role: 'user', content: MILITIAS },
      ],
    });
    expect(completion.object).toBe('chat.completion');
    const [choice] = completion.choices;
    expect(choice.finish_reason).toBe('stop');
    const content = choice.message.content ?? '';
    expect(content).toMatch(/Zeynabioun/);
    expect(content).toMatch(/\[1\]/);
    const { citations, abstained } = extrasOf(choice.message);
    expect(abstained).toBe(false);
    expect(citations?.length).toBeGreaterThan(0);
    expect(citations?.some((c) => c.docId === JPOST)).toBe(true);
    // every citation is listed, in order, at the end of the text
    const list = content.slice(content.indexOf('\n\nSources:\n'));
    expect(list.split('\n').slice(3)).toEqual(citations!.map((c) => expect.stringMatching(new RegExp(`^\\[${c.n}\\] ${c.title.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`))));
    for (const c of citations!) expect(c).toMatchObject({ n: expect.any(Number), text: expect.any(String), supported: expect.any(Boolean) });
    expect(completion.usage).toMatchObject({ prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 });
    expect((completion.usage as unknown as { note: string }).note).toMatch(/no language-model tokens/);
  });

  it('streams chat.completion.chunk events with the same text, the citations in the final chunk, usage on request', async () => {
    const plain = await client.chat.completions.create({ model: 'research-assistant', messages: [{ role: 'user', content: MILITIAS }] });
    const stream = await client.chat.completions.create({
      model: 'research-assistant',
      messages: [{ role: 'user', content: MILITIAS }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    const chunks = [];
    for await (const chunk of stream) {
      chunks.push(chunk);
      text += chunk.choices[0]?.delta.content ?? '';
    }
    expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks[0].choices[0].delta.role).toBe('assistant');
    expect(chunks.filter((c) => c.choices[0]?.delta.content).length).toBeGreaterThan(2);
    expect(text).toBe(plain.choices[0].message.content);
    const final = chunks.findLast((c) => c.choices.length)!;
    expect(final.choices[0].finish_reason).toBe('stop');
    expect(extrasOf(final.choices[0].delta).citations).toEqual(extrasOf(plain.choices[0].message).citations);
    expect(chunks.at(-1)!.choices).toEqual([]);
    expect(chunks.at(-1)!.usage).toMatchObject({ total_tokens: 0 });
    // the wire format: data lines, a final data: [DONE]
    const raw = await rawRequest(
      base,
      'POST',
      '/v1/chat/completions',
      { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
      JSON.stringify({ model: 'research-assistant', stream: true, messages: [{ role: 'user', content: MILITIAS }] }),
    );
    expect([raw.status, raw.headers['content-type']]).toEqual([200, 'text/event-stream; charset=utf-8']);
    expect(raw.body.split('\n\n').filter(Boolean).every((f) => f.startsWith('data: '))).toBe(true);
    expect(raw.body.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('answers a follow-up from the conversation, our earlier answer (with its source list) included', async () => {
    // A fresh engine: the answer selector memoises scores per engine, and after other questions this borderline
    // follow-up is abstained on (the same happens through /api/chat; it is the engine's, not this route's).
    const fresh = await createEngine(index.config, { log: silentLogger, embeddings: index.embeddings });
    const freshApp = await buildApp({ config: { ...index.config, API_KEYS: [{ name: 'test', key: KEY }] }, engine: fresh, log: silentLogger });
    const freshClient = new OpenAI({ apiKey: KEY, baseURL: `${await listenOnLoopback(freshApp)}/v1`, maxRetries: 0 });
    try {
      const question = 'Who did Soleimani meet in Moscow?';
      const first = await freshClient.chat.completions.create({ model: 'research-assistant', messages: [{ role: 'user', content: question }] });
      const answer = first.choices[0].message.content ?? '';
      expect(answer).toMatch(/Shoigu[^]*\n\nSources:\n\[1\] /);
      const followUp = await freshClient.chat.completions.create({
        model: 'research-assistant',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: question },
          { role: 'assistant', content: answer },
          { role: 'user', content: 'When did he go there?' },
        ],
      });
      expect(followUp.choices[0].message.content).toContain('July 2015');
      expect(extrasOf(followUp.choices[0].message).rewrittenQuery).toMatch(/^When did he go there \(Soleimani, Moscow\)\?$/);
    } finally {
      await freshApp.close();
    }
  });

  it('abstains in words, with no citations and no source list, when the documents do not answer', async () => {
    for (const stream of [false, true]) {
      let text = '';
      let extras: Extras = {};
      if (stream) {
        for await (const c of await client.chat.completions.create({ model: 'research-assistant', stream: true, messages: [{ role: 'user', content: 'What is the population of Brazil?' }] })) {
          text += c.choices[0]?.delta.content ?? '';
          if (c.choices[0]?.finish_reason) extras = extrasOf(c.choices[0].delta);
        }
      } else {
        const r = await client.chat.completions.create({ model: 'research-assistant', messages: [{ role: 'user', content: 'What is the population of Brazil?' }] });
        text = r.choices[0].message.content ?? '';
        extras = extrasOf(r.choices[0].message);
      }
      expect([stream, text]).toEqual([stream, expect.stringMatching(/do not answer/i)]);
      expect(text).not.toMatch(/Sources:/);
      expect(extras).toMatchObject({ abstained: true, citations: [] });
    }
  });

  it('refuses bad requests with the /api statuses in OpenAI error shape', async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{ messages: [] }, 400, 'bad_request'],
      [{ messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello' }] }, 400, 'bad_request'],
      [{ messages: [{ role: 'user', content: '   ' }] }, 400, 'empty_question'],
      [{ messages: [{ role: 'user', content: 'x'.repeat(5000) }] }, 400, 'question_too_long'],
      [{ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'http://x/y.png' } }] }] }, 400, 'bad_request'],
      [{ messages: [{ role: 'wizard', content: 'Hi' }] }, 400, 'bad_request'],
      [{ messages: [{ role: 'user', content: 'Who is Soleimani?' }], k: 0 }, 400, 'bad_k'],
      [{ model: 'gpt-4o', messages: [{ role: 'user', content: 'Who is Soleimani?' }] }, 404, 'unknown_model'],
    ];
    for (const [body, status, code] of cases) {
      for (const stream of [false, true]) {
        const err = await failure(() => client.chat.completions.create({ model: 'research-assistant', stream, ...body } as never));
        expect({ body, stream, status: err.status, code: err.code }).toEqual({ body, stream, status, code });
        expect(err.type).toBe(status === 404 ? 'not_found_error' : 'invalid_request_error');
        expect(err.message.length).toBeGreaterThan(10);
      }
    }
    const notJson = await rawRequest(base, 'POST', '/v1/chat/completions', { 'content-type': 'application/json', authorization: `Bearer ${KEY}` }, '{"model":');
    expect([notJson.status, JSON.parse(notJson.body)]).toEqual([400, { error: { message: expect.any(String), type: 'invalid_request_error', param: null, code: 'invalid_json' } }]);
  });

  it('refuses a wrong or missing key (every spelling of the route), and a refused origin, in OpenAI error shape', async () => {
    const wrong = new OpenAI({ apiKey: 'sk-wrong-0123456789abcdef', baseURL: `${base}/v1`, maxRetries: 0 });
    const err = await failure(() => wrong.chat.completions.create({ model: 'research-assistant', messages: [{ role: 'user', content: MILITIAS }] }));
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
    expect([err.status, err.code, err.type]).toEqual([401, 'bad_api_key', 'authentication_error']);
    expect((await failure(() => wrong.models.list())).status).toBe(401);
    const body = JSON.stringify({ model: 'research-assistant', messages: [{ role: 'user', content: MILITIAS }] });
    for (const path of ['/v1/chat/completions', '/%76%31/chat/completions', '/v1/%63hat/completions', '/v1/models', '/%76%31/models']) {
      const res = await rawRequest(base, path.endsWith('models') ? 'GET' : 'POST', path, { 'content-type': 'application/json' }, path.endsWith('models') ? undefined : body);
      expect([path, res.status, JSON.parse(res.body).error]).toEqual([path, 401, { message: expect.stringMatching(/Bearer/), type: 'authentication_error', param: null, code: 'missing_api_key' }]);
    }
    const evil = await rawRequest(base, 'GET', '/v1/models', { origin: 'http://evil.example', authorization: `Bearer ${KEY}` });
    expect([evil.status, JSON.parse(evil.body).error.code, JSON.parse(evil.body).error.type]).toEqual([403, 'forbidden_origin', 'permission_error']);
    const unknown = await rawRequest(base, 'GET', '/v1/nope', { authorization: `Bearer ${KEY}` });
    expect([unknown.status, JSON.parse(unknown.body).error.code]).toEqual([404, 'not_found']);
  });

  it('says in the text, on its first line, that an uncertain answer may not answer (streamed or not, as MCP says it)', async () => {
    // The engine's own answers, flagged uncertain: which questions the evidence barely supports is the answer
    // decision's business (tested with it); this route must carry the flag into the text an OpenAI client shows.
    const asked: ChatRequest[] = [];
    const doubting: Engine = {
      ...engine,
      async chat(request, options) {
        asked.push(request);
        return { ...(await engine.chat(request, options)), uncertain: true };
      },
      async *chatStream(request, options) {
        asked.push(request);
        for await (const e of engine.chatStream(request, options)) yield e.type === 'done' ? { ...e, response: { ...e.response, uncertain: true } } : e;
      },
    };
    const doubtingApp = await buildApp({ config: index.config, engine: doubting, log: silentLogger });
    const doubtingClient = new OpenAI({ apiKey: 'unused', baseURL: `${await listenOnLoopback(doubtingApp)}/v1`, maxRetries: 0 });
    try {
      const messages = [{ role: 'user' as const, content: MILITIAS }];
      const plain = await doubtingClient.chat.completions.create({ model: 'research-assistant', messages });
      const content = plain.choices[0].message.content ?? '';
      expect(content.split('\n')[0]).toBe('Possibly not an answer (weak evidence); check the sources.');
      expect(content).toMatch(/^Possibly not an answer[^\n]*\n\n[^\n]*Zeynabioun[^]*\n\nSources:\n\[1\] /);
      expect((plain.choices[0].message as unknown as { uncertain?: boolean }).uncertain).toBe(true);
      // MCP's ask tool says the same words in the same place
      const response = await doubting.chat({ question: MILITIAS, history: [] });
      expect(formatAnswer(response).split('\n')[0]).toBe(content.split('\n')[0]);

      let streamed = '';
      for await (const c of await doubtingClient.chat.completions.create({ model: 'research-assistant', messages, stream: true })) {
        streamed += c.choices[0]?.delta.content ?? '';
      }
      expect(streamed).toBe(content);

      // sent back as the conversation, the note is not read as part of the earlier answer
      asked.length = 0;
      await doubtingClient.chat.completions.create({
        model: 'research-assistant',
        messages: [...messages, { role: 'assistant', content }, { role: 'user', content: 'Where do they fight?' }],
      });
      expect(asked[0].history?.[1].content).not.toMatch(/Possibly not an answer|Sources:/);
      expect(asked[0].history?.[1].content).toMatch(/Zeynabioun/);
    } finally {
      await doubtingApp.close();
    }
  });

  it('is in the OpenAPI document at /docs', async () => {
    const spec = (await app.inject('/docs/json')).json() as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/v1/models', '/v1/models/{model}', '/v1/chat/completions']));
  });
});
