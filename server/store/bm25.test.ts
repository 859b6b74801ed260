import { describe, expect, it } from 'vitest';
import { Bm25Index, Bm25VersionError } from './bm25.js';

// Analysed: [cat sat mat] (3 terms), [dog chase cat other cat] (5), [soleimani travel moscow juli 2015] (5);
// average length 13/3. k1 0.9, b 0.4.
const corpus = ['The cat sat on the mat.', 'Dogs chase cats and other cats.', 'Soleimani travelled to Moscow in July 2015.'];
const index = Bm25Index.build(corpus);

describe('Bm25Index', () => {
  it('scores as Lucene BM25 with the (k1 + 1) numerator', () => {
    // idf(cat) = ln(1 + (3 − 2 + 0.5) / (2 + 0.5)) = ln 1.6 = 0.470004
    // doc 1: tf 2, dl 5: 0.470004 · 2 · 1.9 / (2 + 0.9 · (0.6 + 0.4 · 5 / (13/3))) = 0.604325
    // doc 0: tf 1, dl 3: 0.470004 · 1.9 / (1 + 0.9 · (0.6 + 0.4 · 3 / (13/3))) = 0.499101
    const hits = index.search('cat', 10);
    expect(hits.map((h) => h.index)).toEqual([1, 0]);
    expect(hits[0].score).toBeCloseTo(0.604325, 5);
    expect(hits[1].score).toBeCloseTo(0.499101, 5);
  });

  it('matches inflected forms through the stemmer', () => {
    expect(index.search('When did Soleimani travel?', 10).map((h) => h.index)).toEqual([2]);
    expect(index.search('cats', 10)).toEqual(index.search('cat', 10));
  });

  it('ignores stopwords and returns nothing when no term matches', () => {
    expect(index.search('the of and to', 10)).toEqual([]);
    expect(index.search('submarine', 10)).toEqual([]);
    expect(index.search('the cat', 10)).toEqual(index.search('cat', 10));
  });

  it('honours k', () => {
    expect(index.search('cat moscow', 2).map((h) => h.index)).toEqual([2, 1]);
    expect(index.search('cat', 0)).toEqual([]);
  });

  it('idealScore is Σ idf, counting terms the corpus lacks at the highest idf', () => {
    // idf(moscow) = ln(1 + 2.5 / 1.5) = 0.980829; idf of an unseen term = ln(1 + 3.5 / 0.5) = 2.079442
    expect(index.idealScore('Moscow')).toBeCloseTo(0.980829, 5);
    expect(index.idealScore('Moscow submarine')).toBeCloseTo(0.980829 + 2.079442, 5);
    // an average-length chunk holding the term once scores exactly its idf
    const avg = Bm25Index.build(['alpha beta gamma', 'delta epsilon zeta']);
    expect(avg.search('alpha', 1)[0].score).toBeCloseTo(avg.idealScore('alpha'), 10);
  });

  it('reads the JSON layout of earlier versions and refuses an index built by another analyzer', () => {
    const d = index.toData();
    const postings: Record<string, number[]> = {};
    d.terms.forEach((t, i) => (postings[t] = [...d.postings.subarray(d.offsets[i], d.offsets[i + 1])]));
    const json = { analyzer: d.analyzer, params: d.params, docLengths: [...d.docLengths], postings };
    expect(Bm25Index.fromJSON(json).search('cat moscow', 10)).toEqual(index.search('cat moscow', 10));
    expect(() => Bm25Index.fromJSON({ ...json, analyzer: 'old' })).toThrow(Bm25VersionError);
    expect(() => Bm25Index.fromData({ ...d, analyzer: 'old' })).toThrow(Bm25VersionError);
  });
});
