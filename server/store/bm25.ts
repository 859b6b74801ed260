// Okapi BM25 over the chunks' lexical texts (see index-text.ts), scored as Lucene's BM25Similarity scores it,
// with the (k1 + 1) numerator kept: then an average-length chunk holding each query term once scores exactly
// Σ idf, which is what idealScore() returns and what the retriever normalises by.
// k1 0.9, b 0.4: Anserini's BEIR settings (SciFact nDCG@10 0.679 flat); measured in scripts/bench-retrieval.ts.
//
// Held in typed arrays (one Uint32Array of [chunk, tf] pairs grouped by term, with term offsets) rather than a
// JS array per term: at 1M chunks (~90M postings, `npm run bench -- --scale`) that is 0.7 GB instead of ~1.5 GB,
// and the index is saved as raw bytes (lexical-index.ts), which loads in a read instead of a JSON parse of 180M
// numbers — a JSON text that size is also longer than V8's longest string.
import type { Hit, LexicalSearch } from './types.js';
import { ANALYZER_VERSION, analyze, analyzeQuery } from './bm25-tokenize.js';
import { topK } from './top-k.js';

export interface Bm25Params {
  k1: number;
  b: number;
}

export const DEFAULT_BM25_PARAMS: Bm25Params = { k1: 0.9, b: 0.4 };

/** Lucene's BM25 idf of a term found in `df` of `n` chunks (also used by the PostgreSQL store, store/pg/). */
export const bm25Idf = (n: number, df: number): number => Math.log(1 + (n - df + 0.5) / (df + 0.5));

/** The index as stored before the binary layout (INDEX_DIR generations written by earlier versions). */
export interface Bm25Json {
  /** analyzer that produced the terms; another one cannot be queried (see Bm25VersionError) */
  analyzer: string;
  params: Bm25Params;
  docLengths: number[];
  /** term → flat [chunk index, term frequency, chunk index, term frequency, …] */
  postings: Record<string, number[]>;
}

/** The index's arrays: what lexical-index.ts writes and reads. */
export interface Bm25Data {
  analyzer: string;
  params: Bm25Params;
  /** analysed length of each chunk */
  docLengths: Uint32Array;
  /** the vocabulary; term i's postings are postings[offsets[i] … offsets[i + 1]) */
  terms: string[];
  offsets: Uint32Array;
  /** [chunk, tf, chunk, tf, …], grouped by term, chunks ascending within a term */
  postings: Uint32Array;
}

export class Bm25VersionError extends Error {
  override name = 'Bm25VersionError';
}

/** A growable Uint32Array (the build appends postings without one JS array per term). */
class U32List {
  data = new Uint32Array(1024);
  length = 0;
  push3(a: number, b: number, c: number): void {
    if (this.length + 3 > this.data.length) {
      const bigger = new Uint32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = a;
    this.data[this.length++] = b;
    this.data[this.length++] = c;
  }
}

export class Bm25Index implements LexicalSearch {
  private readonly avgLength: number;
  private readonly termIds: Map<string, number>;
  private constructor(private readonly data: Bm25Data) {
    let total = 0;
    for (const len of data.docLengths) total += len;
    this.avgLength = total / Math.max(1, data.docLengths.length) || 1;
    this.termIds = new Map(data.terms.map((t, i) => [t, i]));
  }

  static build(texts: string[], params: Bm25Params = DEFAULT_BM25_PARAMS): Bm25Index {
    const termIds = new Map<string, number>();
    const terms: string[] = [];
    const triples = new U32List();
    const docLengths = new Uint32Array(texts.length);
    texts.forEach((text, i) => {
      const tf = new Map<string, number>();
      const analysed = analyze(text);
      for (const t of analysed) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [t, n] of tf) {
        let id = termIds.get(t);
        if (id === undefined) {
          id = terms.length;
          termIds.set(t, id);
          terms.push(t);
        }
        triples.push3(id, i, n);
      }
      docLengths[i] = analysed.length;
    });
    // Counting sort by term: chunks stay ascending within a term because they were appended in chunk order.
    const offsets = new Uint32Array(terms.length + 1);
    for (let j = 0; j < triples.length; j += 3) offsets[triples.data[j] + 1] += 2;
    for (let t = 0; t < terms.length; t++) offsets[t + 1] += offsets[t];
    const postings = new Uint32Array(offsets[terms.length]);
    const next = offsets.slice(0, terms.length);
    for (let j = 0; j < triples.length; j += 3) {
      const at = next[triples.data[j]];
      postings[at] = triples.data[j + 1];
      postings[at + 1] = triples.data[j + 2];
      next[triples.data[j]] = at + 2;
    }
    return new Bm25Index({ analyzer: ANALYZER_VERSION, params, docLengths, terms, offsets, postings });
  }

  /** From the arrays lexical-index.ts read back; refuses another analyzer's index. */
  static fromData(data: Bm25Data): Bm25Index {
    Bm25Index.checkAnalyzer(data.analyzer);
    return new Bm25Index(data);
  }

  /** From the JSON layout earlier versions wrote (bm25.json with postings per term). */
  static fromJSON(json: Bm25Json): Bm25Index {
    Bm25Index.checkAnalyzer(json.analyzer);
    const terms = Object.keys(json.postings);
    const offsets = new Uint32Array(terms.length + 1);
    terms.forEach((t, i) => (offsets[i + 1] = offsets[i] + json.postings[t].length));
    const postings = new Uint32Array(offsets[terms.length]);
    terms.forEach((t, i) => postings.set(json.postings[t], offsets[i]));
    return new Bm25Index({ analyzer: json.analyzer, params: json.params, docLengths: Uint32Array.from(json.docLengths), terms, offsets, postings });
  }

  private static checkAnalyzer(analyzer: string | undefined): void {
    if (analyzer !== ANALYZER_VERSION) {
      throw new Bm25VersionError(`the BM25 index was built with analyzer ${analyzer ?? '(none)'}, this version uses ${ANALYZER_VERSION}; rebuild it`);
    }
  }

  toData(): Readonly<Bm25Data> {
    return this.data;
  }

  get size(): number {
    return this.data.docLengths.length;
  }

  /** Number of chunks holding `term` (an analysed term). */
  private df(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : (this.data.offsets[id + 1] - this.data.offsets[id]) / 2;
  }

  /** Lucene's BM25 idf; a term absent from the index gets the highest idf (n = 0). */
  idf(term: string): number {
    return bm25Idf(this.data.docLengths.length, this.df(term));
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
    const { docLengths, offsets, postings } = this.data;
    const scores = new Float64Array(docLengths.length);
    // A repeated query term weighs more, as in Anserini's bag-of-words query (term → boost = count).
    const weights = new Map<string, number>();
    for (const t of terms) weights.set(t, (weights.get(t) ?? 0) + 1);
    for (const [term, weight] of weights) {
      const id = this.termIds.get(term);
      if (id === undefined) continue;
      const w = weight * this.idf(term) * (k1 + 1);
      for (let i = offsets[id]; i < offsets[id + 1]; i += 2) {
        const doc = postings[i];
        const tf = postings[i + 1];
        const norm = k1 * (1 - b + (b * docLengths[doc]) / this.avgLength);
        scores[doc] += (w * tf) / (tf + norm);
      }
    }
    return scores;
  }

  /** The k best chunks with a positive score, best first (ties: earlier chunk first). */
  search(query: string, k: number, terms = analyzeQuery(query)): Hit[] {
    return topK(this.scoreAll(query, terms), Math.max(0, Math.floor(k)), { above: 0 });
  }
}
