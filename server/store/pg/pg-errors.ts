// Errors of the PostgreSQL store that a user must act on; IndexError, so `npm start` and `npm run ingest` print the
// message as one line. Messages never include the password of DATABASE_URL (see redactUrl). Also which driver errors
// mean "the database is not reachable" rather than "this statement is wrong", since those are retried or reported
// to clients as STORE_UNAVAILABLE instead of as a fault of the server.
import { IndexError, StoreUnavailableError } from '../index-errors.js';

export class PgStoreError extends IndexError {
  override name = 'PgStoreError';
}

/** Another ingest holds the database's ingest lock (a PostgreSQL advisory lock, released when its session ends). */
export class PgIngestLockedError extends PgStoreError {
  override name = 'PgIngestLockedError';
  constructor(readonly database: string) {
    super(
      `Another ingest is writing to ${database} (it holds the ingest lock). Wait for it to finish and run the command ` +
        'again; the lock is released as soon as that ingest ends or its connection drops.',
    );
  }
}

/** postgres://user:secret@host/db → postgres://user:***@host/db, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'DATABASE_URL (not a valid URL)';
  }
}

/** The database's name and host, as a reader would name it. */
export function describeDatabase(url: string): string {
  try {
    const u = new URL(url);
    return `database "${decodeURIComponent(u.pathname.slice(1)) || u.username}" on ${u.host || 'localhost'}`;
  } catch {
    return 'the database at DATABASE_URL';
  }
}

// SQLSTATEs of a session the server ended or would not start: class 08 (connection exception), admin / crash
// shutdown, "the database system is starting up / shutting down", and too many connections.
const GONE_STATES = /^(08...|57P0[1-3]|53300)$/;
// Socket errors, and node-postgres's own messages for a socket that ended under a query or was never opened.
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const DRIVER_MESSAGES = /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Query read timeout)/;

type DriverError = Error & { code?: string };

/** The database cannot be reached or did not answer in time: worth trying again later, nothing to fix in the request. */
export function isUnreachable(err: unknown): boolean {
  const e = err as DriverError;
  return e instanceof Error && (GONE_STATES.test(e.code ?? '') || SOCKET_CODES.has(e.code ?? '') || DRIVER_MESSAGES.test(e.message));
}

/**
 * The connection under a statement died (so a statement that only reads may run again on another connection); a
 * statement that timed out is not retried, or a database that stopped answering would make every request wait twice.
 */
export function isConnectionLost(err: unknown): boolean {
  return isUnreachable(err) && !/^(Query read timeout|timeout exceeded)/.test((err as Error).message);
}

/** err as a StoreUnavailableError naming the database when it means the database is unreachable; else err itself. */
export function asUnavailable(err: unknown, database: string): unknown {
  if (err instanceof StoreUnavailableError || !isUnreachable(err)) return err;
  const e = err as DriverError;
  return new StoreUnavailableError(`PostgreSQL (${database}) cannot be reached: ${e.message}${e.code ? ` [${e.code}]` : ''}`, { cause: err });
}
