// The regression floor: the seed set through the real pipeline (index built from corpus/ with the real model into a
// temp folder, extractive answerer, in-process), every floored metric checked against evals/thresholds.json.
// A change that makes retrieval or answers worse on the seed set fails here, with the metrics that dropped.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../server/config.js';
import { createEngine, type Engine } from '../server/engine.js';
import { buildTestIndex, type TestIndex } from '../server/http/test-index.js';
import { silentLogger } from '../server/log.js';
import { runEval, type RunEvalResult } from './run-eval.js';
import { checkThresholds, readThresholds, type Thresholds } from './thresholds.js';

let index: TestIndex;
let engine: Engine;
let run: RunEvalResult;
let thresholds: Thresholds;

beforeAll(async () => {
  thresholds = await readThresholds(path.join(PROJECT_ROOT, 'evals', 'thresholds.json'));
  index = await buildTestIndex({ ANSWERER: 'extractive' });
  if (!index.embeddings.handle) throw new Error('the embedding model is not available: set MODELS_DIR (e.g. ../shared/models)');
  engine = await createEngine(index.config, { log: silentLogger, embeddings: index.embeddings });
  run = await runEval({
    config: index.config,
    log: silentLogger,
    setFile: path.join(PROJECT_ROOT, thresholds.set),
    outDir: path.join(index.dir, 'report'),
    engine,
    embeddings: index.embeddings,
  });
  // Building the index and answering 52 questions takes ~30 s on 2 idle cores; several times that on a busy machine.
}, 900_000);
afterAll(async () => {
  await engine?.close();
  index?.cleanup();
});

describe(`seed set against evals/thresholds.json`, () => {
  it('runs every case', () => {
    expect(run.report.errors).toEqual([]);
    expect(run.report.config.answerer).toBe(thresholds.answerer);
    expect(run.report.config.embeddings).toBe(thresholds.embeddings);
  });

  it('stays at or above the floor on every metric', () => {
    expect(checkThresholds(run.report.aggregate, thresholds)).toEqual([]);
  });
});
