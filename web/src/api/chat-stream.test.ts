import { describe, expect, it } from 'vitest';
import type { ChatEvent, ChatResponse } from '../../../server/contract.js';
import { ApiError } from './api-error.js';
import { SseParser, streamChat } from './chat-stream.js';
import { createApiClient } from './client.js';

const response: ChatResponse = {
  answer: 'Shoigu visited Tehran [1].',
  citations: [],
  abstained: false,
  rewrittenQuery: 'q',
  answerer: 'extractive',
  passages: [],
  warnings: [],
  timings: { retrievalMs: 1, answerMs: 1, totalMs: 2 },
};

const frame = (e: ChatEvent) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`;

/** A fetch that answers with the given body chunks (bytes) as an event stream. */
function fakeFetch(chunks: (string | Uint8Array)[], init: { status?: number; type?: string } = {}) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (url: string, reqInit: RequestInit) => {
    calls.push({ url, init: reqInit });
    const enc = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const c of chunks) controller.enqueue(typeof c === 'string' ? enc.encode(c) : c);
        controller.close();
      },
    });
    return new Response(body, { status: init.status ?? 200, headers: { 'content-type': init.type ?? 'text/event-stream' } });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

async function collect(it: AsyncIterable<ChatEvent>): Promise<ChatEvent[]> {
  const out: ChatEvent[] = [];
  for await (const e of it) out.push(e);
  return out;
}

describe('SseParser', () => {
  it('returns a message only once its blank line has arrived, across arbitrary splits', () => {
    const p = new SseParser();
    expect(p.push('event: tok')).toEqual([]);
    expect(p.push('en\ndata: {"a"')).toEqual([]);
    expect(p.push(':1}\n')).toEqual([]);
    expect(p.push('\n')).toEqual([{ event: 'token', data: '{"a":1}' }]);
  });

  it('ignores keep-alive comments and joins multi-line data', () => {
    const p = new SseParser();
    expect(p.push(': ping\n\n: ping\n\nevent: x\ndata: line1\ndata: line2\nid: 7\n\n')).toEqual([
      { event: 'x', data: 'line1\nline2' },
    ]);
  });

  it('handles CRLF split between chunks and bare CR line ends', () => {
    const p = new SseParser();
    expect(p.push('data: a\r')).toEqual([]);
    expect(p.push('\n\r')).toEqual([]);
    expect(p.push('\ndata: b\r\rdata:c\n\n')).toEqual([
      { event: 'message', data: 'a' },
      { event: 'message', data: 'b' },
      { event: 'message', data: 'c' },
    ]);
  });
});

describe('streamChat', () => {
  const events: ChatEvent[] = [
    { type: 'meta', rewrittenQuery: 'q', answerer: 'extractive', passages: [] },
    { type: 'token', text: 'Shoigu visited ' },
    { type: 'token', text: 'Tehran — é [1].' },
    { type: 'citations', citations: [], abstained: false },
    { type: 'done', response },
  ];

  it('yields the events of a stream split mid-frame, mid-character and interleaved with pings', async () => {
    const bytes = new TextEncoder().encode(': ping\n\n' + events.map(frame).join(': ping\n\n'));
    // split every 7 bytes: cuts through frames, JSON and the 2-byte "é"
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 7) chunks.push(bytes.slice(i, i + 7));
    const { fetch, calls } = fakeFetch(chunks);
    const client = createApiClient({ baseUrl: 'http://api.test/', embedKey: 'k1', fetch });
    expect(await collect(streamChat(client, { question: 'q' }))).toEqual(events);
    expect(calls[0].url).toBe('http://api.test/api/chat');
    expect(calls[0].init.headers).toEqual({ 'x-embed-key': 'k1', 'content-type': 'application/json', accept: 'text/event-stream' });
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ question: 'q' });
  });

  it('stops after an error event and yields it', async () => {
    const err: ChatEvent = { type: 'error', error: { code: 'INTERNAL', message: 'boom' } };
    const { fetch } = fakeFetch([frame(events[0]), frame(err), frame(events[1])]);
    expect(await collect(streamChat(createApiClient({ fetch }), { question: 'q' }))).toEqual([events[0], err]);
  });

  it('throws STREAM_ENDED when the stream closes before done', async () => {
    const { fetch } = fakeFetch([frame(events[0]), frame(events[1])]);
    const seen: ChatEvent[] = [];
    await expect(async () => {
      for await (const e of streamChat(createApiClient({ fetch }), { question: 'q' })) seen.push(e);
    }).rejects.toMatchObject({ code: 'STREAM_ENDED' });
    expect(seen).toEqual(events.slice(0, 2));
  });

  it('turns a JSON error body into an ApiError with the server code and message', async () => {
    const { fetch } = fakeFetch([JSON.stringify({ error: { code: 'QUESTION_TOO_LONG', message: 'The question is too long.' } })], {
      status: 400,
      type: 'application/json',
    });
    const err = await collect(streamChat(createApiClient({ fetch }), { question: 'q' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'QUESTION_TOO_LONG', message: 'The question is too long.', status: 400 });
  });

  it('reports NETWORK when nothing answers', async () => {
    const fetch = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof globalThis.fetch;
    const err = await collect(streamChat(createApiClient({ baseUrl: 'http://down.test', fetch }), { question: 'q' })).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'NETWORK', message: 'Cannot reach the server at http://down.test.' });
  });

  it('replays a plain JSON answer as events', async () => {
    const { fetch } = fakeFetch([JSON.stringify(response)], { type: 'application/json' });
    expect((await collect(streamChat(createApiClient({ fetch }), { question: 'q' }))).map((e) => e.type)).toEqual([
      'meta',
      'token',
      'citations',
      'done',
    ]);
  });

  it('ends with ABORTED when the signal aborts mid-stream', async () => {
    const controller = new AbortController();
    const fetch = (async (_url: string, init: RequestInit) => {
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode(frame(events[1])));
          init.signal?.addEventListener('abort', () => c.error(new DOMException('aborted', 'AbortError')));
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    }) as unknown as typeof globalThis.fetch;
    const seen: string[] = [];
    const err = await (async () => {
      for await (const e of streamChat(createApiClient({ fetch }), { question: 'q' }, controller.signal)) {
        seen.push(e.type);
        controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(seen).toEqual(['token']);
    expect(err).toMatchObject({ code: 'ABORTED' });
  });
});
