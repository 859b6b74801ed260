// The engine's answer in OpenAI's shapes: a chat.completion, or chat.completion.chunk events. The answer text keeps
// its [n] markers and ends with a plain-text source list; the structured citations ride along in extra fields.
import { randomUUID } from 'node:crypto';
import type { ChatEvent, ChatResponse } from '../../contract.js';
import { openAiErrorBody, toAppError } from '../error-handler.js';
import { MODEL_ID, type ChatCompletion, type ChatCompletionChunk } from './schemas.js';
import { sourceList } from './source-list.js';

export const completionId = () => `chatcmpl-${randomUUID().replaceAll('-', '')}`;
const now = () => Math.floor(Date.now() / 1000);

/** Nothing here runs a language model whose tokens we could count honestly; the counts say so instead of guessing. */
export function usageOf(answerer: string) {
  const note =
    answerer === 'extractive'
      ? 'Not counted: the answer is extracted from the documents; no language-model tokens were used.'
      : 'Not counted: the language model behind this answer does not report its token counts through the assistant.';
  return { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0, note };
}

const extras = (r: ChatResponse) => ({
  citations: r.citations,
  abstained: r.abstained,
  ...(r.uncertain ? { uncertain: true } : {}),
  rewrittenQuery: r.rewrittenQuery,
});

export function toCompletion(r: ChatResponse): ChatCompletion {
  return {
    id: completionId(),
    object: 'chat.completion',
    created: now(),
    model: MODEL_ID,
    system_fingerprint: null,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: r.answer + sourceList(r.citations), refusal: null, ...extras(r) },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: usageOf(r.answerer),
  };
}

/**
 * Engine events → chunk payloads (the caller frames each as `data: …`). Extractive answers stream as the engine
 * sends them (their tokens are the final text); a generated answer is sent once its citations have been checked,
 * because checking may renumber or drop markers the tokens already showed.
 */
export async function* toChunks(
  first: ChatEvent,
  rest: AsyncIterator<ChatEvent>,
  options: { includeUsage: boolean; url: string; onError: (err: unknown) => void },
): AsyncIterable<ChatCompletionChunk | { error: unknown } | '[DONE]'> {
  const id = completionId();
  const created = now();
  const chunk = (delta: ChatCompletionChunk['choices'][number]['delta'], finish: 'stop' | null = null): ChatCompletionChunk => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model: MODEL_ID,
    system_fingerprint: null,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  });
  yield chunk({ role: 'assistant', content: '' });
  const live = first.type === 'meta' ? first.answerer === 'extractive' : true;
  try {
    for (let event: ChatEvent | undefined = first; event; event = await next(rest)) {
      if (event.type === 'token' && live) yield chunk({ content: event.text });
      if (event.type === 'error') throw Object.assign(new Error(event.error.message), { code: event.error.code });
      if (event.type !== 'done') continue;
      const r = event.response;
      if (!live) {
        const pieces = r.answer.split(/(?<=\])[ ]+/);
        for (const [i, piece] of pieces.entries()) yield chunk({ content: i < pieces.length - 1 ? `${piece} ` : piece });
      }
      const sources = sourceList(r.citations);
      if (sources) yield chunk({ content: sources });
      yield chunk(extras(r), 'stop');
      if (options.includeUsage) yield { ...chunk({}), choices: [], usage: usageOf(r.answerer) };
      yield '[DONE]';
      return;
    }
  } catch (err) {
    options.onError(err);
    yield openAiErrorBody(toAppError(err as never, options.url));
  }
}

async function next(it: AsyncIterator<ChatEvent>): Promise<ChatEvent | undefined> {
  const r = await it.next();
  return r.done ? undefined : r.value;
}
