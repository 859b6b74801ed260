// BM25 in PostgreSQL, scored exactly as Bm25Index scores it (same analyzer, k1, b, idf, length normalisation), so
// the retriever ranks the same on both stores. Full-text search (tsvector + ts_rank) was not used: ts_rank is not
// BM25 (no idf, no length saturation), and SciFact nDCG@10 needs BM25 to match the local store.
//
// Two round trips per query: the totals and each query term's document frequency (an index-only count on the
// postings key), then the scores summed over the query terms' postings. The idf and term weights are computed here
// in JS, with the same arithmetic as Bm25Index.
import { analyzeQuery } from '../bm25-tokenize.js';
import { bm25Idf, DEFAULT_BM25_PARAMS, type Bm25Params } from '../bm25.js';
import type { AsyncLexicalSearch, Hit } from '../types.js';
import { SCHEMA } from './migrations.js';
import type { PgReader } from './pg-read.js';

interface TermStats {
  n: number;
  avgLength: number;
  df: Map<string, number>;
}

export class PgLexicalSearch implements AsyncLexicalSearch {
  // The retriever asks search() then idealScore() of the same query: the second reuses the first's statistics.
  private last: { query: string; stats: TermStats } | null = null;

  constructor(
    private readonly db: PgReader,
    /** chunk row id → position in the loaded index (undefined: not in it, e.g. written after it was loaded) */
    private readonly positionOf: (id: number) => number | undefined,
    private readonly params: Bm25Params = DEFAULT_BM25_PARAMS,
  ) {}

  private async stats(query: string, terms: string[]): Promise<TermStats> {
    if (this.last?.query === query) return this.last.stats;
    const unique = [...new Set(terms)];
    const { rows } = await this.db.query<{ n: number; total: number; df: Record<string, number> | null }>(
      `SELECT s.chunk_count AS n, s.lexical_length AS total,
              (SELECT json_object_agg(term, df) FROM (SELECT term, count(*) AS df FROM ${SCHEMA}.postings
                WHERE term = ANY($1::text[]) GROUP BY term) d) AS df
         FROM ${SCHEMA}.state s`,
      [unique],
    );
    const { n, total, df } = rows[0];
    // As Bm25Index: the mean length, or 1 for an empty index.
    const stats = { n, avgLength: total / Math.max(1, n) || 1, df: new Map(Object.entries(df ?? {})) };
    this.last = { query, stats };
    return stats;
  }

  async idealScore(query: string): Promise<number> {
    const terms = analyzeQuery(query);
    if (!terms.length) return 0;
    const { n, df } = await this.stats(query, terms);
    return terms.reduce((sum, t) => sum + bm25Idf(n, df.get(t) ?? 0), 0);
  }

  async search(query: string, k: number): Promise<Hit[]> {
    const terms = analyzeQuery(query);
    const limit = Math.max(0, Math.floor(k));
    if (!terms.length || limit === 0) return [];
    const { n, avgLength, df } = await this.stats(query, terms);
    const { k1, b } = this.params;
    // A repeated query term weighs more, as in Bm25Index.scoreAll.
    const weights = new Map<string, number>();
    for (const t of terms) weights.set(t, (weights.get(t) ?? 0) + 1);
    const present = [...weights].filter(([t]) => df.has(t));
    if (!present.length) return [];
    const { rows } = await this.db.query<{ id: number; score: number }>(
      `SELECT p.chunk AS id, sum(q.w * p.tf / (p.tf + $3::float8 * (1 - $4::float8 + $4::float8 * p.len / $5::float8))) AS score
         FROM ${SCHEMA}.postings p JOIN unnest($1::text[], $2::float8[]) AS q (term, w) ON q.term = p.term
        GROUP BY p.chunk ORDER BY score DESC, p.chunk LIMIT $6`,
      [present.map(([t]) => t), present.map(([t, count]) => count * bm25Idf(n, df.get(t)!) * (k1 + 1)), k1, b, avgLength, limit],
    );
    const hits: Hit[] = [];
    for (const r of rows) {
      const index = this.positionOf(r.id);
      if (index !== undefined) hits.push({ index, score: r.score });
    }
    return hits;
  }
}
