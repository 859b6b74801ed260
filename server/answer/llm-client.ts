// The chat model behind the generative answerer and the rewriter: @langchain/openai ChatOpenAI on the
// chat-completions endpoint, so any OpenAI-compatible server works (OpenAI, llama.cpp server, vLLM, Ollama).
import { ChatOpenAI } from '@langchain/openai';
import type { Config } from '../config.js';

// Local servers (llama.cpp, Ollama) ignore the key but the client refuses to send a request without one.
const PLACEHOLDER_KEY = 'not-needed';

export function createChatModel(config: Pick<Config, 'OPENAI_API_KEY' | 'OPENAI_BASE_URL' | 'LLM_MODEL'>): ChatOpenAI {
  return new ChatOpenAI({
    model: config.LLM_MODEL,
    apiKey: config.OPENAI_API_KEY || PLACEHOLDER_KEY,
    configuration: config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : undefined,
    temperature: 0,
    // The Responses API exists only at OpenAI; chat completions is what compatible servers speak.
    useResponsesApi: false,
    // A failure falls back to the extractive answer at once instead of retrying into the timeout.
    maxRetries: 0,
    streamUsage: false,
  });
}

/** Text of a streamed chunk's content (a string, or content parts of which the text ones count). */
export function chunkText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.map((p) => (typeof p === 'string' ? p : p && typeof p === 'object' && 'text' in p ? String(p.text) : '')).join('');
  }
  return '';
}

/** An AbortSignal that fires when `parent` aborts or after `ms`; `timedOut()` tells which. */
export function deadline(ms: number, parent?: AbortSignal): { signal: AbortSignal; timedOut: () => boolean; clear: () => void } {
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new Error(`timed out after ${ms} ms`));
  }, ms);
  const onAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) onAbort();
  else parent?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => expired,
    clear: () => {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onAbort);
    },
  };
}
