// STUB (owned by the answer helper): Config → the answerer (extractive offline, generative with an LLM).
import type { Config } from '../config.js';
import type { EmbeddingsHandle } from '../embeddings/create-embeddings.js';
import type { Logger } from '../log.js';
import type { Answerer } from './types.js';

export interface AnswererDeps {
  embeddings: EmbeddingsHandle | null;
  log: Logger;
}

export function createAnswerer(config: Config, deps: AnswererDeps): Answerer {
  void config;
  void deps;
  throw new Error('createAnswerer: not implemented yet');
}
