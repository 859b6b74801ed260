import { describe, expect, it } from 'vitest';
import type { ChatEvent, ChatResponse } from '../../contract.js';
import { toChunks, toCompletion } from './completion.js';

const response = (over: Partial<ChatResponse> = {}): ChatResponse => ({
  answer: 'Shoigu met him. [1] In July 2015. [2]',
  citations: [],
  abstained: false,
  rewrittenQuery: 'q',
  answerer: 'extractive',
  passages: [],
  warnings: [],
  timings: { retrievalMs: 1, answerMs: 1, totalMs: 2 },
  ...over,
});

/** The engine's stream as the route sees it: meta, tokens, done; `closed` once its cleanup has run. */
function engineStream(r: ChatResponse) {
  const state = { closed: false };
  async function* events(): AsyncGenerator<ChatEvent> {
    try {
      yield { type: 'meta', rewrittenQuery: r.rewrittenQuery, answerer: r.answerer, passages: [] };
      for (const text of r.answer.split(/(?<= )/)) yield { type: 'token', text };
      yield { type: 'citations', citations: r.citations, abstained: r.abstained };
      yield { type: 'done', response: r };
    } finally {
      state.closed = true;
    }
  }
  return { state, iterator: events() };
}

async function streamedText(r: ChatResponse) {
  const { state, iterator } = engineStream(r);
  const first = (await iterator.next()).value as ChatEvent;
  let text = '';
  for await (const c of toChunks(first, iterator, { includeUsage: false, url: '/v1/chat/completions', onError: () => undefined })) {
    if (typeof c === 'object' && 'choices' in c) text += c.choices[0]?.delta.content ?? '';
  }
  return { text, closed: state.closed };
}

describe('uncertain answers on /v1', () => {
  it('lead their text with the note, streamed and not; certain answers and abstentions carry none', async () => {
    const note = 'Possibly not an answer (weak evidence); check the sources.\n\n';
    expect(toCompletion(response({ uncertain: true })).choices[0].message.content).toBe(`${note}Shoigu met him. [1] In July 2015. [2]`);
    expect((await streamedText(response({ uncertain: true }))).text).toBe(`${note}Shoigu met him. [1] In July 2015. [2]`);
    expect(toCompletion(response()).choices[0].message.content).toBe('Shoigu met him. [1] In July 2015. [2]');
    expect((await streamedText(response())).text).toBe('Shoigu met him. [1] In July 2015. [2]');
    const abstention = response({ answer: 'The documents in the corpus do not answer this.', abstained: true, uncertain: true });
    expect(toCompletion(abstention).choices[0].message.content).toBe('The documents in the corpus do not answer this.');
  });
});

describe('a streamed completion', () => {
  it("ends the engine's stream once it has sent the answer, so the engine's cleanup runs", async () => {
    expect((await streamedText(response())).closed).toBe(true);
  });
});
