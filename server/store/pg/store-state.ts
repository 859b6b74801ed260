// The one row of assistant.state: what the stored index was built with, and its generation (bumped by every
// committed change, so a process can tell its loaded copy is behind).
import type pg from 'pg';
import type { IndexManifest } from '../types.js';
import { SCHEMA } from './migrations.js';
import type { PgReader } from './pg-read.js';

export interface HnswSettings {
  m: number;
  efConstruction: number;
}

export interface StoreState {
  generation: number;
  embedder: string | null;
  dimensions: number | null;
  chunking: Record<string, unknown> | null;
  searchText: string | null;
  skipped: IndexManifest['skipped'];
  /** ISO time of the last finished ingest; null before the first */
  builtAt: string | null;
  chunkCount: number;
  lexicalLength: number;
  hnsw: HnswSettings | null;
  schemaVersion: number;
}

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

export async function readStoreState(db: Queryable): Promise<StoreState> {
  const { rows } = await db.query(
    `SELECT s.*, (SELECT max(version) FROM ${SCHEMA}.schema_migrations) AS schema_version FROM ${SCHEMA}.state s`,
  );
  const r = rows[0];
  return {
    generation: r.generation,
    embedder: r.embedder,
    dimensions: r.dimensions,
    chunking: r.chunking,
    searchText: r.search_text,
    skipped: r.skipped,
    builtAt: r.built_at ? new Date(r.built_at).toISOString() : null,
    chunkCount: r.chunk_count,
    lexicalLength: r.lexical_length,
    hnsw: r.hnsw,
    schemaVersion: r.schema_version,
  };
}

/** The generation alone: what API processes poll. */
export async function readGeneration(db: PgReader): Promise<number> {
  const { rows } = await db.query<{ generation: number }>(`SELECT generation FROM ${SCHEMA}.state`);
  return rows[0].generation;
}
