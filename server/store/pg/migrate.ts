// Brings the database's schema to the latest migration (migrations.ts). Run by every process that opens the store,
// so no one applies SQL by hand; concurrent starts are serialised by an advisory lock, and each migration commits
// with its version row or not at all.
import type pg from 'pg';
import { MIGRATIONS, SCHEMA, type Migration } from './migrations.js';
import { PgStoreError } from './pg-errors.js';

/** pg_advisory_lock keys of this application (an arbitrary constant, then one per purpose). */
export const LOCK_KEYS = { migrate: 72_410_001, ingest: 72_410_002 } as const;

export interface MigrateResult {
  /** versions applied now, in order */
  applied: number[];
  version: number;
}

export async function migrate(pool: pg.Pool, migrations: readonly Migration[] = MIGRATIONS): Promise<MigrateResult> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEYS.migrate]);
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${SCHEMA}.schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      const { rows } = await client.query<{ v: number | null }>(`SELECT max(version) AS v FROM ${SCHEMA}.schema_migrations`);
      const current = rows[0].v ?? 0;
      const latest = migrations.at(-1)?.version ?? 0;
      if (current > latest) {
        throw new PgStoreError(
          `The database schema is at version ${current}, newer than this version of the assistant knows (${latest}). ` +
            'Upgrade the assistant, or point DATABASE_URL at another database.',
        );
      }
      const applied: number[] = [];
      for (const m of migrations) {
        if (m.version <= current) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query(`INSERT INTO ${SCHEMA}.schema_migrations (version, name) VALUES ($1, $2)`, [m.version, m.name]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw explain(m, err);
        }
        applied.push(m.version);
      }
      return { applied, version: Math.max(current, latest) };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEYS.migrate]);
    }
  } finally {
    client.release();
  }
}

function explain(m: Migration, err: unknown): Error {
  const e = err as Error & { code?: string };
  if (e.code === '42501' || e.code === '0A000' || /extension "vector"/.test(e.message)) {
    // 42501: permission denied; 0A000 / "could not open extension control file": pgvector is not installed.
    return new PgStoreError(
      `Migration ${m.version} (${m.name}) failed: ${e.message}. The database needs the pgvector extension: install it on ` +
        'the server and run `CREATE EXTENSION vector;` once as a superuser (or a role allowed to), and give this user ' +
        'CREATE on the database (README "PostgreSQL").',
      { cause: err },
    );
  }
  return new PgStoreError(`Migration ${m.version} (${m.name}) failed: ${e.message}`, { cause: err });
}
