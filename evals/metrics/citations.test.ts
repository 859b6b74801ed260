import { describe, expect, it } from 'vitest';
import { citedSentences, scoreCitations, type SupportJudge } from './citations.js';
import { normaliseText } from './normalise-text.js';

/** Supports a claim when every word of 4+ letters in it appears in the passages: predictable by hand. */
const wordJudge: SupportJudge = {
  id: 'words',
  async supports(claim, passages) {
    const have = new Set(normaliseText(passages.join(' ')).split(' '));
    return normaliseText(claim)
      .split(' ')
      .filter((w) => w.length >= 4)
      .every((w) => have.has(w));
  },
};

const citations = [
  { n: 1, docId: 'docA', text: 'Soleimani met Shoigu in Moscow.' },
  { n: 2, docId: 'docB', text: 'The trip took place in July 2015.' },
  { n: 3, docId: 'docC', text: 'Hezbollah operates in Lebanon.' },
];
const answer = 'Soleimani met Shoigu in July 2015 [1][2]. Soleimani met Shoigu in Moscow [1][3]. Hezbollah sold arms [3].';

describe('citedSentences', () => {
  it('attaches markers to their sentence, including markers placed after the full stop', () => {
    expect(citedSentences('Foo bar went home. [1] Baz qux stayed [2][3]. Then [2, 4] nothing.')).toEqual([
      { text: 'Foo bar went home.', markers: [1] },
      { text: 'Baz qux stayed.', markers: [2, 3] },
      { text: 'Then nothing.', markers: [2, 4] },
    ]);
  });

  it('keeps uncited sentences with no markers', () => {
    expect(citedSentences('No sources here.')).toEqual([{ text: 'No sources here.', markers: [] }]);
  });
});

describe('scoreCitations', () => {
  it('computes ALCE recall and precision and the contract precision on a hand-made answer', async () => {
    const s = await scoreCitations(answer, citations, ['docB'], wordJudge);
    // sentence 1 needs [1] and [2] together; sentence 2 is supported by [1] alone; sentence 3 is not supported.
    expect(s.sentences.map((x) => x.supported)).toEqual([true, true, false]);
    expect(s.recall).toBeCloseTo(2 / 3, 10);
    expect(s.pairs.map((p) => [p.sentence, p.n, p.alcePrecise])).toEqual([
      [0, 1, true],
      [0, 2, true],
      [1, 1, true],
      [1, 3, false],
      [2, 3, false],
    ]);
    expect(s.alcePrecision).toBe(3 / 5);
    // contract: (0,2) is an expected source, (1,1) supports alone; the rest neither
    expect(s.pairs.map((p) => p.precise)).toEqual([false, true, true, false, false]);
    expect(s.precision).toBe(2 / 5);
  });

  it('counts a marker that points at no citation as imprecise and unsupported', async () => {
    const s = await scoreCitations('Soleimani met Shoigu in Moscow [7].', citations, ['docA'], wordJudge);
    expect(s.pairs).toEqual([
      { sentence: 0, n: 7, docId: null, supportsAlone: false, expectedSource: false, precise: false, alcePrecise: false },
    ]);
    expect(s.recall).toBe(0);
  });

  it('has no precision when nothing is cited, and recall 0 for uncited sentences', async () => {
    const s = await scoreCitations('Soleimani met Shoigu in Moscow.', citations, [], wordJudge);
    expect(s.precision).toBeNull();
    expect(s.alcePrecision).toBeNull();
    expect(s.recall).toBe(0);
  });

  it('asks the judge once per distinct question', async () => {
    let calls = 0;
    const counting: SupportJudge = { id: 'count', supports: async (c, p) => (calls++, wordJudge.supports(c, p)) };
    await scoreCitations('Soleimani met Shoigu in Moscow [1]. Soleimani met Shoigu in Moscow [1].', citations, [], counting);
    expect(calls).toBe(1);
  });
});
