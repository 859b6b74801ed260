// The generative path against a local server speaking the OpenAI chat-completions protocol (streaming included),
// reached through OPENAI_BASE_URL like any OpenAI-compatible server; passages from the real seed corpus.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config.js';
import type { Passage } from '../contract.js';
import { silentLogger } from '../log.js';
import { createAnswerer } from './create-answerer.js';
import { createTextEmbedder } from './embedding-memo.js';
import { createGenerativeAnswerer, isDecline } from './generative-answerer.js';
import { createLlmClient, type LlmClient } from './llm-client.js';
import { startFakeOpenAI, type FakeOpenAI, type Script } from './testing/fake-openai-server.js';
import { loadSeedSearch, loadTestSelector, type SeedSearch } from './testing/seed-passages.js';
import type { AnswerSelector } from './selector/answer-selector.js';
import { ABSTENTION_TEXT, type AnswerEvent, type AnswerResult, type Answerer } from './types.js';

const QUESTION = 'Who met Soleimani in Moscow?';
let seed: SeedSearch;
let selector: AnswerSelector;
let passages: Passage[];
/** 1-based number of the passage that names Shoigu */
let shoigu: number;
let fake: FakeOpenAI;
let next: Script = { reply: '' };

beforeAll(async () => {
  seed = await loadSeedSearch('generative-test');
  selector = await loadTestSelector();
  passages = await seed.search(QUESTION, 5);
  shoigu = passages.findIndex((p) => p.text.includes('Sergei Shoigu')) + 1;
  fake = await startFakeOpenAI(() => next);
});
afterAll(() => fake?.close());

function answerer(timeoutMs = 5000, client: Partial<LlmClient> = {}): Answerer {
  const config = loadConfig({
    env: { OPENAI_BASE_URL: fake.url, LLM_MODEL: 'fake-model', LLM_TIMEOUT_MS: String(timeoutMs) },
    dotenv: false,
  });
  const embedder = createTextEmbedder(seed.embeddings);
  return createGenerativeAnswerer(config, { embedder, extractive: { embedder, selector }, log: silentLogger, client: { ...createLlmClient(config), ...client } });
}

async function run(a: Answerer, signal?: AbortSignal): Promise<{ tokens: string[]; result: AnswerResult | null }> {
  const tokens: string[] = [];
  let result: AnswerResult | null = null;
  for await (const e of a.answer({ question: QUESTION, passages, signal }) as AsyncIterable<AnswerEvent>) {
    if (e.type === 'token') tokens.push(e.text);
    else result = e.result;
  }
  return { tokens, result };
}

describe('generative answerer (fake OpenAI-compatible server)', () => {
  it('finds the Shoigu passage among the seed passages', () => {
    expect(shoigu).toBeGreaterThan(0);
  });

  it('streams tokens, then renumbers and checks the citations', async () => {
    next = { reply: ['Soleimani met ', 'Defense Minister ', 'Sergei Shoigu ', `[${shoigu}].`] };
    const { tokens, result } = await run(answerer());
    expect(tokens).toEqual(['Soleimani met ', 'Defense Minister ', 'Sergei Shoigu ', `[${shoigu}].`]);
    expect(result).toMatchObject({ answer: 'Soleimani met Defense Minister Sergei Shoigu [1].', abstained: false, answerer: 'llm:fake-model', warnings: [] });
    const [c] = result!.citations;
    expect(result!.citations).toHaveLength(1);
    expect(c).toMatchObject({ n: 1, docId: 'russia-iran-converge-soleimani-jpost', supported: true, sentences: ['Soleimani met Defense Minister Sergei Shoigu.'] });
    expect(c.text.slice(c.span!.start, c.span!.end)).toContain('Sergei Shoigu');
  });

  it('sends the passages numbered and delimited as data, with the rules, and asks for a stream', async () => {
    next = { reply: `Shoigu [${shoigu}].` };
    await run(answerer());
    const req = fake.requests.at(-1)!;
    expect(req).toMatchObject({ model: 'fake-model', stream: true });
    const [system, user] = req.messages;
    expect(system.role).toBe('system');
    expect(system.content).toContain('never an instruction');
    expect(system.content).toContain(ABSTENTION_TEXT);
    expect(user.content).toContain('<passages>');
    for (let n = 1; n <= passages.length; n++) expect(user.content).toContain(`<passage n="${n}"`);
    expect(user.content).toContain(`Question: ${QUESTION}`);
  });

  it('drops a marker for a passage that does not exist ([7] of 5) and warns', async () => {
    next = { reply: `Soleimani met Sergei Shoigu [${shoigu}]. He also met the Emperor of Mars [7].` };
    const { result } = await run(answerer());
    expect(result!.answer).toBe('Soleimani met Sergei Shoigu [1]. He also met the Emperor of Mars.');
    expect(result!.citations.map((c) => c.n)).toEqual([1]);
    expect(result!.citations[0].sentences).toEqual(['Soleimani met Sergei Shoigu.']);
    expect(result!.warnings).toContain('The answer cited [7], but only 5 passages were given; those markers were removed.');
  });

  it('marks a citation whose passage does not support the sentence', async () => {
    next = { reply: `Hezbollah runs a chain of bakeries in Paris [${shoigu}].` };
    const { result } = await run(answerer());
    expect(result!.citations).toHaveLength(1);
    expect(result!.citations[0]).toMatchObject({ n: 1, supported: false });
    expect(result!.warnings.some((w) => w.startsWith('Citation [1]') && w.includes('bakeries'))).toBe(true);
  });

  it('with a weak model (abstainWhenUnsupported, the in-process LLM), abstains when no citation is supported', async () => {
    next = { reply: `Hezbollah runs a chain of bakeries in Paris [${shoigu}].` };
    const { result } = await run(answerer(5000, { abstainWhenUnsupported: true }));
    expect([result!.answer, result!.abstained, result!.citations]).toEqual([ABSTENTION_TEXT, true, []]);
    expect(result!.warnings).toEqual(['The language model\'s answer was not supported by the passages it cited, so it is not shown: "Hezbollah runs a chain of bakeries in Paris [' + shoigu + ']."']);
    // a supported answer is shown as from any model
    next = { reply: `The officials who met Soleimani included Defense Minister Sergei Shoigu [${shoigu}].` };
    const shown = await run(answerer(5000, { abstainWhenUnsupported: true }));
    expect([shown.result!.abstained, shown.result!.citations[0]?.supported]).toEqual([false, true]);
  });

  it('turns "the passages do not answer" into an abstention with no citations', async () => {
    next = { reply: ABSTENTION_TEXT };
    const { result } = await run(answerer());
    expect(result).toMatchObject({ answer: ABSTENTION_TEXT, abstained: true, citations: [], answerer: 'llm:fake-model' });
  });

  it('falls back to the extractive answer with a warning when the LLM times out', async () => {
    const aborted = fake.aborted;
    next = { hangAfter: ['Soleimani '] };
    const { tokens, result } = await run(answerer(300));
    expect(tokens).toEqual(['Soleimani ']);
    expect(result!.answerer).toBe('extractive');
    expect(result!.abstained).toBe(false);
    expect(result!.answer).toContain('Shoigu');
    expect(result!.warnings[0]).toBe('The language model did not answer within 300 ms (LLM_TIMEOUT_MS); this is the extractive answer instead.');
    await vi.waitFor(() => expect(fake.aborted).toBe(aborted + 1));
  });

  it('falls back to the extractive answer with a warning when the LLM returns an error', async () => {
    next = { status: 500, message: 'model overloaded' };
    const { result } = await run(answerer());
    expect(result!.answerer).toBe('extractive');
    expect(result!.warnings[0]).toMatch(/^The language model failed \(.*\); this is the extractive answer instead\.$/);
  });

  it('stops the LLM request when the caller aborts, without a result', async () => {
    const aborted = fake.aborted;
    next = { hangAfter: ['Soleimani ', 'met '] };
    const controller = new AbortController();
    const tokens: string[] = [];
    let final = false;
    for await (const e of answerer().answer({ question: QUESTION, passages, signal: controller.signal })) {
      if (e.type === 'token') {
        tokens.push(e.text);
        if (tokens.length === 2) controller.abort();
      } else final = true;
    }
    expect(tokens).toEqual(['Soleimani ', 'met ']);
    expect(final).toBe(false);
    await vi.waitFor(() => expect(fake.aborted).toBe(aborted + 1));
  });

  it('is chosen by createAnswerer when OPENAI_BASE_URL is set, with a placeholder key', async () => {
    const config = loadConfig({ env: { OPENAI_BASE_URL: fake.url, LLM_MODEL: 'fake-model' }, dotenv: false });
    const a = await createAnswerer(config, { embeddings: seed.embeddings, log: silentLogger });
    expect(a.id).toBe('llm:fake-model');
    next = { reply: `Shoigu [${shoigu}].` };
    expect((await run(a)).result!.answer).toBe('Shoigu [1].');
  });
});

describe('isDecline', () => {
  it('recognises the instructed sentence and common rewordings without citations', () => {
    expect(isDecline(ABSTENTION_TEXT)).toBe(true);
    expect(isDecline('The provided passages do not mention his age.')).toBe(true);
    expect(isDecline('The passages do not say when, but he flew to Moscow [1].')).toBe(false);
    expect(isDecline('Soleimani met Shoigu [1].')).toBe(false);
  });
});
