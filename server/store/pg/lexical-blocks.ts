// The keyword leg's read path in PostgreSQL: each term's postings packed into a few rows of lexical_blocks, so a
// search reads one bytea per term instead of one row per posting and scores them in the API process
// (pg-lexical-search.ts). Scored in SQL row by row, a SciFact query over 100k chunks (113k postings) took 340 ms
// (280 / 640 ms p50 / p95 over the benchmark's queries): fetching the rows scattered over the heap, then aggregating
// them. The postings table stays the source of truth, written in each file's transaction; the blocks hold every
// posting of a chunk up to state.lexical_upto, and a search adds the postings rows above it, so a search is exact
// between two compactions (a running or killed ingest) too.
//
// compactLexical runs at the start and end of every ingest (holding the ingest lock) and after a bulk load:
//   - the postings of chunks written since the last compaction become one new block per term;
//   - a term with more than MAX_BLOCKS blocks has them merged into one;
//   - packed postings of deleted chunks are skipped by searches (a chunk id is never reused, and a search only counts
//     chunks of the index it loaded); once they are more than DEAD_SHARE of all packed postings, every block is
//     rebuilt from the postings table.
import type pg from 'pg';
import { REBUILD_LEXICAL_BLOCKS, SCHEMA } from './migrations.js';

export const MAX_BLOCKS = 8;
export const DEAD_SHARE = 0.25;

type Db = Pick<pg.PoolClient, 'query'>;

export interface Compaction {
  /** 'rebuild': every block written again; 'append': postings since the last compaction packed; 'none' */
  kind: 'rebuild' | 'append' | 'none';
  /** postings packed by this compaction */
  postings: number;
  seconds: number;
}

/**
 * Packs the postings written since the last compaction; the caller holds the ingest lock. One transaction, or part
 * of the caller's (`inTransaction`: a change of model rewrites everything in one).
 */
export async function compactLexical(db: Db, options: { inTransaction?: boolean } = {}): Promise<Compaction> {
  const t0 = performance.now();
  const own = !options.inTransaction;
  if (own) await db.query('BEGIN');
  try {
    const { rows } = await db.query<{ upto: string; dead: string; packed: string | null; newest: string | null }>(
      `SELECT s.lexical_upto AS upto, s.lexical_dead AS dead,
              (SELECT sum(postings) FROM ${SCHEMA}.lexical_blocks) AS packed, (SELECT max(id) FROM ${SCHEMA}.chunks) AS newest
         FROM ${SCHEMA}.state s`,
    );
    const upto = Number(rows[0].upto);
    const dead = Number(rows[0].dead);
    const packed = Number(rows[0].packed ?? 0);
    const newest = Number(rows[0].newest ?? 0);
    let result: Omit<Compaction, 'seconds'>;
    if (packed > 0 && dead > DEAD_SHARE * packed) {
      await db.query(REBUILD_LEXICAL_BLOCKS);
      const { rows: n } = await db.query<{ n: string | null }>(`SELECT sum(postings) AS n FROM ${SCHEMA}.lexical_blocks`);
      result = { kind: 'rebuild', postings: Number(n[0].n ?? 0) };
    } else if (newest > upto) {
      const { rowCount } = await db.query(
        `INSERT INTO ${SCHEMA}.lexical_blocks (term, seq, postings, data)
         SELECT f.term, coalesce((SELECT max(b.seq) FROM ${SCHEMA}.lexical_blocks b WHERE b.term = f.term), 0) + 1, f.n, f.data
           FROM (SELECT term, count(*) AS n, string_agg(int4send(chunk::int4) || int4send(tf), ''::bytea ORDER BY chunk) AS data
                   FROM ${SCHEMA}.postings WHERE chunk > $1 AND chunk <= $2 GROUP BY term) f`,
        [upto, newest],
      );
      // Blocks of a term hold ascending chunk ids, each block above the one before: merged in seq order they stay so.
      await db.query(
        `WITH merged AS (
           INSERT INTO ${SCHEMA}.lexical_blocks (term, seq, postings, data)
           SELECT term, max(seq) + 1, sum(postings), string_agg(data, ''::bytea ORDER BY seq)
             FROM ${SCHEMA}.lexical_blocks GROUP BY term HAVING count(*) > ${MAX_BLOCKS}
           RETURNING term, seq)
         DELETE FROM ${SCHEMA}.lexical_blocks b USING merged m WHERE b.term = m.term AND b.seq < m.seq`,
      );
      await db.query(`UPDATE ${SCHEMA}.state SET lexical_upto = $1`, [newest]);
      const { rows: n } = await db.query<{ n: string | null }>(`SELECT count(*) AS n FROM ${SCHEMA}.postings WHERE chunk > $1 AND chunk <= $2`, [upto, newest]);
      result = { kind: rowCount ? 'append' : 'none', postings: Number(n[0].n ?? 0) };
    } else {
      result = { kind: 'none', postings: 0 };
    }
    if (own) await db.query('COMMIT');
    return { ...result, seconds: (performance.now() - t0) / 1000 };
  } catch (err) {
    if (own) await db.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/**
 * Counts a document's packed postings as dead before it is deleted (inside the deleting transaction): they stay in
 * the blocks, skipped by searches, until a rebuild.
 */
export async function countDeadPostings(db: Db, docId: string): Promise<void> {
  await db.query(
    `UPDATE ${SCHEMA}.state s SET lexical_dead = s.lexical_dead + (
       SELECT count(*) FROM ${SCHEMA}.postings p JOIN ${SCHEMA}.chunks c ON c.id = p.chunk
        WHERE c.doc_id = $1 AND p.chunk <= s.lexical_upto)`,
    [docId],
  );
}
