import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../testing/test-config.js';
import { silentLogger } from '../log.js';
import { answerSubject, createQuestionRewriter, leansOnContext, namesIn, rewriteByRule } from './rewrite-question.js';
import { startFakeOpenAI, type FakeOpenAI, type Script } from './testing/fake-openai-server.js';

const user = (content: string) => ({ role: 'user' as const, content });
const assistant = (content: string) => ({ role: 'assistant' as const, content });

describe('offline follow-up rewriting', () => {
  const history = [user('Who met Soleimani in Moscow?'), assistant('Defense Minister Sergei Shoigu [1].')];

  it('carries the previous question’s names into a follow-up that leans on it', () => {
    expect(rewriteByRule('And when did he go there?', history)).toBe('When did he go there (Soleimani, Moscow)?');
  });

  it('leaves a standalone question unchanged', () => {
    expect(rewriteByRule('What is the Quds Force?', history)).toBe('What is the Quds Force?');
    expect(rewriteByRule('Which militias did the man that met Putin train?', history)).toBe('Which militias did the man that met Putin train?');
  });

  it('leaves the first question of a conversation unchanged', () => {
    expect(rewriteByRule('When did he go there?', [])).toBe('When did he go there?');
    // no names to carry: the previous question's words say what "that" refers to
    expect(rewriteByRule('What does the paper call groups like that?', [{ role: 'user', content: 'Which groups oppose the state but share its goals?' }])).toBe(
      'What does the paper call groups like that (groups oppose the state but share its goals)?',
    );
  });

  it('does not repeat names the follow-up already has', () => {
    expect(rewriteByRule('Why did he fly to Moscow?', history)).toBe('Why did he fly to Moscow (Soleimani)?');
  });

  it('asks the previous question again about the new subject of "what about …"', () => {
    expect(rewriteByRule('What about Putin?', history)).toBe('Who met Soleimani in Moscow (Putin)?');
    // the previous question's subject, when it is a name, gives way to the new one
    const weapon = [user("What does the IISS consider Iran's major weapon?"), assistant('Its reliance on third-party capacities [1].')];
    expect(rewriteByRule('What about the Atlantic Council?', weapon)).toBe("What does the Atlantic Council consider Iran's major weapon?");
    expect(rewriteByRule('And what about Shoigu?', [user('When did Soleimani go to Moscow?')])).toBe('When did Shoigu go to Moscow?');
    expect(rewriteByRule('How about Iran?', [user('How many troops has Russia sent to Syria?')])).toBe('How many troops has Iran sent to Syria?');
    // a new topic of the conversation, not a new subject for the same question
    expect(rewriteByRule('What about links to Palestinian factions?', history)).toBe('What about links to Palestinian factions (Soleimani, Moscow)?');
  });

  it('resolves a chain of follow-ups from the first question’s names', () => {
    const chain = [user('Who met Soleimani in Moscow?'), assistant('Shoigu [1].'), user('When did he go there?'), assistant('July 2015 [1].')];
    expect(rewriteByRule('Why did he go there?', chain)).toBe('Why did he go there (Soleimani, Moscow)?');
  });

  it('reads "it" as what the previous answer named, when the answer names it in a few words', () => {
    const framework = [user('What theoretical framework does the paper by Roomi, Kazemi and Motahari use?'), assistant('Neoclassical realism.')];
    expect(rewriteByRule('What are its two types?', framework)).toBe('What are its two types (Neoclassical realism, Roomi, Kazemi, Motahari)?');
    const defined = [user('What theory frames the paper?'), assistant('Neoclassical realism is a combination of classical realism and neorealism. [1]')];
    expect(rewriteByRule('What two types does it come in?', defined)).toBe('What two types does it come in (Neoclassical realism)?');
    // a person is left to the question's names when the question named one as its verb's object: "he" may be either
    expect(rewriteByRule('And when did he go there?', history)).toBe('When did he go there (Soleimani, Moscow)?');
    // else "he" is the person the answer to "who" named
    const matrix = [user("Who sits at the matrix of Iran's proxies according to the Jerusalem Post piece?"), assistant('Qassem Soleimani is at the matrix of these proxies. [1]')];
    expect(rewriteByRule('Whose confidence does he have?', matrix)).toBe('Whose confidence does he have (Qassem Soleimani, Iran, Jerusalem Post)?');
    // no short subject, or an abstention: only the question's names
    expect(answerSubject('For instance, Iran’s policy of empowering non-Shiite groups such as Hamas is justified. [1]')).toBeNull();
    expect(answerSubject('The documents in the corpus do not answer this.')).toBeNull();
    expect(answerSubject('It is justified by their stance.')).toBeNull();
  });

  it('tells follow-ups from standalone questions', () => {
    expect(['And when?', 'What did they discuss at that meeting?', 'Where is it?'].map(leansOnContext)).toEqual([true, true, true]);
    expect(['Who leads Hezbollah?', 'When did Russia enter Syria?'].map(leansOnContext)).toEqual([false, false]);
  });

  it('finds multi-word names and numbers, not sentence-initial capitals', () => {
    expect(namesIn('What did Defense Minister Sergei Shoigu say in July 2015?')).toEqual(['Defense Minister Sergei Shoigu', 'July 2015']);
  });

  it('is what createQuestionRewriter returns without an LLM', async () => {
    const rewrite = createQuestionRewriter(testConfig(), { log: silentLogger });
    expect(await rewrite('And when did he go there?', history)).toBe('When did he go there (Soleimani, Moscow)?');
  });

  it('is the rule too with the in-process model (LLM_MODEL_PATH), which is not asked to rewrite', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rewrite-local-'));
    writeFileSync(path.join(dir, 'm.gguf'), 'GGUF');
    try {
      const config = testConfig({ LLM_MODEL_PATH: path.join(dir, 'm.gguf') });
      expect(config.answererMode).toBe('llm');
      const rewrite = createQuestionRewriter(config, { log: silentLogger });
      expect(await rewrite('And when did he go there?', history)).toBe('When did he go there (Soleimani, Moscow)?');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('LLM follow-up rewriting (fake OpenAI-compatible server)', () => {
  let fake: FakeOpenAI;
  let next: Script = { reply: '' };
  beforeAll(async () => {
    fake = await startFakeOpenAI(() => next);
  });
  afterAll(() => fake?.close());
  const history = [user('Who met Soleimani in Moscow?'), assistant('Defense Minister Sergei Shoigu [1].')];
  const rewriter = () =>
    createQuestionRewriter(testConfig({ OPENAI_BASE_URL: fake.url, LLM_MODEL: 'fake-model' }), { log: silentLogger });

  it('returns the LLM’s standalone question, sending the conversation', async () => {
    next = { reply: 'When did Qassem Soleimani travel to Moscow?' };
    expect(await rewriter()('And when did he go there?', history)).toBe('When did Qassem Soleimani travel to Moscow?');
    const req = fake.requests.at(-1)!;
    expect(req.messages[1].content).toContain('User: Who met Soleimani in Moscow?');
    expect(req.messages[1].content).toContain('Last user question: And when did he go there?');
  });

  it('does not call the LLM for the first question of a conversation', async () => {
    const before = fake.requests.length;
    expect(await rewriter()('When did he go there?', [])).toBe('When did he go there?');
    expect(fake.requests.length).toBe(before);
  });

  it('falls back to the offline rule when the LLM fails', async () => {
    next = { status: 503, message: 'unavailable' };
    expect(await rewriter()('And when did he go there?', history)).toBe('When did he go there (Soleimani, Moscow)?');
  });
});
