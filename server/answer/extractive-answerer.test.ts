// The offline answerer on the real seed corpus, the product chunker and retriever, and the real embedding model.
import { beforeAll, describe, expect, it } from 'vitest';
import { createTextEmbedder, type TextEmbedder } from './embedding-memo.js';
import { answerExtractively, createExtractiveAnswerer } from './extractive-answerer.js';
import { loadSeedSearch, type SeedSearch } from './testing/seed-passages.js';
import { ABSTENTION_TEXT, type AnswerEvent } from './types.js';

let seed: SeedSearch;
let embedder: TextEmbedder;

beforeAll(async () => {
  seed = await loadSeedSearch('extractive-test');
  embedder = createTextEmbedder(seed.embeddings);
});

async function collect(events: AsyncIterable<AnswerEvent>): Promise<AnswerEvent[]> {
  const out: AnswerEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

describe('extractive answerer on the seed corpus', () => {
  it('names the South Asian militias and cites the Jerusalem Post article', async () => {
    const question = 'Which South Asian militias fight alongside IRGC commanders?';
    const passages = await seed.search(question, 6);
    const r = await answerExtractively({ question, passages }, { embedder });
    expect(r.abstained).toBe(false);
    expect(r.answer).toContain('Zeynabioun');
    expect(r.answer).toContain('Fatemiyoun');
    const jpost = r.citations.find((c) => c.docId === 'russia-iran-converge-soleimani-jpost');
    expect(jpost).toBeDefined();
    // the marker right after the sentence that names them points at that article
    expect(r.answer).toMatch(new RegExp(`Fatemiyoun[^\\[]*\\[${jpost!.n}\\]`));
    // the span highlights the quoted sentence inside the passage
    expect(jpost!.text.slice(jpost!.span!.start, jpost!.span!.end)).toContain('Zeynabioun Brigade');
    expect(r.citations.map((c) => c.n)).toEqual(r.citations.map((_, i) => i + 1));
    // quoted sentences are verbatim, so the support check must agree with every citation
    expect(r.citations.every((c) => c.supported)).toBe(true);
    expect(r.warnings).toEqual([]);
  });

  it('abstains with no citations on a question the corpus does not touch', async () => {
    const question = 'What is the population of Brazil?';
    const r = await answerExtractively({ question, passages: await seed.search(question, 6) }, { embedder });
    expect(r).toMatchObject({ answer: ABSTENTION_TEXT, abstained: true, citations: [] });
  });

  it('answers without an embedding model, on lexical evidence only', async () => {
    const question = 'Which South Asian militias fight alongside IRGC commanders?';
    const r = await answerExtractively({ question, passages: await seed.search(question, 6) }, { embedder: null });
    expect(r.abstained).toBe(false);
    expect(r.answer).toContain('Fatemiyoun');
  });

  it('abstains when there are no passages', async () => {
    const r = await answerExtractively({ question: 'Who met Soleimani?', passages: [] }, { embedder });
    expect(r).toMatchObject({ answer: ABSTENTION_TEXT, abstained: true, citations: [] });
  });

  it('does not quote the same sentence twice when chunks overlap', async () => {
    const question = 'Who did the delegation of Russian officials that met Soleimani include?';
    const passages = await seed.search(question, 6);
    const r = await answerExtractively({ question, passages: [...passages, ...passages] }, { embedder });
    const sentences = r.answer.split(/\s*\[\d+(?:, \d+)*\]\s*/).filter(Boolean);
    expect(r.answer).toContain('Sergei Shoigu');
    expect(new Set(sentences).size).toBe(sentences.length);
  });

  it('streams the answer as tokens whose text is the final answer', async () => {
    const question = 'Which South Asian militias fight alongside IRGC commanders?';
    const answerer = createExtractiveAnswerer({ embedder });
    const events = await collect(answerer.answer({ question, passages: await seed.search(question, 6) }));
    const final = events.at(-1);
    expect(final?.type).toBe('final');
    const tokens = events.filter((e) => e.type === 'token').map((e) => (e.type === 'token' ? e.text : ''));
    expect(tokens.length).toBeGreaterThan(0);
    expect(tokens.join('')).toBe(final?.type === 'final' ? final.result.answer : null);
  });
});
