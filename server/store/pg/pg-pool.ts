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
    // TCP keep-alive probes, so an idle connection to a host that vanished (or a NAT that forgot it) is noticed
    keepAlive: true,
    application_name: 'research-assistant',
  });
  // A connection whose server side ends (pg_terminate_backend, a failover, a shutdown) emits 'error': on the pool
  // when it is idle, on the client itself when it is checked out, even between two statements of a transaction
  // (a reload, an ingest). An 'error' event without a listener ends the process, so both get one. The statement
  // running on it still fails, and the pool discards the connection when it comes back (client.release).
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
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
