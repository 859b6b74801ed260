// Before serving or evaluating: build or update the index when it is missing or does not match corpus/ and the
// configured embedder (npm start, npm run ask, npm run eval). Progress goes to the log.
import path from 'node:path';
import type { Config } from '../config.js';
import type { EmbeddingsChoice } from '../embeddings/create-embeddings.js';
import type { Logger } from '../log.js';
import { buildIndex, checkIndexFreshness } from './build-index.js';
import { createProgressReporter } from './progress-bar.js';

/** Builds or updates the index when it is missing or does not match corpus/ and the embedder. */
export async function ensureIndex(config: Readonly<Config>, embeddings: EmbeddingsChoice, log: Logger): Promise<void> {
  const freshness = await checkIndexFreshness({ corpusDir: config.CORPUS_DIR, indexDir: config.INDEX_DIR, embeddings });
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
      onProgress: (p) => reporter.update(p),
    });
  } finally {
    reporter.stop();
  }
  log.info(
    `index: ${report.documents} documents, ${report.chunksTotal} chunks (${report.chunksEmbedded} embedded, ` +
      `${report.skipped.length} files skipped) in ${(report.durationMs / 1000).toFixed(1)} s`,
  );
}
