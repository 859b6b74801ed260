// The HNSW index over the vectors: an expression index on embedding::vector(<dims>) with cosine distance, since the
// column itself takes vectors of any length (the model's dimensions are known only at ingest). Created after the
// rows of a first ingest are written (building over existing rows is faster than inserting into the graph one by
// one), rebuilt when M or ef_construction change, and kept up to date by PostgreSQL on every later insert.
import type pg from 'pg';
import { SCHEMA } from './migrations.js';
import type { HnswSettings } from './store-state.js';

export const HNSW_INDEX = 'chunks_embedding_hnsw';

/** true when the index was (re)built now. */
export async function ensureVectorIndex(
  db: Pick<pg.PoolClient, 'query'>,
  dimensions: number,
  hnsw: HnswSettings,
  options: { maintenanceWorkMem?: string } = {},
): Promise<boolean> {
  const want = { m: hnsw.m, efConstruction: hnsw.efConstruction, dimensions };
  const { rows } = await db.query<{ hnsw: (HnswSettings & { dimensions?: number }) | null; present: boolean }>(
    `SELECT hnsw, to_regclass($1) IS NOT NULL AS present FROM ${SCHEMA}.state`,
    [`${SCHEMA}.${HNSW_INDEX}`],
  );
  const have = rows[0];
  if (have.present && have.hnsw?.m === want.m && have.hnsw.efConstruction === want.efConstruction && have.hnsw.dimensions === dimensions) {
    return false;
  }
  await db.query(`DROP INDEX IF EXISTS ${SCHEMA}.${HNSW_INDEX}`);
  // The graph builds fastest when it fits in maintenance_work_mem (pgvector warns otherwise).
  await db.query(`SET maintenance_work_mem = '${options.maintenanceWorkMem ?? '512MB'}'`);
  await db.query(
    `CREATE INDEX ${HNSW_INDEX} ON ${SCHEMA}.chunks USING hnsw ((embedding::vector(${Math.floor(dimensions)})) vector_cosine_ops)
       WITH (m = ${Math.floor(hnsw.m)}, ef_construction = ${Math.floor(hnsw.efConstruction)})`,
  );
  await db.query(`RESET maintenance_work_mem`);
  await db.query(`UPDATE ${SCHEMA}.state SET hnsw = $1`, [JSON.stringify(want)]);
  return true;
}
