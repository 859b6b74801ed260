// The LLM judge against a local server speaking the OpenAI protocol (reached by base URL, as a real one would be).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../server/testing/test-config.js';
import { silentLogger } from '../../server/log.js';
import { startFakeOpenAI, type FakeOpenAI } from '../../server/answer/testing/fake-openai-server.js';
import { scoreCitations } from '../metrics/citations.js';
import { createLlmJudge, llmJudge, parseVerdict } from './llm-judge.js';

let server: FakeOpenAI;

beforeAll(async () => {
  // Says yes when the passages mention Moscow, fails on claims about errors, otherwise no.
  server = await startFakeOpenAI((req) => {
    const prompt = req.messages[req.messages.length - 1].content;
    if (prompt.includes('Claim: boom')) return { status: 503, message: 'overloaded' };
    const evidence = prompt.slice(0, prompt.indexOf('Claim:'));
    return { reply: evidence.includes('Moscow') ? 'Yes.' : 'No' };
  });
});
afterAll(() => server?.close());

const judge = () => llmJudge({ baseUrl: server.url, apiKey: 'k', model: 'judge-model', timeoutMs: 5000 });

describe('llmJudge', () => {
  it('asks one deterministic yes/no question with the claim and the passages', async () => {
    const before = server.requests.length;
    expect(await judge().supports('Soleimani went to Moscow.', ['He departed for Moscow.', 'Other text.'])).toBe(true);
    expect(await judge().supports('Soleimani went to Paris.', ['He stayed home.'])).toBe(false);
    const req = server.requests[before];
    expect(req).toMatchObject({ model: 'judge-model', temperature: 0 });
    expect(req.stream).toBeUndefined();
    expect(req.messages[1].content).toBe(
      'Passage 1:\nHe departed for Moscow.\n\nPassage 2:\nOther text.\n\nClaim: Soleimani went to Moscow.\n\nIs the claim supported by the passages? Answer yes or no.',
    );
  });

  it('does not call the server when nothing is cited', async () => {
    const before = server.requests.length;
    expect(await judge().supports('x', [])).toBe(false);
    expect(server.requests.length).toBe(before);
  });

  it('fails loudly on an HTTP error instead of counting it as "no"', async () => {
    await expect(judge().supports('boom', ['Moscow'])).rejects.toThrow(/HTTP 503/);
  });

  it('scores citations like the support check does', async () => {
    const s = await scoreCitations(
      'He flew to Moscow [1]. He met Shoigu [2].',
      [
        { n: 1, docId: 'a', text: 'In July he flew to Moscow.' },
        { n: 2, docId: 'b', text: 'Nothing relevant.' },
      ],
      [],
      judge(),
    );
    expect(s.recall).toBe(0.5);
    expect(s.precision).toBe(0.5);
  });
});

describe('parseVerdict', () => {
  it('reads the first word and refuses anything else', () => {
    expect(parseVerdict(' Yes, it is.')).toBe(true);
    expect(parseVerdict('"no"')).toBe(false);
    expect(() => parseVerdict('Maybe')).toThrow(/neither yes nor no/);
  });
});

describe('createLlmJudge', () => {
  it('is off without an OpenAI key or base URL, on with either', () => {
    expect(createLlmJudge(testConfig(), silentLogger)).toBeNull();
    const j = createLlmJudge(testConfig({ OPENAI_BASE_URL: server.url, LLM_MODEL: 'm' }), silentLogger);
    expect(j?.id).toBe('llm:m');
  });
});
