import { describe, expect, it } from 'vitest';
import type { Passage } from '../contract.js';
import { candidateSentences } from './candidate-sentences.js';

const passage = (text: string, extra: Partial<Passage> = {}): Passage => ({
  chunkId: 'd#0', docId: 'd', title: 'Harbour Trade Grows Again – Report', text, score: 1, start: 0, end: text.length,
  page: null, section: 'Background', authors: [], date: null, url: null, publisher: null, ...extra,
});

describe('candidateSentences', () => {
  it('leaves out the title, heading and caption lines, which state nothing', () => {
    const text = 'Harbour Trade Grows Again – Report\n\nBackground\n\nShipping Volumes And Port Fees\n\nA photo of the harbour at dawn.\n\nThe harbour handled 40 million tonnes of cargo last year.';
    expect(candidateSentences([passage(text)]).map((c) => c.text)).toEqual(['The harbour handled 40 million tonnes of cargo last year.']);
  });

  it('keeps a short sentence that ends like one, and a sentence repeated in two passages once', () => {
    const a = passage('Port Fees Rose Sharply In Spring.');
    const b = passage('Port Fees Rose Sharply In Spring. The mayor objected to the new fees.');
    expect(candidateSentences([a, b]).map((c) => [c.passage, c.text])).toEqual([
      [0, 'Port Fees Rose Sharply In Spring.'],
      [1, 'The mayor objected to the new fees.'],
    ]);
  });
});
