// Tests run on a clone with nothing beside it but MODELS_DIR: every config a test builds on the defaults honours it.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../config.js';
import { testConfig } from './test-config.js';

function withEnv<T>(vars: Record<string, string>, run: () => T): T {
  const before = { ...process.env };
  try {
    Object.assign(process.env, vars);
    return run();
  } finally {
    process.env = before;
  }
}

describe('testConfig', () => {
  it('takes MODELS_DIR from the environment and nothing else from it', () => {
    const c = withEnv({ MODELS_DIR: '/opt/models-elsewhere', LLM_MODEL: 'leaked-model', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' }, () =>
      testConfig({ RETRIEVAL_K: '4' }),
    );
    expect([c.MODELS_DIR, c.RETRIEVAL_K, c.answererMode, c.LLM_MODEL]).toEqual(['/opt/models-elsewhere', 4, 'extractive', 'gpt-4o-mini']);
  });

  it('lets a test set MODELS_DIR itself', () => {
    const c = withEnv({ MODELS_DIR: '/opt/models-elsewhere' }, () => testConfig({ MODELS_DIR: '/srv/other' }));
    expect(c.MODELS_DIR).toBe('/srv/other');
  });
});

// A config built from an empty environment (loadConfig with `env: {}`) ignores MODELS_DIR and finds the model only
// when it happens to sit at ../shared/models: on a fresh clone such a test fails. Only config.test.ts, which tests
// the defaults themselves, and product code (ingest limits) may build one.
const ALLOWED = new Set(['server/config.test.ts', 'server/testing/test-config.ts', 'server/ingest/ingest-limits.ts']);

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(PROJECT_ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => path.relative(PROJECT_ROOT, path.join(e.parentPath, e.name)));
}

describe('configs in tests', () => {
  it('are built with testConfig, not from an empty environment', () => {
    const offenders = ['server', 'evals', 'scripts', 'web/e2e']
      .flatMap(sourceFiles)
      .filter((f) => !ALLOWED.has(f) && /loadConfig\(\{\s*env:\s*\{/.test(readFileSync(path.join(PROJECT_ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
