// The PostgreSQL store of one process (VECTOR_STORE=pgvector): a connection pool, the schema migrated at open,
// and the index loaded from it. The engine, `npm run ingest` and the server's reload watcher all go through it.
import type pg from 'pg';
import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';
import type { OpenIndexOptions } from '../open-index.js';
import { LOCK_KEYS, migrate } from './migrate.js';
import { openPgIndex, type PgSearchableIndex } from './open-pg-index.js';
import { asUnavailable, describeDatabase } from './pg-errors.js';
import { checkConnection, createPgPool } from './pg-pool.js';
import { createPgReader } from './pg-read.js';
import type { HnswSettings } from './store-state.js';
import { readGeneration } from './store-state.js';

export interface PgStoreSettings {
  url: string;
  poolMax: number;
  hnsw: HnswSettings & { efSearch: number };
  /** waiting for a connection (a new one, or a free one from the pool) fails after this (default 10 s) */
  connectTimeoutMs?: number;
  /** a statement of a search, the generation poll or the health probe fails after this (default 15 s) */
  queryTimeoutMs?: number;
}

export interface PgStore {
  readonly pool: pg.Pool;
  readonly settings: PgStoreSettings;
  /** "database "x" on host:port", for messages */
  readonly database: string;
  openIndex(options: OpenIndexOptions): Promise<PgSearchableIndex | null>;
  /** bumped by every committed change of the stored index */
  generation(): Promise<number>;
  /** whether an ingest holds the ingest lock now (any process, any machine) */
  ingestRunning(): Promise<boolean>;
  /** one round trip; StoreUnavailableError when the database cannot be reached */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function pgStoreSettings(config: Readonly<Config>): PgStoreSettings {
  return {
    url: config.DATABASE_URL,
    poolMax: config.PG_POOL_MAX,
    hnsw: { m: config.PG_HNSW_M, efConstruction: config.PG_HNSW_EF_CONSTRUCTION, efSearch: config.PG_HNSW_EF_SEARCH },
  };
}

/** Connects (a clear error when the database cannot be reached) and migrates the schema. */
export async function openPgStore(settings: PgStoreSettings, log: Logger): Promise<PgStore> {
  const pool = createPgPool({ url: settings.url, max: settings.poolMax, connectTimeoutMs: settings.connectTimeoutMs });
  const database = describeDatabase(settings.url);
  try {
    await checkConnection(pool, settings.url);
    const { applied, version } = await migrate(pool);
    if (applied.length) log.info(`postgres: ${database}: schema migrated to version ${version} (applied ${applied.join(', ')})`);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  let closed = false;
  // What serving reads goes through the reader: retried on a dead pooled connection, bounded in time, and an
  // unreachable database reported as StoreUnavailableError.
  const reader = createPgReader(pool, { database, queryTimeoutMs: settings.queryTimeoutMs ?? 15_000 });
  return {
    pool,
    settings,
    database,
    async openIndex(options) {
      try {
        return await openPgIndex(pool, reader, { ...options, database, efSearch: settings.hnsw.efSearch });
      } catch (err) {
        throw asUnavailable(err, database);
      }
    },
    generation: () => readGeneration(reader),
    async ingestRunning() {
      // pg_advisory_lock(bigint key) below 2^32 shows in pg_locks as classid 0, objid = key, objsubid 1
      const { rows } = await reader.query<{ held: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = 0 AND objid = $1
                          AND objsubid = 1 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())) AS held`,
        [LOCK_KEYS.ingest],
      );
      return rows[0].held;
    },
    async ping() {
      await reader.query('SELECT 1');
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** The store VECTOR_STORE=pgvector configures. */
export const openPgStoreFor = (config: Readonly<Config>, log: Logger): Promise<PgStore> => openPgStore(pgStoreSettings(config), log);
