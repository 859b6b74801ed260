// A throwaway PostgreSQL server for tests: initdb in a temp folder, started on a free loopback port (as the
// `postgres` user when we are root, since initdb refuses root), pgvector created in each database handed out, and
// everything removed at stop. Outage tests can also cut its connections, shut it down and start it again on the same
// port and data folder. Without PostgreSQL + pgvector installed the tests are skipped with one line saying how
// to enable them, except where REQUIRE_POSTGRES=1 (CI) makes that a failure.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, chownSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../../../testing/free-port.js';

export interface TestPostgres {
  /** postgres://… of a new, empty database with the vector extension */
  createDatabase(name?: string): Promise<string>;
  /** ends every session connected to that database (pg_terminate_backend), as a failover or a DBA would; returns how many */
  terminateConnections(databaseUrl: string): Promise<number>;
  /** shuts the server down (fast mode: sessions are ended), keeping its data; connections are refused until serverUp */
  serverDown(): Promise<void>;
  /** starts it again on the same port and data folder */
  serverUp(): Promise<void>;
  /** shuts it down and deletes everything */
  stop(): Promise<void>;
}

const HOW_TO = 'install Debian\'s postgresql + postgresql-server-dev-15 and build pgvector from ../shared/vendor (see .ci/run)';

/** Why PostgreSQL tests cannot run here, or null when they can. */
export function postgresUnavailable(): string | null {
  const bindir = pgBindir();
  if (!bindir) return `no pg_config on PATH; ${HOW_TO}`;
  for (const tool of ['initdb', 'pg_ctl', 'postgres']) {
    if (!existsSync(path.join(bindir, tool))) return `${path.join(bindir, tool)} is missing; ${HOW_TO}`;
  }
  const sharedir = run('pg_config', ['--sharedir']);
  if (!sharedir || !existsSync(path.join(sharedir, 'extension', 'vector.control'))) return `the pgvector extension is not installed; ${HOW_TO}`;
  if (process.getuid?.() === 0 && spawnSync('id', ['-u', 'postgres']).status !== 0) return 'running as root and there is no `postgres` user to run the server as';
  return null;
}

/** it/describe.skipIf condition: skips with one printed line, or throws when REQUIRE_POSTGRES=1. */
export function skipWithoutPostgres(): boolean {
  const why = postgresUnavailable();
  if (!why) return false;
  if (process.env.REQUIRE_POSTGRES === '1') throw new Error(`REQUIRE_POSTGRES=1 but PostgreSQL tests cannot run: ${why}`);
  console.warn(`PostgreSQL tests skipped: ${why}`);
  return true;
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const bindir = pgBindir()!;
  const root = mkdtempSync(path.join(os.tmpdir(), 'ra-pg-'));
  const asRoot = process.getuid?.() === 0;
  const uid = asRoot ? Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })) : undefined;
  if (uid !== undefined) chownSync(root, uid, Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })));
  const asUser = (cmd: string, args: string[]) =>
    asRoot ? spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8' }) : spawnSync(cmd, args, { encoding: 'utf8' });
  const data = path.join(root, 'data');
  const check = (r: ReturnType<typeof spawnSync>, what: string) => {
    if (r.status !== 0) throw new Error(`${what} failed (${r.status}): ${String(r.stderr ?? '').slice(-2000)}`);
  };
  check(asUser(path.join(bindir, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']), 'initdb');
  const port = await freePort();
  // fsync off: a test server's data may be lost in a power cut, and it halves commit times.
  const opts = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  const pgCtl = (args: string[]) => asUser(path.join(bindir, 'pg_ctl'), ['-D', data, ...args]);
  const startServer = () => check(pgCtl(['-o', opts, '-l', path.join(root, 'server.log'), '-w', '-t', '60', 'start']), 'pg_ctl start');
  startServer();
  const admin = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let n = 0;
  return {
    async createDatabase(name = `test_${process.pid}_${++n}`) {
      const client = new pg.Client(admin);
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      const url = `postgres://postgres@127.0.0.1:${port}/${name}`;
      const db = new pg.Client(url);
      await db.connect();
      await db.query('CREATE EXTENSION IF NOT EXISTS vector');
      await db.end();
      return url;
    },
    async terminateConnections(databaseUrl) {
      const client = new pg.Client(admin);
      await client.connect();
      try {
        // the 5 s timeout makes it wait until each session has ended, so the caller's next step sees them gone
        const { rows } = await client.query(
          'SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 5000))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
          [decodeURIComponent(new URL(databaseUrl).pathname.slice(1))],
        );
        return rows[0].n as number;
      } finally {
        await client.end();
      }
    },
    async serverDown() {
      check(pgCtl(['-m', 'fast', '-w', '-t', '60', 'stop']), 'pg_ctl stop');
    },
    async serverUp() {
      startServer();
    },
    async stop() {
      pgCtl(['-m', 'immediate', '-w', 'stop']);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

function pgBindir(): string | null {
  return run('pg_config', ['--bindir']);
}

function run(cmd: string, args: string[]): string | null {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

