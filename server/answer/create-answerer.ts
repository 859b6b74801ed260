// Config → the answerer: generative when an LLM is configured (OPENAI_API_KEY / OPENAI_BASE_URL, or ANSWERER=llm),
// extractive and offline otherwise. The choice is logged once, at start.
import type { Config } from '../config.js';
import type { EmbeddingsHandle } from '../embeddings/create-embeddings.js';
import type { Logger } from '../log.js';
import { createTextEmbedder } from './embedding-memo.js';
import { loadEvidenceModels } from './evidence-model.js';
import { createExtractiveAnswerer } from './extractive-answerer.js';
import { createGenerativeAnswerer } from './generative-answerer.js';
import type { Answerer } from './types.js';

export interface AnswererDeps {
  embeddings: EmbeddingsHandle | null;
  log: Logger;
}

export function createAnswerer(config: Readonly<Config>, deps: AnswererDeps): Answerer {
  const embedder = deps.embeddings ? createTextEmbedder(deps.embeddings) : null;
  // Read the fitted weights now, so a broken calibration file stops the start, not the first question.
  const models = loadEvidenceModels();
  if (config.answererMode === 'llm') {
    const where = config.OPENAI_BASE_URL || 'api.openai.com';
    deps.log.info(
      { answerer: `llm:${config.LLM_MODEL}`, baseURL: where },
      `answerer: llm:${config.LLM_MODEL} at ${where} (extractive fallback after ${config.LLM_TIMEOUT_MS} ms or on error)`,
    );
    return createGenerativeAnswerer(config, { embedder, log: deps.log });
  }
  deps.log.info(
    { answerer: 'extractive' },
    `answerer: extractive (offline${embedder ? '' : ', lexical evidence only: no embedding model'})`,
  );
  return createExtractiveAnswerer({ embedder, models });
}
