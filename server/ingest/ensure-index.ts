// Before serving or evaluating: build or update the index when it is missing or does not match corpus/ and the
// configured embedder (npm start, npm run ask, npm run eval). Progress goes to the log.
// A failed build is not fatal here: the server serves the index it has (or answers INDEX_NOT_READY), because a
// server that exits on a bad corpus crash-loops under a process manager. Only what a person must fix by hand (an
// index built with another model, a missing corpus folder) still stops it.
import path from 'node:path';
import type { Config } from '../config.js';
import type { EmbeddingsChoice } from '../embeddings/create-embeddings.js';
import type { Logger } from '../log.js';
import type { PgStore } from '../store/pg/pg-store.js';
import { IndexLockedError, IndexMismatchError, CorpusMissingError } from '../store/index-errors.js';
import { buildIndex, checkIndexFreshness } from './build-index.js';
import { ingestLimitsOf } from './ingest-limits.js';
import { createProgressReporter } from './progress-bar.js';

/** Builds or updates the index when it is missing or does not match corpus/ and the embedder. */
export async function ensureIndex(config: Readonly<Config>, embeddings: EmbeddingsChoice, log: Logger, pgStore?: PgStore): Promise<void> {
  const freshness = await checkIndexFreshness({ corpusDir: config.CORPUS_DIR, indexDir: config.INDEX_DIR, embeddings, pgStore });
  if (freshness.fresh) return;
  log.info(`index: ${freshness.reason}; ingesting ${path.relative(config.ROOT, config.CORPUS_DIR) || config.CORPUS_DIR}/`);
  const reporter = createProgressReporter({ tty: Boolean(process.stderr.isTTY), line: (text) => log.info(`index: ${text}`) });
  let report;
  try {
    report = await buildIndex({
      corpusDir: config.CORPUS_DIR,
      indexDir: config.INDEX_DIR,
      embeddings,
      log,
      limits: ingestLimitsOf(config),
      embedBatchSize: config.EMBEDDINGS_BATCH_SIZE,
      onProgress: (p) => reporter.update(p),
      pgStore,
    });
  } catch (err) {
    if (err instanceof IndexMismatchError || err instanceof CorpusMissingError) throw err;
    const serving = 'serving the index as it was (if there is none, questions get INDEX_NOT_READY)';
    if (err instanceof IndexLockedError) {
      log.warn(`index: another ingest (pid ${err.holder.pid}) is building it; ${serving}, and its result goes live when it finishes`);
    } else {
      log.error({ err }, `index: the ingest failed (${(err as Error).message}); ${serving}`);
    }
    return;
  } finally {
    reporter.stop();
  }
  log.info(
    `index: ${report.documents} documents, ${report.chunksTotal} chunks (${report.chunksEmbedded} embedded, ` +
      `${report.skipped.length} files skipped) in ${(report.durationMs / 1000).toFixed(1)} s`,
  );
}
