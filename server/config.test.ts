import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigSchema, loadConfig, PROJECT_ROOT } from './config.js';

describe('loadConfig', () => {
  it('applies the defaults with an empty environment', () => {
    const c = loadConfig({ env: {} });
    expect(c.PORT).toBe(8787);
    expect(c.INDEX_DIR).toBe(path.join(PROJECT_ROOT, '.index'));
    expect(c.answererMode).toBe('extractive');
    expect(c.embeddingsProvider).toBe('local');
    expect(c.embeddingsModel).toBe('Xenova/all-MiniLM-L6-v2');
  });

  it('reads only the environment it is given, and takes an empty value as unset', () => {
    const before = { ...process.env };
    try {
      process.env.LLM_MODEL = 'leaked-model';
      process.env.OPENAI_BASE_URL = 'http://127.0.0.1:9/v1';
      const c = loadConfig({ env: { PORT: '', RETRIEVAL_K: '' } });
      expect(c.answererMode).toBe('extractive');
      expect(c.LLM_MODEL).not.toBe('leaked-model');
      expect(c.PORT).toBe(8787);
      expect(c.RETRIEVAL_K).toBe(6);
    } finally {
      process.env = before;
    }
  });

  it('names the variable when a value is invalid', () => {
    expect(() => loadConfig({ env: { PORT: 'eighty' } })).toThrow(/PORT/);
    expect(() => loadConfig({ env: { PORT: '70000' } })).toThrow(/PORT/);
    expect(() => loadConfig({ env: { EMBEDDINGS: 'word2vec' } })).toThrow(/EMBEDDINGS/);
    expect(() => loadConfig({ env: { EMBEDDINGS_DTYPE: 'fp16' } })).toThrow(/EMBEDDINGS_DTYPE/);
  });

  it('switches to generated answers when an API key or a base URL is given', () => {
    expect(loadConfig({ env: { OPENAI_API_KEY: 'sk-test' } }).answererMode).toBe('llm');
    expect(loadConfig({ env: { OPENAI_BASE_URL: 'http://127.0.0.1:8080/v1' } }).answererMode).toBe('llm');
    expect(loadConfig({ env: { OPENAI_API_KEY: 'sk-test', ANSWERER: 'extractive' } }).answererMode).toBe('extractive');
    expect(() => loadConfig({ env: { ANSWERER: 'llm' } })).toThrow(/OPENAI_API_KEY.*LLM_MODEL_PATH/);
    expect(loadConfig({ env: { OPENAI_API_KEY: 'sk-test' } }).llmProvider).toBe('openai');
  });

  it('runs the GGUF at LLM_MODEL_PATH in-process, which must exist and cannot be combined with OPENAI_BASE_URL', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'config-llm-'));
    const gguf = path.join(dir, 'tiny.gguf');
    writeFileSync(gguf, 'GGUF');
    try {
      const c = loadConfig({ env: { LLM_MODEL_PATH: gguf } });
      expect([c.answererMode, c.llmProvider, c.LLM_MODEL_PATH, c.LLM_THREADS, c.LLM_MAX_TOKENS]).toEqual(['llm', 'local', gguf, 1, 256]);
      // a key for OpenAI embeddings beside it does not take the answers to OpenAI
      expect(loadConfig({ env: { LLM_MODEL_PATH: gguf, OPENAI_API_KEY: 'sk-test' } }).llmProvider).toBe('local');
      expect(loadConfig({ env: { LLM_MODEL_PATH: gguf, ANSWERER: 'extractive' } }).answererMode).toBe('extractive');
      expect(() => loadConfig({ env: { LLM_MODEL_PATH: gguf, OPENAI_BASE_URL: 'http://127.0.0.1:8080/v1' } })).toThrow(/LLM_MODEL_PATH and OPENAI_BASE_URL are both set/);
      expect(() => loadConfig({ env: { LLM_MODEL_PATH: path.join(dir, 'absent.gguf') } })).toThrow(/LLM_MODEL_PATH: no file at .*absent\.gguf.*fetch:llm/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets command-line overrides win and parses the origin list', () => {
    const c = loadConfig({ env: { PORT: '9000', ALLOWED_ORIGINS: 'https://portal.example/, http://localhost:3000' }, overrides: { PORT: 9100 } });
    expect(c.PORT).toBe(9100);
    expect(c.ALLOWED_ORIGINS).toEqual(['https://portal.example', 'http://localhost:3000']);
  });

  it('parses API_KEYS into named keys and refuses weak, repeated or conflicting ones', () => {
    const c = loadConfig({ env: { API_KEYS: ' ci-job:0123456789abcdef0123 , fedcba9876543210fedc ' } });
    expect(c.API_KEYS).toEqual([
      { name: 'ci-job', key: '0123456789abcdef0123' },
      { name: 'key-2', key: 'fedcba9876543210fedc' },
    ]);
    expect(loadConfig({ env: {} }).API_KEYS).toEqual([]);
    expect(() => loadConfig({ env: { API_KEYS: 'short' } })).toThrow(/API_KEYS.*16/);
    expect(() => loadConfig({ env: { API_KEYS: 'a:0123456789abcdef0,a:0123456789abcdef1' } })).toThrow(/API_KEYS.*"a" is used twice/);
    expect(() => loadConfig({ env: { API_KEYS: '0123456789abcdef0,b:0123456789abcdef0' } })).toThrow(/API_KEYS.*repeats/);
    expect(() => loadConfig({ env: { API_KEYS: '0123456789abcdef0', EMBED_KEY: 'k' } })).toThrow(/EMBED_KEY and API_KEYS/);
  });

  it('keeps the index on disk by default, and needs a postgres:// DATABASE_URL for VECTOR_STORE=pgvector', () => {
    expect(loadConfig({ env: {} }).VECTOR_STORE).toBe('local');
    const pg = loadConfig({ env: { VECTOR_STORE: 'pgvector', DATABASE_URL: 'postgres://ra@db.example:5432/ra' } });
    expect([pg.VECTOR_STORE, pg.PG_POOL_MAX, pg.PG_HNSW_M, pg.PG_HNSW_EF_CONSTRUCTION, pg.PG_HNSW_EF_SEARCH]).toEqual(['pgvector', 10, 16, 64, 400]);
    expect(() => loadConfig({ env: { VECTOR_STORE: 'pgvector' } })).toThrow(/VECTOR_STORE=pgvector needs DATABASE_URL/);
    expect(() => loadConfig({ env: { VECTOR_STORE: 'pgvector', DATABASE_URL: 'mysql://x' } })).toThrow(/DATABASE_URL must start with postgres/);
    expect(() => loadConfig({ env: { VECTOR_STORE: 'qdrant' } })).toThrow(/VECTOR_STORE/);
    expect(() => loadConfig({ env: { PG_HNSW_EF_SEARCH: '0' } })).toThrow(/PG_HNSW_EF_SEARCH/);
  });

  it('documents every variable in .env.example with the same default', () => {
    const example = readFileSync(path.join(PROJECT_ROOT, '.env.example'), 'utf8');
    const documented = new Map(
      [...example.matchAll(/^([A-Z0-9_]+)=(.*)$/gm)].map((m) => [m[1], m[2].trim()] as const),
    );
    const props = ConfigSchema.properties as Record<string, { default?: unknown }>;
    expect([...documented.keys()].sort()).toEqual(Object.keys(props).sort());
    for (const [key, schema] of Object.entries(props)) {
      expect(`${key}=${documented.get(key)}`).toBe(`${key}=${String(schema.default ?? '')}`);
    }
  });
});
