// npm start: load config → build what is missing (web UI, index of corpus/ if absent or stale) → serve API + UI.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import path from 'node:path';
import closeWithGrace from 'close-with-grace';
import { childProcessEnv, ConfigError, loadConfig, type Config } from './config.js';
import { IndexError } from './store/index-errors.js';
import { createEmbeddings } from './embeddings/create-embeddings.js';
import { createEngine, type Engine } from './engine.js';
import { CURRENT_FILE } from './store/index-dir.js';
import { buildApp } from './http/app.js';
import { ensureIndex } from './ingest/ensure-index.js';
import { createLogger, type Logger } from './log.js';

export interface StartOptions {
  /** skip building web/dist (npm run dev serves the UI through Vite instead) */
  buildWeb?: boolean;
  /** skip the index freshness check and build */
  buildIndex?: boolean;
}

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * Builds web/dist when it is missing or older than the web sources. Never fatal: the API still serves.
 * The build runs in a child process with NODE_ENV=production: in-process it would inherit a test runner's
 * NODE_ENV=test and bundle React's development build, and the server would keep Vite's memory.
 */
export async function ensureWebBuild(config: Readonly<Config>, log: Logger): Promise<void> {
  const webDir = path.join(config.ROOT, 'web');
  const index = path.join(config.WEB_DIST_DIR, 'index.html');
  const inputs = ['src', 'index.html', 'embed.html', 'vite.config.ts'].map((p) => newestMtime(path.join(webDir, p)));
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(...inputs)) return;
  log.info(existsSync(index) ? 'web UI: sources changed, rebuilding web/dist' : 'web UI: building web/dist (first start, ~20 s)');
  const vite = path.join(config.ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(vite)) {
    log.warn('web UI: vite is not installed (npm install --omit=dev?); serving the API only');
    return;
  }
  const result = spawnSync(process.execPath, [vite, 'build', '--config', path.join(webDir, 'vite.config.ts'), '--logLevel', 'warn'], {
    cwd: config.ROOT,
    env: childProcessEnv({ NODE_ENV: 'production' }),
    encoding: 'utf8',
  });
  if (result.status === 0) log.info('web UI: built');
  else log.warn(`web UI: build failed; serving the API only. Run \`npm run build:web\` to see why.\n${(result.stderr ?? '').slice(-2000)}`);
}

/**
 * `npm run ingest` while the server runs swaps in a new index generation (INDEX_DIR/CURRENT changes): reload it,
 * so new documents are searchable without a restart. A failed reload keeps serving the previous index.
 */
export function watchIndex(config: Readonly<Config>, engine: Pick<Engine, 'reload' | 'health'>, log: Logger, intervalMs = 500): () => void {
  const pointer = path.join(config.INDEX_DIR, CURRENT_FILE);
  const stamp = () => {
    try {
      const s = statSync(pointer);
      return `${s.mtimeMs}:${s.ino}:${s.size}`;
    } catch {
      return 'missing';
    }
  };
  let last = stamp();
  let reloading = false;
  // Polling (a stat every 0.5 s) survives the rename that replaces the pointer. The stat is synchronous on purpose:
  // fs.watchFile stats in the libuv threadpool, which model inference keeps busy under load, and a finished ingest
  // went live 15–17 s late; a synchronous stat costs microseconds on the event loop and runs on time.
  const timer = setInterval(() => {
    const now = stamp();
    if (now === last || now === 'missing' || reloading) return;
    last = now;
    reloading = true;
    engine
      .reload()
      .then(
        () => log.info(`index: reloaded (${engine.health().documents} documents, ${engine.health().chunks} chunks)`),
        (err: Error) => log.error(`index: reload failed, still serving the previous index: ${err.message}`),
      )
      .finally(() => (reloading = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

export async function start(options: StartOptions = {}) {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  if (options.buildWeb !== false) await ensureWebBuild(config, log);
  const embeddings = await createEmbeddings(config, log);
  // VECTOR_STORE=pgvector: the index lives in PostgreSQL, shared with other API processes (store/pg/).
  const pg = config.VECTOR_STORE === 'pgvector' ? await import('./store/pg/index.js') : null;
  const pgStore = pg ? await pg.openPgStoreFor(config, log) : undefined;
  if (options.buildIndex !== false) await ensureIndex(config, embeddings, log, pgStore);
  const seen = pgStore ? await pgStore.generation() : 0;
  const engine = await createEngine(config, { log, embeddings, pgStore });
  const app = await buildApp({ config, engine, log });
  const reloaded = () => log.info(`index: reloaded (${engine.health().documents} documents, ${engine.health().chunks} chunks)`);
  const stopWatching =
    pg && pgStore ? pg.watchPgIndex(pgStore, engine, log, { seen, onReload: reloaded }) : watchIndex(config, engine, log);
  closeWithGrace({ delay: 5000 }, async ({ err }) => {
    if (err) log.error({ err }, 'shutting down after an error');
    stopWatching();
    await app.close();
    await engine.close();
    await pgStore?.close();
  });
  await app.listen({ port: config.PORT, host: config.HOST });
  log.info(`ready: http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}  (API docs at /docs; answerer: ${engine.health().answerer})`);
  return { app, engine, config };
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('server/main.ts')) {
  start().catch((err) => {
    // One readable line for the errors a user can fix (config, index mismatch), the stack for the rest.
    const known = err instanceof ConfigError || err instanceof IndexError;
    console.error(known ? `error: ${(err as Error).message}` : err);
    process.exit(1);
  });
}
