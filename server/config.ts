// The only module that reads process.env. Everything else receives a frozen Config.
// Defaults here are the defaults documented in .env.example (a test keeps the two in sync).
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import path from 'node:path';
import { envSchema } from 'env-schema';
import { Type, type Static } from 'typebox';

export const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 8787 }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  CORPUS_DIR: Type.String({ minLength: 1, default: 'corpus' }),
  INDEX_DIR: Type.String({ minLength: 1, default: '.index' }),
  EVAL_DIR: Type.String({ minLength: 1, default: 'evals/reports' }),
  WEB_DIST_DIR: Type.String({ minLength: 1, default: 'web/dist' }),
  // Folder in Transformers.js layout (<org>/<model>/onnx/...). Empty: ./models or ../shared/models if they hold
  // the model, else download from the model hub. Relative paths are relative to the project root.
  MODELS_DIR: Type.String({ default: '' }),
  // local:<hub id> | openai:<model> | none
  EMBEDDINGS: Type.String({ pattern: '^(local:.+|openai:.+|none)$', default: 'local:Xenova/all-MiniLM-L6-v2' }),
  EMBEDDINGS_DTYPE: Type.Union([Type.Literal('q8'), Type.Literal('fp32')], { default: 'q8' }),
  EMBEDDINGS_BATCH_SIZE: Type.Integer({ minimum: 1, maximum: 512, default: 16 }),
  // Processes that run the local models (embeddings, answer selector), so the server keeps serving while a model runs
  // (onnxruntime-node blocks the thread it runs on; server/inference/). 0: in the server's own process.
  INFERENCE_WORKERS: Type.Integer({ minimum: 0, maximum: 16, default: 2 }),
  // The trained answer selector (int8 ONNX + tokenizer + selector.json); "none" ranks sentences by embedding similarity only.
  ANSWER_SELECTOR_DIR: Type.String({ minLength: 1, default: 'models/trained/answer-selector' }),
  OPENAI_API_KEY: Type.String({ default: '' }),
  OPENAI_BASE_URL: Type.String({ default: '' }),
  LLM_MODEL: Type.String({ minLength: 1, default: 'gpt-4o-mini' }),
  LLM_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 600000, default: 30000 }),
  // Longest generated answer, in tokens (either LLM).
  LLM_MAX_TOKENS: Type.Integer({ minimum: 16, maximum: 8192, default: 256 }),
  // A GGUF model file run in this process by node-llama-cpp (CPU) instead of an OpenAI-compatible server; relative
  // paths are relative to the project root. `npm run fetch:llm` downloads one (Gemma 3 270M) into .cache/llm/.
  LLM_MODEL_PATH: Type.String({ default: '' }),
  // CPU threads the in-process model uses. 1: on a 2-core machine shared with the embedding processes, 2 threads
  // were 4x slower than 1 (llama.cpp's threads spin-wait for each other and lose when a core is taken).
  LLM_THREADS: Type.Integer({ minimum: 1, maximum: 256, default: 1 }),
  // Tokens of prompt + answer the in-process model holds (the passages must fit).
  LLM_CONTEXT_SIZE: Type.Integer({ minimum: 512, maximum: 131072, default: 4096 }),
  // auto: generative when OPENAI_API_KEY, OPENAI_BASE_URL or LLM_MODEL_PATH is set, extractive otherwise
  ANSWERER: Type.Union([Type.Literal('auto'), Type.Literal('extractive'), Type.Literal('llm')], { default: 'auto' }),
  RETRIEVAL_K: Type.Integer({ minimum: 1, maximum: 50, default: 6 }),
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, maximum: 10485760, default: 262144 }),
  // A request (headers and body) must arrive within this; a client that stops half-way is cut off.
  REQUEST_TIMEOUT_MS: Type.Integer({ minimum: 1000, maximum: 600000, default: 30000 }),
  // Open connections one client address may hold at once (the rest are closed at once).
  MAX_CONNECTIONS_PER_CLIENT: Type.Integer({ minimum: 1, maximum: 100000, default: 64 }),
  // Comma-separated origins allowed to call the API from a browser and to frame /embed ("*" = any).
  ALLOWED_ORIGINS: Type.String({ default: '' }),
  // Comma-separated origins at which users reach the assistant by a host name (behind a proxy:
  // https://assistant.example.org). API requests for any other host name are refused (DNS rebinding); localhost and
  // IP addresses are always accepted.
  PUBLIC_ORIGINS: Type.String({ default: '' }),
  // Optional shared key a portal sends as the x-embed-key header (or widget attribute). Empty: no key.
  EMBED_KEY: Type.String({ default: '' }),
  // Comma-separated API keys; each optionally named (`name:key`, the name is what logs and the rate limit show).
  // Empty: the API is open, as before. Set: every API route (/api, /v1, /mcp) needs one (Authorization: Bearer or
  // X-API-Key; portals send theirs as the embed key), except the assistant's own pages.
  API_KEYS: Type.String({ default: '' }),
  // Ingest limits against hostile files (a file over any of them is skipped with a warning naming the limit).
  // A .docx (ZIP parts) or PDF (FlateDecode streams) that would inflate past this is refused before it is opened;
  // no file larger than this is read at all.
  MAX_DECOMPRESSED_BYTES: Type.Integer({ minimum: 1024, maximum: 4294967295, default: 104857600 }),
  // Text one file may yield (UTF-8 bytes, after extraction).
  MAX_TEXT_BYTES: Type.Integer({ minimum: 1024, maximum: 1073741824, default: 20971520 }),
  // Loaders run in a child process with this heap cap and time limit; a file that needs more costs only that file.
  LOADER_MEMORY_MB: Type.Integer({ minimum: 32, maximum: 16384, default: 1024 }),
  LOADER_TIMEOUT_MS: Type.Integer({ minimum: 1000, maximum: 3600000, default: 120000 }),
  RATE_LIMIT_MAX: Type.Integer({ minimum: 0, maximum: 1000000, default: 120 }),
  // Where the index lives: local = INDEX_DIR on disk (hnswlib + BM25 files); pgvector = PostgreSQL at DATABASE_URL
  // (chunks, vectors with an HNSW index, BM25 postings; several API processes can share it).
  VECTOR_STORE: Type.Union([Type.Literal('local'), Type.Literal('pgvector')], { default: 'local' }),
  // postgres://user:password@host:5432/database (needed with VECTOR_STORE=pgvector; ?sslmode=require for TLS).
  DATABASE_URL: Type.String({ default: '' }),
  // Connections each process keeps open to PostgreSQL at most.
  PG_POOL_MAX: Type.Integer({ minimum: 1, maximum: 1000, default: 10 }),
  // HNSW graph of the vectors in PostgreSQL (chosen by the recall curve in README "PostgreSQL"); changing M or
  // EF_CONSTRUCTION rebuilds the index at the next ingest, EF_SEARCH applies to new connections.
  PG_HNSW_M: Type.Integer({ minimum: 2, maximum: 100, default: 16 }),
  PG_HNSW_EF_CONSTRUCTION: Type.Integer({ minimum: 4, maximum: 1000, default: 64 }),
  PG_HNSW_EF_SEARCH: Type.Integer({ minimum: 1, maximum: 1000, default: 400 }),
  RATE_LIMIT_WINDOW_MS: Type.Integer({ minimum: 1000, maximum: 86400000, default: 60000 }),
});

export type RawConfig = Static<typeof ConfigSchema>;

/** One entry of API_KEYS: the secret and the name it is known by in logs and rate-limit buckets. */
export interface ApiKey {
  readonly name: string;
  readonly key: string;
}

/** Shortest API key accepted: a guessable key is no key. */
export const MIN_API_KEY_CHARS = 16;

export interface Config extends Omit<RawConfig, 'ALLOWED_ORIGINS' | 'PUBLIC_ORIGINS' | 'API_KEYS'> {
  /** absolute project root (where package.json lives) */
  readonly ROOT: string;
  readonly ALLOWED_ORIGINS: readonly string[];
  readonly PUBLIC_ORIGINS: readonly string[];
  /** empty: the API is open */
  readonly API_KEYS: readonly ApiKey[];
  /** derived: which answerer runs */
  readonly answererMode: 'extractive' | 'llm';
  /** derived: where generated answers come from: an OpenAI-compatible server, or the GGUF at LLM_MODEL_PATH in-process */
  readonly llmProvider: 'openai' | 'local';
  /** derived: embeddings provider and model */
  readonly embeddingsProvider: 'local' | 'openai' | 'none';
  readonly embeddingsModel: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const PROJECT_ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

export interface LoadConfigOptions {
  /** values to read instead of process.env (tests) */
  env?: Record<string, string | undefined>;
  /** values that win over the environment (command-line flags) */
  overrides?: Partial<Record<keyof RawConfig, string | number>>;
  /** read .env from the project root (default: true unless env is given) */
  dotenv?: boolean;
}

function readDotenv(): Record<string, string> {
  const file = path.join(PROJECT_ROOT, '.env');
  try {
    return parseEnv(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new ConfigError(`Cannot read ${file}: ${(err as Error).message}`);
  }
}

export function loadConfig(options: LoadConfigOptions = {}): Readonly<Config> {
  const useDotenv = options.dotenv ?? options.env === undefined;
  // .env first, the real environment (or options.env) over it, flags over both.
  const source: Record<string, string | undefined> = { ...(useDotenv ? readDotenv() : {}) };
  for (const [k, v] of Object.entries(options.env ?? process.env)) if (v !== undefined && v !== '') source[k] = v;
  for (const [k, v] of Object.entries(options.overrides ?? {})) if (v !== undefined) source[k] = String(v);
  // Empty strings mean "unset" for typed values, so `PORT=` in .env or the environment falls back to the default.
  for (const key of Object.keys(ConfigSchema.properties)) if (source[key] === '') delete source[key];
  let raw: RawConfig;
  try {
    // env: false — env-schema would otherwise merge process.env in again, under `source`, and undo both rules above.
    raw = envSchema<RawConfig>({ schema: ConfigSchema as object, data: source, env: false, dotenv: false });
  } catch (err) {
    throw new ConfigError(`Invalid configuration: ${(err as Error).message}`);
  }
  const [provider, ...rest] = raw.EMBEDDINGS.split(':');
  const embeddingsProvider = provider as Config['embeddingsProvider'];
  const embeddingsModel = rest.join(':');
  if (embeddingsProvider === 'openai' && !raw.OPENAI_API_KEY) {
    throw new ConfigError(`EMBEDDINGS=${raw.EMBEDDINGS} needs OPENAI_API_KEY`);
  }
  if (raw.VECTOR_STORE === 'pgvector' && !raw.DATABASE_URL) {
    throw new ConfigError('VECTOR_STORE=pgvector needs DATABASE_URL (postgres://user:password@host:5432/database)');
  }
  if (raw.DATABASE_URL && !/^postgres(ql)?:\/\//.test(raw.DATABASE_URL)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  if (raw.ANSWERER === 'llm' && !raw.OPENAI_API_KEY && !raw.OPENAI_BASE_URL && !raw.LLM_MODEL_PATH) {
    throw new ConfigError(
      'ANSWERER=llm needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local OpenAI-compatible server, or LLM_MODEL_PATH for a GGUF model run in-process)',
    );
  }
  // Two LLMs named at once is a mistake to point out, not to settle silently. (OPENAI_API_KEY alone may be there for
  // EMBEDDINGS=openai:…, so it does not conflict.)
  if (raw.LLM_MODEL_PATH && raw.OPENAI_BASE_URL) {
    throw new ConfigError('LLM_MODEL_PATH and OPENAI_BASE_URL are both set: leave one empty (the in-process model, or the server)');
  }
  const llmModelPath = raw.LLM_MODEL_PATH ? path.resolve(PROJECT_ROOT, raw.LLM_MODEL_PATH) : '';
  if (llmModelPath && !existsSync(llmModelPath)) {
    throw new ConfigError(`LLM_MODEL_PATH: no file at ${llmModelPath} (\`npm run fetch:llm\` downloads the Gemma 3 270M model into .cache/llm/)`);
  }
  const apiKeys = apiKeyList(raw.API_KEYS);
  if (apiKeys.length && raw.EMBED_KEY) {
    throw new ConfigError(
      'EMBED_KEY and API_KEYS are both set: with API_KEYS, give each portal its own key from API_KEYS as its embed key, and leave EMBED_KEY empty',
    );
  }
  const answererMode: Config['answererMode'] =
    raw.ANSWERER === 'auto' ? (raw.OPENAI_API_KEY || raw.OPENAI_BASE_URL || llmModelPath ? 'llm' : 'extractive') : raw.ANSWERER;
  const resolve = (p: string) => path.resolve(PROJECT_ROOT, p);
  return Object.freeze({
    ...raw,
    ROOT: PROJECT_ROOT,
    CORPUS_DIR: resolve(raw.CORPUS_DIR),
    INDEX_DIR: resolve(raw.INDEX_DIR),
    EVAL_DIR: resolve(raw.EVAL_DIR),
    WEB_DIST_DIR: resolve(raw.WEB_DIST_DIR),
    MODELS_DIR: raw.MODELS_DIR ? resolve(raw.MODELS_DIR) : '',
    ANSWER_SELECTOR_DIR: raw.ANSWER_SELECTOR_DIR === 'none' ? 'none' : resolve(raw.ANSWER_SELECTOR_DIR),
    ALLOWED_ORIGINS: originList(raw.ALLOWED_ORIGINS),
    PUBLIC_ORIGINS: originList(raw.PUBLIC_ORIGINS),
    API_KEYS: apiKeys,
    LLM_MODEL_PATH: llmModelPath,
    answererMode,
    llmProvider: llmModelPath ? 'local' : 'openai',
    embeddingsProvider,
    embeddingsModel,
  });
}

function originList(value: string): readonly string[] {
  return Object.freeze(
    value
      .split(',')
      .map((s) => s.trim().replace(/\/$/, ''))
      .filter(Boolean),
  );
}

/** `key` or `name:key` entries, comma-separated; unnamed keys are named by position (key-1, key-2…). */
function apiKeyList(value: string): readonly ApiKey[] {
  const entries = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const keys = entries.map((entry, i) => {
    const named = /^([A-Za-z0-9_.-]{1,64}):(.+)$/.exec(entry);
    const name = named ? named[1] : `key-${i + 1}`;
    const key = named ? named[2] : entry;
    if (key.length < MIN_API_KEY_CHARS) {
      throw new ConfigError(`API_KEYS: the key named "${name}" has ${key.length} characters; at least ${MIN_API_KEY_CHARS} are needed`);
    }
    if (/\s/.test(key)) throw new ConfigError(`API_KEYS: the key named "${name}" contains white space`);
    return Object.freeze({ name, key });
  });
  const names = new Set<string>();
  const secrets = new Set<string>();
  for (const { name, key } of keys) {
    if (names.has(name)) throw new ConfigError(`API_KEYS: the name "${name}" is used twice`);
    if (secrets.has(key)) throw new ConfigError(`API_KEYS: the key named "${name}" repeats an earlier key`);
    names.add(name);
    secrets.add(key);
  }
  return Object.freeze(keys);
}

/** The environment for a child process this one starts (the web build), with `extra` over it. */
export function childProcessEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}
