// Okapi BM25 over the chunks' lexical texts (see index-text.ts), scored as Lucene's BM25Similarity scores it,
// with the (k1 + 1) numerator kept: then an average-length chunk holding each query term once scores exactly
// Σ idf, which is what idealScore() returns and what the retriever normalises by.
// k1 0.9, b 0.4: Anserini's BEIR settings (SciFact nDCG@10 0.679 flat); measured in scripts/bench-retrieval.ts.
import type { Hit, LexicalSearch } from './types.js';
import { ANALYZER_VERSION, analyze, analyzeQuery } from './bm25-tokenize.js';

export interface Bm25Params {
  k1: number;
  b: number;
}

export const DEFAULT_BM25_PARAMS: Bm25Params = { k1: 0.9, b: 0.4 };

/** Lucene's BM25 idf of a term found in `df` of `n` chunks (also used by the PostgreSQL store, store/pg/). */
export const bm25Idf = (n: number, df: number): number => Math.log(1 + (n - df + 0.5) / (df + 0.5));

export interface Bm25Json {
  /** analyzer that produced the terms; another one cannot be queried (see Bm25VersionError) */
  analyzer: string;
  params: Bm25Params;
  docLengths: number[];
  /** term → flat [chunk index, term frequency, chunk index, term frequency, …] */
  postings: Record<string, number[]>;
}

export class Bm25VersionError extends Error {
  override name = 'Bm25VersionError';
}

export class Bm25Index implements LexicalSearch {
  private readonly avgLength: number;
  private readonly postings: Map<string, number[]>;
  private constructor(private readonly data: Bm25Json) {
    this.avgLength = data.docLengths.reduce((a, b) => a + b, 0) / Math.max(1, data.docLengths.length) || 1;
    this.postings = new Map(Object.entries(data.postings));
  }

  static build(texts: string[], params: Bm25Params = DEFAULT_BM25_PARAMS): Bm25Index {
    const postings: Record<string, number[]> = Object.create(null);
    const docLengths = texts.map((text, i) => {
      const tf = new Map<string, number>();
      const terms = analyze(text);
      for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [t, n] of tf) (postings[t] ??= []).push(i, n);
      return terms.length;
    });
    return new Bm25Index({ analyzer: ANALYZER_VERSION, params, docLengths, postings });
  }

  static fromJSON(json: Bm25Json): Bm25Index {
    if (json.analyzer !== ANALYZER_VERSION) {
      throw new Bm25VersionError(
        `the BM25 index was built with analyzer ${json.analyzer ?? '(none)'}, this version uses ${ANALYZER_VERSION}; rebuild it`,
      );
    }
    return new Bm25Index(json);
  }

  toJSON(): Bm25Json {
    return this.data;
  }

  get size(): number {
    return this.data.docLengths.length;
  }

  /** Lucene's BM25 idf; a term absent from the index gets the highest idf (n = 0). */
  idf(term: string): number {
    return bm25Idf(this.data.docLengths.length, (this.postings.get(term)?.length ?? 0) / 2);
  }

  /**
   * Score of an average-length chunk holding each query term once: Σ idf over the analysed query terms.
   * Terms absent from the index count too, so a query about something the corpus never mentions scores low.
   */
  idealScore(query: string, terms = analyzeQuery(query)): number {
    return terms.reduce((sum, t) => sum + this.idf(t), 0);
  }

  /** Every chunk's score, in chunk order (0 for chunks sharing no term with the query). */
  scoreAll(query: string, terms = analyzeQuery(query)): Float64Array {
    const { k1, b } = this.data.params;
    const scores = new Float64Array(this.data.docLengths.length);
    // A repeated query term weighs more, as in Anserini's bag-of-words query (term → boost = count).
    const weights = new Map<string, number>();
    for (const t of terms) weights.set(t, (weights.get(t) ?? 0) + 1);
    for (const [term, weight] of weights) {
      const list = this.postings.get(term);
      if (!list) continue;
      const w = weight * this.idf(term) * (k1 + 1);
      for (let i = 0; i < list.length; i += 2) {
        const doc = list[i];
        const tf = list[i + 1];
        const norm = k1 * (1 - b + (b * this.data.docLengths[doc]) / this.avgLength);
        scores[doc] += (w * tf) / (tf + norm);
      }
    }
    return scores;
  }

  /** The k best chunks with a positive score, best first (ties: earlier chunk first). */
  search(query: string, k: number, terms = analyzeQuery(query)): Hit[] {
    const scores = this.scoreAll(query, terms);
    const hits: Hit[] = [];
    for (let i = 0; i < scores.length; i++) if (scores[i] > 0) hits.push({ index: i, score: scores[i] });
    hits.sort((a, b) => b.score - a.score || a.index - b.index);
    return hits.slice(0, Math.max(0, k));
  }
}
