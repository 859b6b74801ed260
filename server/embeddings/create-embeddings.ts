// Config → the embedding model the index and the retriever use, or none (lexical-only retrieval).
// A missing model is not a crash: one warning line says what is missing and how to get it.
import path from 'node:path';
import { existsSync } from 'node:fs';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { Config } from '../config.js';
import type { TokenCounter } from '../domain.js';
import { sharedInferencePool } from '../inference/inference-pool.js';
import type { Logger } from '../log.js';
import { LocalEmbeddings, type EmbedProgress } from './local-embeddings.js';

export interface EmbeddingsHandle {
  /** provider/model id stored in the index manifest, e.g. local:Xenova/all-MiniLM-L6-v2@q8 */
  id: string;
  dimensions: number;
  embeddings: EmbeddingsInterface;
  /** embeds in batches, reporting progress */
  embedDocuments(texts: string[], onProgress?: EmbedProgress): Promise<number[][]>;
  /** embedDocuments calls worth running at once (the local model: one per inference process) */
  parallelCalls: number;
  embedQuery(text: string): Promise<number[]>;
}

export interface EmbeddingsChoice {
  /** null when no model is available: retrieval is lexical-only */
  handle: EmbeddingsHandle | null;
  /** counts word-pieces with the model's tokenizer when there is one, else estimates */
  countTokens: TokenCounter;
  /** what the health route reports */
  label: string;
}

/**
 * Estimate of BERT word-pieces when no tokenizer is loaded: words plus punctuation, plus a share for
 * long words that split into pieces. Errs high, so chunks stay within the model's window.
 */
export const estimateTokens: TokenCounter = (text) => {
  let n = 0;
  for (const m of text.matchAll(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu)) n += m[0].length > 6 ? 1 + Math.ceil((m[0].length - 6) / 4) : 1;
  return n;
};

/**
 * MODELS_DIR when set (then nothing is downloaded). Unset: the first of ./models and ../shared/models that holds
 * the model, so a checkout beside the shared model folder works offline; otherwise '' = the model hub.
 */
export function findModelsDir(config: Config): string {
  if (config.MODELS_DIR) return config.MODELS_DIR;
  const candidates = [path.join(config.ROOT, 'models'), path.join(config.ROOT, '..', 'shared', 'models')];
  return candidates.find((dir) => existsSync(path.join(dir, config.embeddingsModel))) ?? '';
}

export async function createEmbeddings(config: Config, log: Logger): Promise<EmbeddingsChoice> {
  if (config.embeddingsProvider === 'none') {
    log.info('embeddings: none (EMBEDDINGS=none); retrieval is lexical-only');
    return { handle: null, countTokens: estimateTokens, label: 'none' };
  }
  if (config.embeddingsProvider === 'openai') {
    const { OpenAIEmbeddings } = await import('@langchain/openai');
    const embeddings = new OpenAIEmbeddings({
      model: config.embeddingsModel,
      apiKey: config.OPENAI_API_KEY,
      batchSize: config.EMBEDDINGS_BATCH_SIZE,
      configuration: config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : undefined,
    });
    try {
      const probe = await embeddings.embedQuery('dimension probe');
      const id = `openai:${config.embeddingsModel}`;
      log.info({ embeddings: id, dimensions: probe.length }, `embeddings: ${id} (${probe.length} dimensions)`);
      return {
        handle: {
          id,
          dimensions: probe.length,
          embeddings,
          embedDocuments: async (texts, onProgress) => {
            const out: number[][] = [];
            for (let i = 0; i < texts.length; i += config.EMBEDDINGS_BATCH_SIZE) {
              out.push(...(await embeddings.embedDocuments(texts.slice(i, i + config.EMBEDDINGS_BATCH_SIZE))));
              onProgress?.(out.length, texts.length);
            }
            return out;
          },
          parallelCalls: 1,
          embedQuery: (t) => embeddings.embedQuery(t),
        },
        countTokens: estimateTokens,
        label: id,
      };
    } catch (err) {
      log.warn(`embeddings: openai:${config.embeddingsModel} unavailable (${(err as Error).message}); retrieval is lexical-only`);
      return { handle: null, countTokens: estimateTokens, label: 'none' };
    }
  }
  const modelsDir = findModelsDir(config);
  // hub downloads land here when no folder holds the model
  const cacheDir = path.join(config.ROOT, '.cache', 'models');
  const local = new LocalEmbeddings({
    model: config.embeddingsModel,
    modelsDir,
    dtype: config.EMBEDDINGS_DTYPE,
    batchSize: config.EMBEDDINGS_BATCH_SIZE,
    cacheDir,
    pool: sharedInferencePool(config.INFERENCE_WORKERS),
  });
  try {
    await local.load();
  } catch (err) {
    log.warn(
      `embeddings: ${(err as Error).message}; retrieval is lexical-only. ` +
        'Set MODELS_DIR to a folder holding the model (e.g. MODELS_DIR=../shared/models) or allow the download.',
    );
    return { handle: null, countTokens: estimateTokens, label: 'none' };
  }
  const dimensions = local.dimensions ?? (await local.embedQuery('dimension probe')).length;
  // where it came from: a folder (MODELS_DIR, ./models, ../shared/models) or the hub's download cache
  const from = modelsDir || cacheDir;
  log.info({ embeddings: local.id, dimensions, from }, `embeddings: ${local.id} (${dimensions} dimensions) from ${from}`);
  return {
    handle: {
      id: local.id,
      dimensions,
      embeddings: local,
      embedDocuments: (texts, onProgress) => local.embedDocuments(texts, onProgress),
      parallelCalls: local.parallelCalls,
      embedQuery: (t) => local.embedQuery(t),
    },
    countTokens: local.countTokens,
    label: local.id,
  };
}
