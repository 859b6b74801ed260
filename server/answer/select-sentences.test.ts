// selectSentences (extractive-answerer.ts) on hand-made rankings: which sentence leads, what joins it, when it abstains.
import { describe, expect, it } from 'vitest';
import type { EvidenceModel } from './evidence-model.js';
import { selectSentences, type ScoredSentence } from './extractive-answerer.js';
import { FEATURE_NAMES, type FeatureName } from './sentence-features.js';
import { words } from './terms.js';

const model: EvidenceModel = {
  features: [...FEATURE_NAMES],
  ranker: { weights: FEATURE_NAMES.map(() => 0) },
  gate: { features: [], bias: 0, weights: [], threshold: 0.5 },
  keepRatio: 0.5,
};

function sentence(text: string, o: { passage?: number; position?: number; docStart?: number; share: number; set?: Partial<Record<FeatureName, number>> }): ScoredSentence {
  const features = FEATURE_NAMES.map((f) => o.set?.[f] ?? 0);
  return { passage: o.passage ?? 0, position: o.position ?? 0, text, start: 0, end: text.length, docId: 'd', docStart: o.docStart ?? 0, words: words(text), features, rank: 0, share: o.share, vector: null };
}

const texts = (s: ScoredSentence[]) => s.map((x) => x.text);

describe('selectSentences', () => {
  it('abstains below the evidence threshold', () => {
    const a = sentence('The council approved the budget in March.', { share: 0.9 });
    expect(selectSentences({ sentences: [a], evidence: 0.4, model })).toEqual([]);
    expect(texts(selectSentences({ sentences: [a], evidence: 0.6, model }))).toEqual([a.text]);
  });

  it('a sentence without the asked-for date is quoted with the sentence beside it that has one, in document order', () => {
    const dated = sentence('In May 1990 the talks collapsed.', { passage: 1, docStart: 100, share: 0.05 });
    const undated = sentence('The delegation then left for the capital.', { passage: 0, docStart: 133, share: 0.7, set: { kindMissing: 1, kindNeighbour: 1 } });
    const other = sentence('The talks had begun a year earlier in another city.', { passage: 1, docStart: 400, share: 0.1, set: { kindMissing: 1 } });
    const farDated = sentence('By 1995 trade had doubled.', { passage: 2, docStart: 900, share: 0.4 });
    // the dated neighbour comes from another (overlapping) passage; a dated sentence elsewhere is not a neighbour
    expect(texts(selectSentences({ sentences: [undated, farDated, other, dated], evidence: 0.9, model }))).toEqual([dated.text, undated.text, farDated.text]);
    // without a dated neighbour, the best sentence leads alone
    expect(texts(selectSentences({ sentences: [undated, farDated], evidence: 0.9, model }))[0]).toBe(undated.text);
  });
});
