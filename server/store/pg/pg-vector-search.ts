// Nearest chunks by cosine in PostgreSQL, through the HNSW index on embedding::vector(<dims>) (ensure-vector-index.ts).
// hnsw.ef_search is raised to k for the query, as hnswlib searches with max(ef, k): pgvector otherwise returns at
// most ef_search rows (with the default of 40, a request for 200 candidates would get 40).
import type pg from 'pg';
import type { Hit, VectorSearch } from '../types.js';
import { SCHEMA } from './migrations.js';
import type { PgReader } from './pg-read.js';

/** '[0.1,-2,…]': numbers only, so it is safe to place in the statement text (SET LOCAL cannot take parameters). */
export function vectorLiteral(vector: ArrayLike<number>): string {
  const parts: string[] = [];
  for (let i = 0; i < vector.length; i++) {
    const x = Number(vector[i]);
    if (!Number.isFinite(x)) throw new Error(`Query vector has a non-finite value at ${i}`);
    parts.push(String(x));
  }
  return `[${parts.join(',')}]`;
}

export class PgVectorSearch implements VectorSearch {
  constructor(
    private readonly db: PgReader,
    private readonly dimensions: number,
    private readonly efSearch: number,
    private readonly positionOf: (id: number) => number | undefined,
  ) {}

  async search(vector: number[], k: number): Promise<Hit[]> {
    if (vector.length !== this.dimensions) {
      throw new Error(`Query vector has ${vector.length} dimensions; the index has ${this.dimensions}`);
    }
    const limit = Math.floor(k);
    if (limit <= 0) return [];
    const d = this.dimensions;
    const q = `'${vectorLiteral(vector)}'::vector(${d})`;
    // One simple-protocol query of two statements runs in one implicit transaction, which SET LOCAL is scoped to.
    const results = (await this.db.query(
      `SET LOCAL hnsw.ef_search = ${Math.min(1000, Math.max(this.efSearch, limit))}; SET LOCAL jit = off;
       SELECT id, 1 - (embedding::vector(${d}) <=> ${q}) AS score FROM ${SCHEMA}.chunks
        ORDER BY embedding::vector(${d}) <=> ${q} LIMIT ${limit}`,
    )) as unknown as pg.QueryResult<{ id: number; score: number | null }>[];
    const hits: Hit[] = [];
    for (const r of results[2].rows) {
      const index = this.positionOf(r.id);
      if (index !== undefined && r.score !== null) hits.push({ index, score: r.score });
    }
    return hits;
  }
}
