// Errors of the PostgreSQL store that a user must act on; IndexError, so `npm start` and `npm run ingest` print the
// message as one line. Messages never include the password of DATABASE_URL (see redactUrl).
import { IndexError } from '../index-errors.js';

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
