// BM25 over the PostgreSQL store, scored exactly as Bm25Index scores the same chunks (same analyzer, k1, b, idf,
// length normalisation, and the same arithmetic in the same order, so the scores are bit-identical). Full-text
// search (tsvector + ts_rank) was not used: ts_rank is not BM25 (no idf, no length saturation), and SciFact nDCG@10
// needs BM25 to match the local store.
//
// One statement per query reads the query terms' packed postings (lexical_blocks) and the postings rows written
// since the last compaction (lexical-blocks.ts), in one snapshot. The statistics are those of the index this process
// loaded: its chunk count, their lengths (loaded with the chunks) and, per term, how many of its chunks hold the term
// — postings of chunks it does not know (deleted since, or written after it loaded) are skipped. So a process
// scores exactly the chunks it can return, as the local store does.
import pg from 'pg';
import { analyzeQuery } from '../bm25-tokenize.js';
import { bm25Idf, DEFAULT_BM25_PARAMS, type Bm25Params } from '../bm25.js';
import { topK } from '../top-k.js';
import type { AsyncLexicalSearch, Hit } from '../types.js';
import { SCHEMA } from './migrations.js';
import type { PgReader } from './pg-read.js';

/** A query's postings: per term, positions in the loaded index and term frequencies (only chunks of that index). */
interface QueryPostings {
  query: string;
  byTerm: Map<string, { positions: Uint32Array; tfs: Uint32Array }>;
}

export class PgLexicalSearch implements AsyncLexicalSearch {
  // The retriever asks search() then idealScore() of the same query: the second reuses the first's postings.
  private last: QueryPostings | null = null;
  private readonly avgLength: number;

  constructor(
    private readonly db: PgReader,
    /** chunk row id → position in the loaded index (undefined: not in it, e.g. written after it was loaded) */
    private readonly positionOf: (id: number) => number | undefined,
    /** analysed length of each loaded chunk, by position */
    private readonly docLengths: Uint32Array,
    private readonly params: Bm25Params = DEFAULT_BM25_PARAMS,
  ) {
    let total = 0;
    for (const len of docLengths) total += len;
    // As Bm25Index: the mean length, or 1 for an empty index.
    this.avgLength = total / Math.max(1, docLengths.length) || 1;
  }

  private async postings(query: string, terms: string[]): Promise<QueryPostings> {
    if (this.last?.query === query) return this.last;
    const unique = [...new Set(terms)];
    if (!unique.length) return (this.last = { query, byTerm: new Map() });
    // lexical_upto as a subquery (an InitPlan), so the postings key is searched from it: as a join it was applied
    // after reading every posting of the terms (113k rows at 100k chunks, 250 ms).
    // JIT off for the statement: PostgreSQL starts compiling on the postings' large row estimate, which cost 125 ms
    // for a 0.5 ms statement. SET LOCAL takes no parameters, so this is one simple-protocol query of two statements
    // (one implicit transaction) with the terms as escaped literals.
    const list = `ARRAY[${unique.map((t) => pg.escapeLiteral(t)).join(',')}]::text[]`;
    const results = (await this.db.query(
      `SET LOCAL jit = off;
       SELECT b.term, b.data, NULL::bigint AS chunk, NULL::int AS tf FROM ${SCHEMA}.lexical_blocks b WHERE b.term = ANY(${list})
       UNION ALL
       SELECT p.term, NULL, p.chunk, p.tf FROM ${SCHEMA}.postings p
        WHERE p.term = ANY(${list}) AND p.chunk > (SELECT lexical_upto FROM ${SCHEMA}.state)`,
    )) as unknown as pg.QueryResult<{ term: string; data: Buffer | null; chunk: string | null; tf: number | null }>[];
    const { rows } = results[1];
    const parts = new Map<string, { positions: number[] | Uint32Array; tfs: number[] | Uint32Array }[]>();
    const tail = new Map<string, { positions: number[]; tfs: number[] }>();
    for (const r of rows) {
      // Between terms, other callbacks run: the query's embedding arrives meanwhile, and the dense search it starts
      // runs in the database while this one is scored here (else the two legs would take one after the other).
      await yieldToEvents();
      let list = parts.get(r.term);
      if (!list) parts.set(r.term, (list = []));
      if (r.data) {
        const n = r.data.length >>> 3;
        // int4send wrote big-endian pairs: copied into an aligned array and byte-swapped in one native call
        const pairs = new Uint32Array(n * 2);
        const bytes = Buffer.from(pairs.buffer);
        r.data.copy(bytes, 0, 0, n * 8);
        bytes.swap32();
        const positions = new Uint32Array(n);
        const tfs = new Uint32Array(n);
        let kept = 0;
        for (let i = 0; i < n; i++) {
          const position = this.positionOf(pairs[2 * i]);
          if (position === undefined) continue;
          positions[kept] = position;
          tfs[kept++] = pairs[2 * i + 1];
        }
        list.push({ positions: positions.subarray(0, kept), tfs: tfs.subarray(0, kept) });
      } else {
        const position = this.positionOf(Number(r.chunk));
        if (position === undefined) continue;
        let t = tail.get(r.term);
        if (!t) {
          t = { positions: [], tfs: [] };
          tail.set(r.term, t);
          list.push(t);
        }
        t.positions.push(position);
        t.tfs.push(r.tf!);
      }
    }
    const byTerm = new Map<string, { positions: Uint32Array; tfs: Uint32Array }>();
    for (const [term, list] of parts) {
      const n = list.reduce((s, p) => s + p.positions.length, 0);
      if (!n) continue;
      const positions = new Uint32Array(n);
      const tfs = new Uint32Array(n);
      let at = 0;
      for (const p of list) {
        positions.set(p.positions, at);
        tfs.set(p.tfs, at);
        at += p.positions.length;
      }
      byTerm.set(term, { positions, tfs });
    }
    this.last = { query, byTerm };
    return this.last;
  }

  private idf(p: QueryPostings, term: string): number {
    return bm25Idf(this.docLengths.length, p.byTerm.get(term)?.positions.length ?? 0);
  }

  async idealScore(query: string): Promise<number> {
    const terms = analyzeQuery(query);
    if (!terms.length) return 0;
    const p = await this.postings(query, terms);
    return terms.reduce((sum, t) => sum + this.idf(p, t), 0);
  }

  async search(query: string, k: number): Promise<Hit[]> {
    const terms = analyzeQuery(query);
    const limit = Math.max(0, Math.floor(k));
    if (!terms.length || limit === 0) return [];
    const p = await this.postings(query, terms);
    const { k1, b } = this.params;
    const { docLengths } = this;
    const scores = new Float64Array(docLengths.length);
    // As Bm25Index.scoreAll, term by term in the query's order: a repeated query term weighs more.
    const weights = new Map<string, number>();
    for (const t of terms) weights.set(t, (weights.get(t) ?? 0) + 1);
    for (const [term, weight] of weights) {
      const list = p.byTerm.get(term);
      if (!list) continue;
      await yieldToEvents();
      const w = weight * this.idf(p, term) * (k1 + 1);
      const { positions, tfs } = list;
      for (let i = 0; i < positions.length; i++) {
        const doc = positions[i];
        const tf = tfs[i];
        const norm = k1 * (1 - b + (b * docLengths[doc]) / this.avgLength);
        scores[doc] += (w * tf) / (tf + norm);
      }
    }
    return topK(scores, limit, { above: 0 });
  }
}

const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));
