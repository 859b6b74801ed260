// Test support: a real index of the seed corpus (real model, real hnswlib) in a temp folder, built once per
// test file, and the config that points at it. Used by the HTTP, engine and e2e tests.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, PROJECT_ROOT, type Config, type RawConfig } from '../config.js';
import { createEmbeddings, type EmbeddingsChoice } from '../embeddings/create-embeddings.js';
import { buildIndex } from '../ingest/build-index.js';
import { silentLogger } from '../log.js';

export interface TestIndex {
  dir: string;
  config: Readonly<Config>;
  embeddings: EmbeddingsChoice;
  cleanup(): void;
}

/** `extraFiles`: more corpus files (name → content) written beside the seed documents before the ingest. */
export async function buildTestIndex(
  overrides: Partial<Record<keyof RawConfig, string | number>> = {},
  extraFiles: Record<string, string | Uint8Array> = {},
): Promise<TestIndex> {
  const dir = mkdtempSync(path.join(tmpdir(), 'axis-rag-test-'));
  const corpusDir = path.join(dir, 'corpus');
  cpSync(path.join(PROJECT_ROOT, 'corpus'), corpusDir, { recursive: true });
  for (const [name, content] of Object.entries(extraFiles)) writeFileSync(path.join(corpusDir, name), content);
  const config = loadConfig({
    overrides: {
      CORPUS_DIR: corpusDir,
      INDEX_DIR: path.join(dir, 'index'),
      EVAL_DIR: path.join(dir, 'evals'),
      WEB_DIST_DIR: path.join(dir, 'no-web-dist'),
      RATE_LIMIT_MAX: 0,
      LOG_LEVEL: 'silent',
      ANSWERER: 'extractive',
      ...overrides,
    },
  });
  const embeddings = await createEmbeddings(config, silentLogger);
  await buildIndex({ corpusDir, indexDir: config.INDEX_DIR, embeddings, log: silentLogger });
  return { dir, config, embeddings, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
