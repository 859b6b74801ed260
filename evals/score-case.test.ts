import { describe, expect, it } from 'vitest';
import type { ChatResponse, Citation, Passage } from '../server/contract.js';
import type { SupportJudge } from './metrics/citations.js';
import type { EvalCase } from './read-set.js';
import { runCases } from './run-cases.js';
import { scoreCase } from './score-case.js';

const passage = (docId: string, text: string, n = 0): Passage => ({
  chunkId: `${docId}#${n}`, docId, title: docId, text, score: 1, start: 0, end: text.length, page: null, section: null,
  authors: [], date: null, url: null, publisher: null,
});
const citation = (n: number, p: Passage): Citation => ({ ...p, n, span: null, sentences: [], supported: true, supportScore: 0.9 });

function response(over: Partial<ChatResponse>): ChatResponse {
  return { answer: '', citations: [], abstained: false, rewrittenQuery: 'q', answerer: 'extractive', passages: [], warnings: [], timings: { retrievalMs: 1, answerMs: 1, totalMs: 2 }, ...over };
}

const evalCase = (over: Partial<EvalCase>): EvalCase => ({
  id: 'c', question: 'q?', answerable: true, expectedSources: ['jpost'], expectedFacts: [], history: [], category: null, group: null, line: 1, ...over,
});

/** Supports when the passage contains the claim's last word. */
const lastWord: SupportJudge = { id: 'last-word', supports: async (c, ps) => ps.join(' ').includes(c.replace(/\W+$/, '').split(' ').pop()!) };

describe('scoreCase', () => {
  const jpost = passage('jpost', 'Soleimani departed for Moscow in July 2015.');
  const other = passage('other', 'Unrelated text about Tehran.');

  it('scores an answered case: retrieval over distinct documents, facts, citations, what was missed', async () => {
    const r = await scoreCase(
      evalCase({ expectedFacts: [['July 2015'], ['Shoigu']] }),
      response({ answer: 'He went to Moscow [1]. It was July 2015 [2].', citations: [citation(1, jpost), citation(2, other)], passages: [other, jpost, passage('other', 'more', 1)] }),
      123.6,
      { support: lastWord },
    );
    expect(r.retrieved).toEqual(['other', 'jpost']);
    expect(r.metrics).toMatchObject({ 'hit@1': 0, 'hit@5': 1, mrr: 0.5, factRecall: 0.5, citationRecall: 0.5, citationPrecision: 0.5, abstentionAccuracy: null, falseAbstentionRate: 0 });
    expect(r.missing).toEqual({ facts: [['Shoigu']], sources: [], abstention: null, unsupportedSentences: ['It was July 2015.'] });
    expect(r.citations.map((c) => [c.n, c.precise])).toEqual([[1, true], [2, false]]);
    expect(r.latencyMs).toBe(124);
  });

  it('scores an unanswerable case only on abstention', async () => {
    const right = await scoreCase(evalCase({ answerable: false, expectedSources: [] }), response({ answer: 'No.', abstained: true, passages: [jpost] }), 1, { support: lastWord });
    expect(right.metrics).toMatchObject({ 'hit@1': null, factRecall: null, citationPrecision: null, abstentionAccuracy: 1, falseAbstentionRate: null });
    const wrong = await scoreCase(evalCase({ answerable: false, expectedSources: [] }), response({ answer: 'Moscow [1].', citations: [citation(1, jpost)] }), 1, { support: lastWord });
    expect(wrong.metrics.abstentionAccuracy).toBe(0);
    expect(wrong.missing.abstention).toBe('should-abstain');
  });

  it('counts a wrong abstention once, as a false abstention, not as missing citations', async () => {
    const r = await scoreCase(evalCase({ expectedFacts: [['x']] }), response({ answer: 'No.', abstained: true }), 1, { support: lastWord });
    expect(r.metrics).toMatchObject({ falseAbstentionRate: 1, factRecall: 0, citationRecall: null, citationPrecision: null });
    expect(r.missing.abstention).toBe('should-answer');
  });

  it('keeps the case when the LLM judge fails, without judge metrics', async () => {
    const broken: SupportJudge = { id: 'llm:x', supports: async () => { throw new Error('HTTP 503'); } };
    const r = await scoreCase(evalCase({}), response({ answer: 'Moscow [1].', citations: [citation(1, jpost)] }), 1, { support: lastWord, llmJudge: broken });
    expect(r.metrics.judgeCitationPrecision).toBeNull();
    expect(r.metrics.citationPrecision).toBe(1);
    expect(r.warnings).toEqual(['LLM judge failed: HTTP 503']);
  });
});

describe('runCases', () => {
  it('keeps set order at any concurrency, passes history, and turns a failing case into an error row', async () => {
    const seen: unknown[] = [];
    const cases = [evalCase({ id: 'a', line: 1 }), evalCase({ id: 'b', line: 2, question: 'fail' }), evalCase({ id: 'c', line: 3, history: [{ role: 'user', content: 'hi' }] })];
    const out = await runCases(cases, {
      k: 4,
      concurrency: 3,
      support: lastWord,
      chat: async (req) => {
        seen.push(req);
        if (req.question === 'fail') throw Object.assign(new Error('index gone'), { code: 'INDEX_NOT_READY' });
        return response({ answer: 'ok' });
      },
    });
    expect(out.results.map((r) => r.id)).toEqual(['a', 'c']);
    expect(out.errors).toEqual([{ line: 2, id: 'b', stage: 'run', reason: 'INDEX_NOT_READY: index gone' }]);
    expect(seen).toContainEqual({ question: 'q?', history: [{ role: 'user', content: 'hi' }], k: 4 });
    expect(seen).toContainEqual({ question: 'q?', k: 4 });
  });
});
