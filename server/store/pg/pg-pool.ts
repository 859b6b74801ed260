// The pooled connections of one process to the PostgreSQL store (node-postgres Pool). hnsw.ef_search is set by each
// vector query itself (pg-vector-search.ts), so no connection runs with the server's default of 40.
import pg from 'pg';
import { describeDatabase, PgStoreError, redactUrl } from './pg-errors.js';

export interface PgPoolSettings {
  url: string;
  max: number;
  /** how long to wait for a connection before giving up (ms) */
  connectTimeoutMs?: number;
}

// int8 (bigint ids, counts) as JS numbers: exact below 2^53, far above any chunk count.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export function createPgPool(settings: PgPoolSettings): pg.Pool {
  const pool = new pg.Pool({
    connectionString: settings.url,
    max: settings.max,
    connectionTimeoutMillis: settings.connectTimeoutMs ?? 10_000,
    idleTimeoutMillis: 30_000,
    application_name: 'research-assistant',
  });
  // An idle client whose server went away emits 'error' on the pool; without a listener that would end the process.
  pool.on('error', () => undefined);
  return pool;
}

/** One round trip; turns "connection refused" and friends into a message saying what to check. */
export async function checkConnection(pool: pg.Pool, url: string): Promise<void> {
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    const e = err as Error & { code?: string };
    throw new PgStoreError(
      `Cannot reach PostgreSQL (${describeDatabase(url)}, ${redactUrl(url)}): ${e.message}${e.code ? ` [${e.code}]` : ''}. ` +
        'Check DATABASE_URL and that the server is running, or set VECTOR_STORE=local to use the index on disk.',
      { cause: err },
    );
  }
}
