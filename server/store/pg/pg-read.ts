// The statements an API process runs while serving (the searches, the generation poll, the health probe), each
// bounded in time and run again on a new connection when its pooled one turns out to be dead: after a failover or
// pg_terminate_backend the pool still holds connections whose server side has gone, and a user's question must not
// fail on one. Retrying is safe because these statements only read. A database that cannot be reached at all
// becomes StoreUnavailableError (the API answers 503 STORE_UNAVAILABLE), at once when connections are refused.
import type pg from 'pg';
import { asUnavailable, isConnectionLost } from './pg-errors.js';

export interface PgReader {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

export interface PgReaderOptions {
  /** "database "x" on host:port", for the error message */
  database: string;
  /** a statement not answered by then fails (node-postgres query_timeout), so a silent network cannot hang a request */
  queryTimeoutMs: number;
}

export function createPgReader(pool: pg.Pool, options: PgReaderOptions): PgReader {
  return {
    async query<R extends pg.QueryResultRow>(text: string, values?: unknown[]) {
      // Every idle connection may be dead; the pool makes a new one once they are gone, so this ends.
      for (let attempt = 0; ; attempt++) {
        let client: pg.PoolClient;
        try {
          client = await pool.connect();
        } catch (err) {
          throw asUnavailable(err, options.database);
        }
        try {
          // Without values node-postgres uses the simple protocol, which a multi-statement text needs.
          const result = await client.query<R>({ text, ...(values ? { values } : {}), query_timeout: options.queryTimeoutMs } as pg.QueryConfig);
          client.release();
          return result;
        } catch (err) {
          const unusable = asUnavailable(err, options.database) !== err;
          // release(err) destroys the connection instead of returning it to the pool
          client.release(unusable ? (err as Error) : undefined);
          if (isConnectionLost(err) && attempt < pool.options.max) continue;
          throw asUnavailable(err, options.database);
        }
      }
    },
  };
}
