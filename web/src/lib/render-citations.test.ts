import { describe, expect, it } from 'vitest';
import { renderCitations, stripCitations } from './render-citations.js';

describe('renderCitations', () => {
  it('turns a single marker into a citation segment between text', () => {
    expect(renderCitations('Shoigu visited Tehran [1]. Then more.')).toEqual([
      { kind: 'text', text: 'Shoigu visited Tehran ' },
      { kind: 'citation', numbers: [1], raw: '[1]' },
      { kind: 'text', text: '. Then more.' },
    ]);
  });

  it('reads a grouped marker [n, m] as one segment with both numbers', () => {
    expect(renderCitations('Both agree [1, 3].')).toEqual([
      { kind: 'text', text: 'Both agree ' },
      { kind: 'citation', numbers: [1, 3], raw: '[1, 3]' },
      { kind: 'text', text: '.' },
    ]);
    expect(renderCitations('x [2,4;5]')[1]).toEqual({ kind: 'citation', numbers: [2, 4, 5], raw: '[2,4;5]' });
  });

  it('reads adjacent markers [n][m] as two segments', () => {
    expect(renderCitations('Fact[1][2]')).toEqual([
      { kind: 'text', text: 'Fact' },
      { kind: 'citation', numbers: [1], raw: '[1]' },
      { kind: 'citation', numbers: [2], raw: '[2]' },
    ]);
  });

  it('expands ranges and removes duplicates', () => {
    expect(renderCitations('[1–3]')).toEqual([{ kind: 'citation', numbers: [1, 2, 3], raw: '[1–3]' }]);
    expect(renderCitations('[2, 2]')).toEqual([{ kind: 'citation', numbers: [2], raw: '[2, 2]' }]);
  });

  it('leaves non-citations as text', () => {
    expect(renderCitations('see [a] and [ 1 ] and [0] and [1990-1980]')).toEqual([
      { kind: 'text', text: 'see [a] and [ 1 ] and [0] and [1990-1980]' },
    ]);
  });

  it('leaves markers naming an unknown citation as text', () => {
    const known = new Set([1, 2]);
    expect(renderCitations('In [2019] it was [1] and [2, 5].', known)).toEqual([
      { kind: 'text', text: 'In [2019] it was ' },
      { kind: 'citation', numbers: [1], raw: '[1]' },
      { kind: 'text', text: ' and [2, 5].' },
    ]);
  });

  it('keeps an unfinished marker of a streaming answer as text', () => {
    expect(renderCitations('Tehran [1')).toEqual([{ kind: 'text', text: 'Tehran [1' }]);
  });
});

describe('stripCitations', () => {
  it('removes markers and the space before punctuation', () => {
    expect(stripCitations('Shoigu visited Tehran [1][2]. Then [3, 4] more.')).toBe('Shoigu visited Tehran. Then more.');
  });
});
