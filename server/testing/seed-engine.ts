// Test support: one real index of the seed corpus (test-index.ts) and an engine on it, built before the file's tests
// and removed after them. `seed.index` and `seed.engine` are set once the file's beforeAll has run.
import { afterAll, beforeAll } from 'vitest';
import type { RawConfig } from '../config.js';
import { createEngine, type Engine } from '../engine.js';
import { buildTestIndex, type TestIndex } from '../http/test-index.js';
import { silentLogger } from '../log.js';

export interface SeedEngine {
  index: TestIndex;
  engine: Engine;
}

export function useSeedEngine(
  overrides: Partial<Record<keyof RawConfig, string | number>> = {},
  extraFiles: Record<string, string | Uint8Array> = {},
): SeedEngine {
  const seed = {} as SeedEngine;
  beforeAll(async () => {
    seed.index = await buildTestIndex(overrides, extraFiles);
    seed.engine = await createEngine(seed.index.config, { log: silentLogger, embeddings: seed.index.embeddings });
  });
  afterAll(() => seed.index?.cleanup());
  return seed;
}
