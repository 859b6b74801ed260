// The engine's answer in OpenAI's shapes: a chat.completion, or chat.completion.chunk events. The answer text keeps
// its [n] markers, starts with a note when the evidence is weak and ends with a plain-text source list; the
// structured citations ride along in extra fields.
import { randomUUID } from 'node:crypto';
import type { ChatEvent, ChatResponse } from '../../contract.js';
import { openAiErrorBody, toAppError } from '../error-handler.js';
import { MODEL_ID, type ChatCompletion, type ChatCompletionChunk } from './schemas.js';
import { sourceList } from './source-list.js';
import { uncertainNote } from './uncertain-note.js';

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
        message: { role: 'assistant', content: uncertainNote(r) + r.answer + sourceList(r.citations), refusal: null, ...extras(r) },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: usageOf(r.answerer),
  };
}

/**
 * Engine events → chunk payloads (the caller frames each as `data: …`). The text is sent once the answer is whole:
 * whether it is uncertain (a note that leads the text) is known only then, and checking a generated answer's
 * citations may renumber or drop markers its tokens already showed. An extractive answer loses nothing by it: its
 * tokens come all at once, after the answer is made.
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
  try {
    yield chunk({ role: 'assistant', content: '' });
    for (let event: ChatEvent | undefined = first; event; event = await next(rest)) {
      if (event.type === 'error') throw Object.assign(new Error(event.error.message), { code: event.error.code });
      if (event.type !== 'done') continue;
      const r = event.response;
      const note = uncertainNote(r);
      if (note) yield chunk({ content: note });
      const pieces = r.answer.split(/(?<=\])[ ]+/);
      for (const [i, piece] of pieces.entries()) yield chunk({ content: i < pieces.length - 1 ? `${piece} ` : piece });
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
  } finally {
    // The engine's stream is left at its `done` event (or wherever the client hung up): ending it runs its cleanup,
    // which gives back its place among the answers computed at once. Left suspended, every streamed completion kept
    // one, and after 2 × INFERENCE_WORKERS of them no answer was computed any more.
    await rest.return?.();
  }
}

async function next(it: AsyncIterator<ChatEvent>): Promise<ChatEvent | undefined> {
  const r = await it.next();
  return r.done ? undefined : r.value;
}
