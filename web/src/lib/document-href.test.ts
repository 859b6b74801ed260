import { describe, expect, it } from 'vitest';
import { docIdFromPath, documentHref, rangeFromSearch } from './document-href.js';

describe('document links', () => {
  it('round-trips nested doc ids and ranges', () => {
    const href = documentHref('reports/2024 q1', { start: 110, end: 140 }, 'http://a.test');
    expect(href).toBe('http://a.test/documents/reports%2F2024%20q1?start=110&end=140');
    const url = new URL(href);
    expect(docIdFromPath(url.pathname)).toBe('reports/2024 q1');
    expect(rangeFromSearch(url.searchParams)).toEqual({ start: 110, end: 140 });
  });

  it('rejects ranges that are missing, reversed or not integers', () => {
    expect(rangeFromSearch(new URLSearchParams('start=5'))).toBeNull();
    expect(rangeFromSearch(new URLSearchParams('start=9&end=5'))).toBeNull();
    expect(rangeFromSearch(new URLSearchParams('start=a&end=5'))).toBeNull();
    expect(docIdFromPath('/documents')).toBeNull();
  });
});
