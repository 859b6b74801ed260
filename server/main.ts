// npm start: load config → build what is missing (web UI, index of corpus/ if absent or stale) → serve API + UI.
import { existsSync, statSync, readdirSync } from 'node:fs';
import path from 'node:path';
import closeWithGrace from 'close-with-grace';
import { loadConfig, type Config } from './config.js';
import { createEmbeddings, type EmbeddingsChoice } from './embeddings/create-embeddings.js';
import { createEngine } from './engine.js';
import { buildApp } from './http/app.js';
import { buildIndex, checkIndexFreshness } from './ingest/build-index.js';
import { createLogger, type Logger } from './log.js';

export interface StartOptions {
  /** skip building web/dist (npm run dev serves the UI through Vite instead) */
  buildWeb?: boolean;
  /** skip the index freshness check and build */
  buildIndex?: boolean;
}

function newestMtime(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath ?? dir, entry.name);
    if (full.includes(`${path.sep}node_modules${path.sep}`)) continue;
    newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds web/dist when it is missing or older than the web sources. Never fatal: the API still serves. */
export async function ensureWebBuild(config: Readonly<Config>, log: Logger): Promise<void> {
  const webDir = path.join(config.ROOT, 'web');
  const index = path.join(config.WEB_DIST_DIR, 'index.html');
  const sourcesNewest = Math.max(newestMtime(path.join(webDir, 'src')), newestMtime(path.join(webDir, 'widget')));
  if (existsSync(index) && statSync(index).mtimeMs >= sourcesNewest) return;
  log.info(existsSync(index) ? 'web UI: sources changed, rebuilding web/dist' : 'web UI: building web/dist (first start)');
  try {
    const { build } = await import('vite');
    await build({ configFile: path.join(webDir, 'vite.config.ts'), logLevel: 'warn' });
    log.info('web UI: built');
  } catch (err) {
    log.warn(`web UI: build failed (${(err as Error).message}); serving the API only. Run \`npm run build:web\` to see why.`);
  }
}

/** Builds or updates the index when it is missing or does not match corpus/ and the embedder. */
export async function ensureIndex(config: Readonly<Config>, embeddings: EmbeddingsChoice, log: Logger): Promise<void> {
  const freshness = await checkIndexFreshness({ corpusDir: config.CORPUS_DIR, indexDir: config.INDEX_DIR, embeddings });
  if (freshness.fresh) return;
  log.info(`index: ${freshness.reason}; ingesting ${path.relative(config.ROOT, config.CORPUS_DIR) || config.CORPUS_DIR}/`);
  let lastLogged = 0;
  const report = await buildIndex({
    corpusDir: config.CORPUS_DIR,
    indexDir: config.INDEX_DIR,
    embeddings,
    log,
    onProgress: (p) => {
      const now = Date.now();
      if (p.phase === 'embed' && now - lastLogged > 5000) {
        lastLogged = now;
        log.info(`index: embedded ${p.chunksDone}/${p.chunksTotal} chunks`);
      }
    },
  });
  log.info(
    `index: ${report.documents} documents, ${report.chunksTotal} chunks (${report.chunksEmbedded} embedded, ` +
      `${report.skipped.length} files skipped) in ${(report.durationMs / 1000).toFixed(1)} s`,
  );
}

export async function start(options: StartOptions = {}) {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  if (options.buildWeb !== false) await ensureWebBuild(config, log);
  const embeddings = await createEmbeddings(config, log);
  if (options.buildIndex !== false) await ensureIndex(config, embeddings, log);
  const engine = await createEngine(config, { log, embeddings });
  const app = await buildApp({ config, engine, log });
  closeWithGrace({ delay: 5000 }, async ({ err }) => {
    if (err) log.error({ err }, 'shutting down after an error');
    await app.close();
    await engine.close();
  });
  await app.listen({ port: config.PORT, host: config.HOST });
  log.info(`ready: http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}  (API docs at /docs; answerer: ${engine.health().answerer})`);
  return { app, engine, config };
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('server/main.ts')) {
  start().catch((err) => {
    // One readable line for the errors a user can fix (config, index mismatch), the stack for the rest.
    const known = ['ConfigError', 'IndexMismatchError', 'IndexLockedError'].includes((err as Error).name);
    console.error(known ? `error: ${(err as Error).message}` : err);
    process.exit(1);
  });
}
