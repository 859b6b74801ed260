import { describe, expect, it } from 'vitest';
import { analyze, analyzeQuery, STOPWORDS } from './bm25-tokenize.js';

describe('analyze', () => {
  it('lowercases, drops stopwords and possessives, and Porter-stems', () => {
    expect(analyze("Soleimani travelled to Moscow in July; Iran's connections")).toEqual([
      'soleimani',
      'travel',
      'moscow',
      'juli',
      'iran',
      'connect',
    ]);
  });

  it('conflates inflections of one word', () => {
    expect(new Set(['travel', 'travels', 'travelled', 'travelling', 'Travel'].flatMap((w) => analyze(w)))).toEqual(new Set(['travel']));
  });

  it('keeps numbers with a decimal point and contractions whole, and splits on hyphens', () => {
    expect(analyze('IL-6 rose 3.5 fold; it wasn’t')).toEqual(['il', '6', 'rose', '3.5', 'fold', "wasn't"]);
  });

  it('uses the 33 Lucene English stopwords, so a query of stopwords has no terms', () => {
    expect(STOPWORDS.size).toBe(33);
    expect(analyze('The, and of IT is to be: such that there will then')).toEqual([]);
  });
});

describe('analyzeQuery', () => {
  it('also drops question words, which no passage needs to contain', () => {
    expect(analyzeQuery('When did Soleimani travel to Moscow?')).toEqual(['soleimani', 'travel', 'moscow']);
    expect(analyze('When did Soleimani travel to Moscow?')).toEqual(['when', 'did', 'soleimani', 'travel', 'moscow']);
  });
});
