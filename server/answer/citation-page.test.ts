import { describe, expect, it } from 'vitest';
import type { Citation } from '../contract.js';
import { withSpanPlace } from './citation-page.js';

const citation = (span: Citation['span']): Citation => ({
  chunkId: 'r#3', docId: 'r', title: 'Report', text: 'x'.repeat(200), score: 1, start: 150, end: 350, page: 1,
  section: null, authors: [], date: null, url: null, publisher: null, n: 1, span, sentences: ['…'], supported: true, supportScore: 0.9,
});
const pages = [
  { page: 1, start: 0, end: 203 },
  { page: 2, start: 203, end: 410 },
];

describe('withSpanPlace', () => {
  it('gives the page of the highlighted sentence, not of the chunk start', () => {
    expect(withSpanPlace(citation({ start: 60, end: 150 }), { pages }).page).toBe(2);
    expect(withSpanPlace(citation({ start: 10, end: 40 }), { pages }).page).toBe(1);
  });

  it('leaves a citation without a span, or a document without pages, as it is', () => {
    const c = citation(null);
    expect(withSpanPlace(c, { pages })).toBe(c);
    const d = citation({ start: 60, end: 150 });
    expect(withSpanPlace(d, { pages: [] })).toBe(d);
  });

  it('gives the section of the highlighted sentence, the innermost one holding it', () => {
    const sections = [
      { heading: 'Contributing', start: 100, end: 260, isReferences: false },
      { heading: 'License', start: 260, end: 410, isReferences: false },
      { heading: 'License terms', start: 280, end: 330, isReferences: false },
    ];
    expect(withSpanPlace(citation({ start: 10, end: 40 }), { pages, sections }).section).toBe('Contributing');
    expect(withSpanPlace(citation({ start: 115, end: 150 }), { pages, sections }).section).toBe('License');
    expect(withSpanPlace(citation({ start: 140, end: 170 }), { pages, sections }).section).toBe('License terms');
  });
});
