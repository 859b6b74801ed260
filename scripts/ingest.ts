// npm run ingest -- [--corpus DIR] [--index DIR] [--rebuild]: builds or updates the index, prints what changed.
// Exit 0 when the index is built (skipped files are warnings), 1 on errors a user must fix, 2 on a bad command line.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../server/config.js';
import { createEmbeddings } from '../server/embeddings/create-embeddings.js';
import { assertIngestFolders, buildIndex, type BuildProgress, type BuildReport } from '../server/ingest/build-index.js';
import { ingestLimitsOf } from '../server/ingest/ingest-limits.js';
import { startLoaderProcess } from '../server/ingest/load-in-subprocess.js';
import { createProgressReporter } from '../server/ingest/progress-bar.js';
import { createLogger } from '../server/log.js';
import { IndexError } from '../server/store/index-errors.js';
import type { PgStore } from '../server/store/pg/index.js';

const USAGE = `Usage: npm run ingest -- [--corpus DIR] [--index DIR] [--rebuild]
  --corpus DIR  documents to index (default: CORPUS_DIR, corpus/)
  --index DIR   where the index is kept (default: INDEX_DIR, .index/)
  --rebuild     ignore the existing index and embed everything again (needed after changing the embedding model)`;

export interface IngestHooks {
  /** called after the progress display with every progress event */
  onProgress?: (p: BuildProgress) => void;
}

export async function runIngest(argv: string[], hooks: IngestHooks = {}): Promise<number> {
  let flags: { corpus?: string; index?: string; rebuild?: boolean; help?: boolean };
  try {
    flags = parseArgs({
      args: argv,
      options: {
        corpus: { type: 'string' },
        index: { type: 'string' },
        rebuild: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (flags.help) {
    console.log(USAGE);
    return 0;
  }
  let config;
  try {
    // Flags are paths as typed in the shell, so relative to the working directory (config resolves its own
    // values against the project root).
    config = loadConfig({
      overrides: {
        CORPUS_DIR: flags.corpus === undefined ? undefined : path.resolve(flags.corpus),
        INDEX_DIR: flags.index === undefined ? undefined : path.resolve(flags.index),
      },
    });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    return 1;
  }
  const log = createLogger(config.LOG_LEVEL);
  try {
    // Before loading the model: a mistyped folder should fail at once.
    await assertIngestFolders(config.CORPUS_DIR, config.INDEX_DIR);
  } catch (err) {
    if (!(err instanceof IndexError)) throw err;
    log.error(`ingest: ${err.message}`);
    return 1;
  }
  // VECTOR_STORE=pgvector: into PostgreSQL (store/pg/); an unreachable database fails here, before the model loads.
  let pgStore: PgStore | undefined;
  try {
    if (config.VECTOR_STORE === 'pgvector') pgStore = await (await import('../server/store/pg/index.js')).openPgStoreFor(config, log);
  } catch (err) {
    if (!(err instanceof IndexError)) throw err;
    log.error(`ingest: ${err.message}`);
    return 1;
  }
  // The loader process starts while the model loads (each costs about half a second).
  void startLoaderProcess(ingestLimitsOf(config));
  const embeddings = await createEmbeddings(config, log);
  const reporter = createProgressReporter({ tty: Boolean(process.stderr.isTTY), line: (text) => log.info(text) });
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    // Ctrl-C can arrive twice (from the terminal and relayed by tsx): `on`, not `once`, handles both. An embedding
    // batch blocks the event loop, and tsx SIGKILLs a child that does not answer within 60 ms: then this handler
    // never runs, and the next ingest takes over the stale lock and removes the partial build.
    if (stopping) return;
    stopping = true;
    reporter.stop();
    log.warn(`ingest: stopped by ${signal}; the index in use is complete, the next ingest removes the partial build`);
    // process.exit runs the lock's exit handler, so the next ingest starts without a stale lock.
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const report = await buildIndex({
      corpusDir: config.CORPUS_DIR,
      indexDir: config.INDEX_DIR,
      embeddings,
      log,
      rebuild: flags.rebuild ?? false,
      limits: ingestLimitsOf(config),
      embedBatchSize: config.EMBEDDINGS_BATCH_SIZE,
      pgStore,
      onProgress: (p) => {
        reporter.update(p);
        hooks.onProgress?.(p);
      },
    });
    reporter.stop();
    // A person at a terminal reads the summary line; a log collector also gets the report as data.
    const data = process.stdout.isTTY ? {} : { report: { ...report, durationMs: Math.round(report.durationMs) } };
    log.info(data, summarise(report));
    return 0;
  } catch (err) {
    reporter.stop();
    if (err instanceof IndexError) log.error(`ingest: ${err.message}`);
    else log.error({ err }, `ingest failed: ${(err as Error).message}`);
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await pgStore?.close();
  }
}

export function summarise(r: BuildReport): string {
  const seconds = `${(r.durationMs / 1000).toFixed(1)} s`;
  const size = `${r.documents} documents, ${r.chunksTotal} chunks`;
  if (!r.wrote) return `ingest: the index is up to date (${size}); nothing to embed (${seconds})`;
  const files =
    `${r.added.length} added, ${r.changed.length} changed, ${r.removed.length} removed, ` +
    `${r.unchanged.length} unchanged, ${r.skipped.length} skipped`;
  const embedded = r.embedder
    ? `${r.chunksEmbedded} chunks embedded, ${r.chunksReused ?? 0} reused`
    : 'lexical-only (no embedding model)';
  const removedLines = r.removedText.reduce((n, f) => n + Object.values(f.lines).reduce((a, b) => a + b, 0), 0);
  const cleaning = r.removedText.length
    ? `; cleaning removed ${removedLines} line${removedLines === 1 ? '' : 's'} from ${r.removedText.length} file${r.removedText.length === 1 ? '' : 's'} (listed above)`
    : '';
  return `ingest: ${size} — files: ${files}; ${embedded}${cleaning}; ${seconds}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await runIngest(process.argv.slice(2));
}
