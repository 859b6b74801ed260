import { describe, expect, it } from 'vitest';
import type { Citation } from '../../../server/contract.js';
import { formatAnswerForCopy, formatAuthors, formatReference } from './format-reference.js';

const citation = (over: Partial<Citation>): Citation => ({
  chunkId: 'd#0', docId: 'd', title: 'T', text: 'x', score: 1, start: 0, end: 1, page: null, section: null,
  authors: [], date: null, url: null, publisher: null, n: 1, span: null, sentences: [], supported: true, supportScore: 1,
  ...over,
});

describe('formatReference', () => {
  it('joins what is known and leaves out what is not', () => {
    expect(formatReference(citation({ title: 'Russia Increases Ties', authors: ['Emil Avdaliani'], date: '2024-12-04' }))).toBe(
      'Russia Increases Ties — Emil Avdaliani (2024-12-04).',
    );
    expect(formatReference(citation({ title: 'Op-ed', publisher: 'The Jerusalem Post', url: 'https://jpost.com/x' }))).toBe(
      'Op-ed. The Jerusalem Post. https://jpost.com/x',
    );
  });

  it('lists three authors with commas and "and"', () => {
    expect(formatAuthors(['A', 'B', 'C'])).toBe('A, B and C');
  });
});

describe('formatAnswerForCopy', () => {
  it('appends a numbered reference list in citation order', () => {
    const text = formatAnswerForCopy('Fact one [2]. Fact two [1].\n', [
      citation({ n: 2, title: 'Second', url: 'https://b.example' }),
      citation({ n: 1, title: 'First', authors: ['Ann Lee'], date: '2020' }),
    ]);
    expect(text).toBe('Fact one [2]. Fact two [1].\n\nReferences\n[1] First — Ann Lee (2020).\n[2] Second. https://b.example');
  });

  it('copies an answer without citations as just the answer', () => {
    expect(formatAnswerForCopy('The documents in the corpus do not answer this.', [])).toBe(
      'The documents in the corpus do not answer this.',
    );
  });
});
