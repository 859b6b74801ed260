import { describe, expect, it } from 'vitest';
import { documentRange, splitHighlight } from './highlight.js';

describe('splitHighlight', () => {
  it('splits around the range', () => {
    expect(splitHighlight('abcdefgh', { start: 2, end: 5 })).toEqual({ before: 'ab', marked: 'cde', after: 'fgh' });
  });
  it('clamps ranges that overrun the text and marks nothing without a range', () => {
    expect(splitHighlight('abc', { start: 1, end: 99 })).toEqual({ before: 'a', marked: 'bc', after: '' });
    expect(splitHighlight('abc', { start: 5, end: 2 })).toEqual({ before: 'abc', marked: '', after: '' });
    expect(splitHighlight('abc', null)).toEqual({ before: 'abc', marked: '', after: '' });
  });
});

describe('documentRange', () => {
  it('offsets the span by the passage start, or falls back to the whole passage', () => {
    expect(documentRange({ start: 100, end: 300 }, { start: 10, end: 40 })).toEqual({ start: 110, end: 140 });
    expect(documentRange({ start: 100, end: 300 }, null)).toEqual({ start: 100, end: 300 });
  });
});
