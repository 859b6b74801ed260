import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ChatEvent, ChatRequest, ChatResponse } from '../../../server/contract.js';
import { ApiError } from '../api/api-error.js';
import { createApiClient } from '../api/client.js';
import { chatReducer, chatStatus, historyOf, initialChatState } from './chat-state.js';
import { useChat, type StreamFn } from './use-chat.js';

const done = (answer: string): ChatEvent => ({
  type: 'done',
  response: {
    answer, citations: [], abstained: false, rewrittenQuery: 'rq', answerer: 'extractive', passages: [], warnings: [],
    timings: { retrievalMs: 1, answerMs: 1, totalMs: 2 },
  } satisfies ChatResponse,
});

/** A stream the test feeds by hand; it ends with AbortError when the request's signal aborts, like fetch. */
function controllableStream() {
  const requests: ChatRequest[] = [];
  let push: (e: ChatEvent | Error) => void = () => undefined;
  const stream: StreamFn = (_client, request, signal) => {
    requests.push(request);
    const queue: (ChatEvent | Error)[] = [];
    let wake: (() => void) | null = null;
    push = (e) => {
      queue.push(e);
      wake?.();
    };
    signal?.addEventListener('abort', () => push(new ApiError('ABORTED', 'Stopped.')));
    return (async function* () {
      for (;;) {
        while (!queue.length) await new Promise<void>((r) => (wake = r));
        const e = queue.shift()!;
        if (e instanceof Error) throw e;
        yield e;
        if (e.type === 'done' || e.type === 'error') return;
      }
    })();
  };
  return { stream, requests, push: (e: ChatEvent | Error) => act(async () => push(e)) };
}

const client = createApiClient({ fetch: (() => Promise.reject(new Error('unused'))) as unknown as typeof fetch });

describe('useChat', () => {
  it('goes idle → streaming → done, appending tokens and replacing them with the final answer', async () => {
    const s = controllableStream();
    const answers: string[] = [];
    const { result } = renderHook(() => useChat({ client, stream: s.stream, onAnswer: (r) => answers.push(r.answer) }));
    expect(result.current.status).toBe('idle');

    act(() => result.current.send('  Who visited Tehran?  '));
    expect(result.current.status).toBe('streaming');
    expect(result.current.turns[0].question).toBe('Who visited Tehran?');

    await s.push({ type: 'meta', rewrittenQuery: 'Who visited Tehran?', answerer: 'extractive', passages: [] });
    await s.push({ type: 'token', text: 'Shoigu ' });
    await s.push({ type: 'token', text: 'did [1].' });
    expect(result.current.turns[0].answer).toBe('Shoigu did [1].');
    expect(result.current.status).toBe('streaming');

    await s.push(done('Sergei Shoigu did [1].'));
    await waitFor(() => expect(result.current.status).toBe('done'));
    expect(result.current.turns[0].answer).toBe('Sergei Shoigu did [1].');
    expect(answers).toEqual(['Sergei Shoigu did [1].']);
    expect(s.requests[0]).toEqual({ question: 'Who visited Tehran?' });
  });

  it('stop keeps the partial answer, marks it stopped and ignores later events', async () => {
    const s = controllableStream();
    const { result } = renderHook(() => useChat({ client, stream: s.stream }));
    act(() => result.current.send('q'));
    await s.push({ type: 'token', text: 'Part' });
    act(() => result.current.stop());
    expect(result.current.status).toBe('done');
    expect(result.current.turns[0]).toMatchObject({ status: 'stopped', answer: 'Part', error: null });
    // the next question is accepted, and the stopped turn is not sent as history
    act(() => result.current.send('next'));
    expect(result.current.status).toBe('streaming');
    expect(s.requests[1]).toEqual({ question: 'next' });
  });

  it('shows a transport failure as an error and retry asks the same question again', async () => {
    const s = controllableStream();
    const errors: string[] = [];
    const { result } = renderHook(() => useChat({ client, stream: s.stream, onError: (e) => errors.push(e.code) }));
    act(() => result.current.send('q1'));
    await s.push(done('a1'));
    act(() => result.current.send('q2'));
    await s.push(new ApiError('NETWORK', 'Cannot reach the server at http://x.'));
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(result.current.turns[1].error).toEqual({ code: 'NETWORK', message: 'Cannot reach the server at http://x.', status: 0 });
    expect(errors).toEqual(['NETWORK']);

    act(() => result.current.retry());
    expect(result.current.turns.map((t) => [t.question, t.status])).toEqual([
      ['q1', 'done'],
      ['q2', 'streaming'],
    ]);
    expect(s.requests[2]).toEqual({
      question: 'q2',
      history: [
        { role: 'user', content: 'q1' },
        { role: 'assistant', content: 'a1' },
      ],
    });
  });

  it('an error event from the server ends the turn with its code and message', async () => {
    const s = controllableStream();
    const { result } = renderHook(() => useChat({ client, stream: s.stream }));
    act(() => result.current.send('q'));
    await s.push({ type: 'error', error: { code: 'INDEX_NOT_READY', message: 'Not built.' } });
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(result.current.turns[0].error).toEqual({ code: 'INDEX_NOT_READY', message: 'Not built.' });
  });

  it('ignores a second send while streaming and reset starts a new conversation', async () => {
    const s = controllableStream();
    const { result } = renderHook(() => useChat({ client, stream: s.stream }));
    act(() => result.current.send('q1'));
    act(() => result.current.send('q2'));
    expect(result.current.turns).toHaveLength(1);
    act(() => result.current.reset());
    expect(result.current.status).toBe('idle');
    expect(result.current.turns).toEqual([]);
  });
});

describe('chat state', () => {
  it('keeps only completed turns in history, newest 20 messages, each at most 8000 characters', () => {
    let state = initialChatState;
    for (let i = 0; i < 12; i++) {
      state = chatReducer(state, { type: 'ask', id: `t${i}`, question: `q${i}` });
      state = chatReducer(state, { type: 'event', id: `t${i}`, event: done(i === 11 ? 'x'.repeat(9000) : `a${i}`) });
    }
    state = chatReducer(state, { type: 'ask', id: 'late', question: 'pending' });
    const history = historyOf(state.turns);
    expect(history).toHaveLength(20);
    expect(history[0]).toEqual({ role: 'user', content: 'q2' });
    expect(history[19].content).toHaveLength(8000);
    expect(chatStatus(state)).toBe('streaming');
  });
});
