// STUB (owned by the retrieval helper): lexical + dense search fused into one ranking, as a LangChain BaseRetriever.
import { BaseRetriever, type BaseRetrieverInput } from '@langchain/core/retrievers';
import type { Document } from '@langchain/core/documents';
import type { ScoredChunk } from '../domain.js';
import type { EmbeddingsHandle } from '../embeddings/create-embeddings.js';
import type { SearchableIndex } from '../store/types.js';

export interface HybridRetrieverOptions extends BaseRetrieverInput {
  index: SearchableIndex;
  /** null: lexical-only */
  embeddings: EmbeddingsHandle | null;
  k: number;
}

export class HybridRetriever extends BaseRetriever {
  lc_namespace = ['axis-rag', 'retrievers'];
  readonly k: number;
  constructor(private readonly options: HybridRetrieverOptions) {
    super(options);
    this.k = options.k;
  }

  get mode(): 'hybrid' | 'lexical-only' {
    return this.options.embeddings && this.options.index.dense ? 'hybrid' : 'lexical-only';
  }

  async search(query: string, k = this.k): Promise<ScoredChunk[]> {
    void query;
    void k;
    throw new Error('HybridRetriever.search: not implemented yet');
  }

  override async _getRelevantDocuments(query: string): Promise<Document[]> {
    void query;
    throw new Error('not implemented yet');
  }
}
