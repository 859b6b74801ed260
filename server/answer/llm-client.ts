// The LLM behind the generative answerer and the rewriter, as one LangChain chat model: @langchain/openai ChatOpenAI
// on the chat-completions endpoint, so any OpenAI-compatible server works (OpenAI, llama.cpp server, vLLM, Ollama);
// or, with LLM_MODEL_PATH, a GGUF model run in this process (local-chat-model.ts). The client also says how to ask it:
// an instruction-tuned model behind an API gets system + user messages; the in-process base model a text to continue.
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import path from 'node:path';
import type { Config } from '../config.js';
import type { Passage } from '../contract.js';
import { LocalChatModel } from './local-chat-model.js';
import { ANSWER_SYSTEM_PROMPT, COMPLETION_ANSWER_GRAMMAR, answerCompletionPrompt, answerUserPrompt } from './prompts.js';

// Local servers (llama.cpp, Ollama) ignore the key but the client refuses to send a request without one.
const PLACEHOLDER_KEY = 'not-needed';

type LlmConfig = Pick<Config, 'OPENAI_API_KEY' | 'OPENAI_BASE_URL' | 'LLM_MODEL' | 'LLM_MAX_TOKENS' | 'LLM_MODEL_PATH' | 'LLM_THREADS' | 'LLM_CONTEXT_SIZE' | 'llmProvider'>;

export interface LlmClient {
  /** llm:<model name> */
  id: string;
  model: BaseChatModel;
  /** for the start-up log line */
  where: string;
  /** the messages that ask for a cited answer */
  answerMessages(question: string, passages: Passage[]): BaseMessage[];
  /**
   * true for the in-process model: an answer none of whose citations is supported by its passage is an abstention.
   * A 270M base model's unsupported sentence is a made-up one far more often than a paraphrase the check misses;
   * a capable model's answers are kept (with the warning) as before.
   */
  abstainWhenUnsupported: boolean;
  /** resolves once the model can answer (the in-process model loads its weights), with what runs it */
  ready(): Promise<string>;
}

export function createChatModel(config: LlmConfig): BaseChatModel {
  if (config.llmProvider === 'local') {
    return new LocalChatModel({
      modelPath: config.LLM_MODEL_PATH,
      threads: config.LLM_THREADS,
      contextSize: config.LLM_CONTEXT_SIZE,
      maxTokens: config.LLM_MAX_TOKENS,
      grammar: COMPLETION_ANSWER_GRAMMAR,
      stop: ['\n'],
    });
  }
  return new ChatOpenAI({
    model: config.LLM_MODEL,
    apiKey: config.OPENAI_API_KEY || PLACEHOLDER_KEY,
    configuration: config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : undefined,
    temperature: 0,
    maxTokens: config.LLM_MAX_TOKENS,
    // The Responses API exists only at OpenAI; chat completions is what compatible servers speak.
    useResponsesApi: false,
    // A failure falls back to the extractive answer at once instead of retrying into the timeout.
    maxRetries: 0,
    streamUsage: false,
  });
}

export function createLlmClient(config: LlmConfig, model: BaseChatModel = createChatModel(config)): LlmClient {
  if (config.llmProvider === 'local') {
    const name = path.basename(config.LLM_MODEL_PATH).replace(/\.gguf$/i, '');
    return {
      id: `llm:${name}`,
      model,
      where: `${config.LLM_MODEL_PATH} in-process`,
      answerMessages: (question, passages) => [new HumanMessage(answerCompletionPrompt(question, passages))],
      abstainWhenUnsupported: true,
      ready: () => (model instanceof LocalChatModel ? model.ready() : Promise.resolve(name)),
    };
  }
  return {
    id: `llm:${config.LLM_MODEL}`,
    model,
    where: config.OPENAI_BASE_URL || 'api.openai.com',
    answerMessages: (question, passages) => [new SystemMessage(ANSWER_SYSTEM_PROMPT), new HumanMessage(answerUserPrompt(question, passages))],
    abstainWhenUnsupported: false,
    ready: async () => config.LLM_MODEL,
  };
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
