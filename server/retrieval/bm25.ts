// BASELINE (the retrieval helper owns and replaces this): Okapi BM25 over chunk texts.
import type { Hit, LexicalSearch } from '../store/types.js';

export interface Bm25Params {
  k1: number;
  b: number;
}

export const tokenize = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

export interface Bm25Json {
  params: Bm25Params;
  docLengths: number[];
  postings: Record<string, [number, number][]>;
}

export class Bm25Index implements LexicalSearch {
  private readonly avgLength: number;
  private constructor(private readonly data: Bm25Json) {
    this.avgLength = data.docLengths.reduce((a, b) => a + b, 0) / Math.max(1, data.docLengths.length);
  }

  static build(texts: string[], params: Bm25Params = { k1: 0.9, b: 0.4 }): Bm25Index {
    const postings: Record<string, [number, number][]> = {};
    const docLengths = texts.map((text, i) => {
      const tf = new Map<string, number>();
      const toks = tokenize(text);
      for (const t of toks) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [t, n] of tf) (postings[t] ??= []).push([i, n]);
      return toks.length;
    });
    return new Bm25Index({ params, docLengths, postings });
  }

  static fromJSON(json: Bm25Json): Bm25Index {
    return new Bm25Index(json);
  }

  toJSON(): Bm25Json {
    return this.data;
  }

  search(query: string, k: number): Hit[] {
    const { k1, b } = this.data.params;
    const n = this.data.docLengths.length;
    const scores = new Map<number, number>();
    for (const term of new Set(tokenize(query))) {
      const list = this.data.postings[term];
      if (!list) continue;
      const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
      for (const [doc, tf] of list) {
        const len = this.data.docLengths[doc];
        const s = (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * len) / this.avgLength));
        scores.set(doc, (scores.get(doc) ?? 0) + s);
      }
    }
    return [...scores]
      .map(([index, score]) => ({ index, score }))
      .sort((a, b) => b.score - a.score)
      .slice(0, k);
  }
}
