// Embeddings of short texts (sentences, words) computed once: the same passages come back for follow-up and
// related questions, and the support check re-reads sentences the extractive answerer already embedded.
import type { EmbeddingsHandle } from '../embeddings/create-embeddings.js';

export interface TextEmbedder {
  /** provider/model id of the vectors */
  readonly id: string;
  embed(texts: string[]): Promise<number[][]>;
}

/** Wraps an embedding model with a least-recently-used cache of `max` texts. */
export function createTextEmbedder(handle: Pick<EmbeddingsHandle, 'id' | 'embedDocuments'>, max = 50_000): TextEmbedder {
  const cache = new Map<string, number[]>();
  return {
    id: handle.id,
    async embed(texts) {
      const missing = [...new Set(texts.filter((t) => !cache.has(t)))];
      // One text per model call: with the int8 model a text's vector depends on the other texts of its batch
      // (activations are quantised per batch; cosine between the two vectors as low as 0.985 here), so batching
      // would make an answer depend on which questions came before it. One at a time costs about 1.5× on a cold
      // question and nothing on a memoised one.
      for (const t of missing) cache.set(t, (await handle.embedDocuments([t]))[0]);
      while (cache.size > max) cache.delete(cache.keys().next().value as string);
      return texts.map((t) => {
        const v = cache.get(t)!;
        // refresh recency
        cache.delete(t);
        cache.set(t, v);
        return v;
      });
    },
  };
}
