// Config → the answerer: generative when an LLM is configured (OPENAI_API_KEY / OPENAI_BASE_URL / LLM_MODEL_PATH,
// or ANSWERER=llm),
// extractive and offline otherwise. The extractive answerer (also the LLM's fallback) uses the trained answer
// selector when its folder is there; without it, it says so once and ranks by embedding similarity.
import type { Config } from '../config.js';
import type { EmbeddingsHandle } from '../embeddings/create-embeddings.js';
import { sharedInferencePool } from '../inference/inference-pool.js';
import type { Logger } from '../log.js';
import { loadDecisionModels } from './answer-decision.js';
import { createTextEmbedder } from './embedding-memo.js';
import { createExtractiveAnswerer, type ExtractiveDeps } from './extractive-answerer.js';
import { createGenerativeAnswerer } from './generative-answerer.js';
import { createLlmClient } from './llm-client.js';
import { loadAnswerSelector, type AnswerSelector } from './selector/answer-selector.js';
import type { Answerer } from './types.js';

export interface AnswererDeps {
  embeddings: EmbeddingsHandle | null;
  log: Logger;
}

/** The answer selector, or null (with one log line saying why and what the answers lose). */
export async function loadSelectorOrNull(config: Readonly<Config>, log: Logger): Promise<AnswerSelector | null> {
  if (config.ANSWER_SELECTOR_DIR === 'none') {
    log.info('answer selector: off (ANSWER_SELECTOR_DIR=none); sentences ranked by embedding similarity');
    return null;
  }
  try {
    return await loadAnswerSelector(config.ANSWER_SELECTOR_DIR, { pool: sharedInferencePool(config.INFERENCE_WORKERS) });
  } catch (err) {
    log.warn(`answer selector: not loaded (${(err as Error).message}); sentences ranked by embedding similarity, abstention cruder`);
    return null;
  }
}

export async function createAnswerer(config: Readonly<Config>, deps: AnswererDeps): Promise<Answerer> {
  const embedder = deps.embeddings ? createTextEmbedder(deps.embeddings) : null;
  // Read the fitted decision now, so a broken calibration file stops the start, not the first question.
  loadDecisionModels();
  const selector = await loadSelectorOrNull(config, deps.log);
  const extractive: ExtractiveDeps = { embedder, selector };
  if (config.answererMode === 'llm') {
    const client = createLlmClient(config);
    try {
      // the in-process model loads its weights here, so a file it cannot run is found at start, not at a question
      const runs = await client.ready();
      deps.log.info(
        { answerer: client.id, where: client.where },
        `answerer: ${client.id} at ${client.where} — ${runs} (extractive fallback after ${config.LLM_TIMEOUT_MS} ms or on error)`,
      );
      return createGenerativeAnswerer(config, { embedder, extractive, log: deps.log, client });
    } catch (err) {
      deps.log.error(`answerer: ${client.id} cannot run (${(err as Error).message.split('\n')[0]}); answering extractively instead`);
    }
  }
  deps.log.info(
    { answerer: 'extractive', selector: selector?.id ?? null },
    `answerer: extractive (offline${selector ? `, answer selector ${selector.id}` : ''}${embedder ? '' : ', lexical evidence only: no embedding model'})`,
  );
  return createExtractiveAnswerer(extractive);
}
