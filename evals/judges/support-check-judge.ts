// The answer path's support check (server/answer/support-check.ts) as a SupportJudge, so citation metrics judge
// support exactly as the product does when it marks a citation `supported`. Passages read together are joined:
// the check takes the best-supporting sentence, so together means "any cited passage holds a supporting sentence".
import type { EmbeddingsHandle } from '../../server/embeddings/create-embeddings.js';
import { createTextEmbedder } from '../../server/answer/embedding-memo.js';
import { checkSupport } from '../../server/answer/support-check.js';
import type { SupportJudge } from '../metrics/citations.js';

export function createSupportCheckJudge(embeddings: EmbeddingsHandle | null): SupportJudge {
  const embedder = embeddings ? createTextEmbedder(embeddings) : null;
  return {
    id: embedder ? 'support-check' : 'support-check (lexical)',
    async supports(claim, passages) {
      if (!passages.length) return false;
      return (await checkSupport(claim, passages.join('\n'), { embedder })).supported;
    },
  };
}
