// The SQuAD closed corpus behind the product pipeline: paragraphs → product chunker → product embeddings (cached
// under .cache/squad) → in-memory index → the product retriever (HybridRetriever), or a temporary fusion while
// the retriever is not available.
import path from 'node:path';
import { loadConfig, PROJECT_ROOT, type Config } from '../../server/config.js';
import type { Passage } from '../../server/contract.js';
import { plainSourceDoc, type Chunk, type SourceDoc } from '../../server/domain.js';
import { createEmbeddings } from '../../server/embeddings/create-embeddings.js';
import { chunkDocument } from '../../server/ingest/chunk.js';
import { silentLogger } from '../../server/log.js';
import { HybridRetriever } from '../../server/retrieval/hybrid-retriever.js';
import { buildInMemoryIndex } from '../../server/retrieval/in-memory-index.js';
import type { SearchableIndex } from '../../server/store/types.js';
import { createTextEmbedder, type TextEmbedder } from '../../server/answer/embedding-memo.js';
import { cachedEmbeddings, type CachedEmbeddings } from '../../server/answer/testing/disk-embedding-cache.js';
import { toPassage } from '../../server/answer/testing/seed-passages.js';
import { loadSquad, DEFAULT_SQUAD_FILE, type Squad } from './load-squad.js';

export interface SquadSetup {
  config: Readonly<Config>;
  squad: Squad;
  index: SearchableIndex;
  chunksOf: Map<string, number>;
  /** cached real model; null with EMBEDDINGS=none */
  embeddings: CachedEmbeddings | null;
  /** what the answerer embeds with (memoised over the cached model) */
  embedder: TextEmbedder | null;
  /** which retrieval produced the passages */
  retrieval: string;
  search(question: string, k: number, excludeDocId?: string): Promise<Passage[]>;
}

export async function setupSquad(options: { file?: string; log?: (s: string) => void } = {}): Promise<SquadSetup> {
  const log = options.log ?? (() => {});
  const config = loadConfig();
  const squad = await loadSquad(path.resolve(PROJECT_ROOT, options.file ?? DEFAULT_SQUAD_FILE));
  const choice = await createEmbeddings(config, silentLogger);
  const embeddings = choice.handle ? cachedEmbeddings(choice.handle, path.join(PROJECT_ROOT, '.cache', 'squad')) : null;
  const docs = new Map<string, SourceDoc>();
  const chunks: Chunk[] = [];
  for (const p of squad.paragraphs) {
    const doc = plainSourceDoc({ docId: p.docId, title: p.title, text: p.text, relPath: `${p.docId}.txt`, format: 'txt' });
    docs.set(doc.docId, doc);
    chunks.push(...chunkDocument(doc, choice.countTokens));
  }
  const chunksOf = new Map<string, number>();
  for (const c of chunks) chunksOf.set(c.docId, (chunksOf.get(c.docId) ?? 0) + 1);
  log(`squad: ${squad.paragraphs.length} paragraphs → ${chunks.length} chunks; embedding (cached in .cache/squad)…`);
  const index = await buildInMemoryIndex({ documents: docs.values(), chunks, embeddings });
  embeddings?.flush();

  const retriever = new HybridRetriever({ index, embeddings, k: config.RETRIEVAL_K });
  let retrieval = `product HybridRetriever (${retriever.mode})`;
  let search = async (q: string, k: number) =>
    (await retriever.search(q, k)).map((h) => toPassage(h, docs.get(h.docId)!, h.score));
  try {
    await search('probe', 1);
  } catch (err) {
    // Temporary: the retriever is being built in parallel. Convex fusion 0.3·BM25/max + 0.7·cosine, the best
    // fusion measured on SciFact (../shared/models/PROVENANCE.md).
    retrieval = `temporary convex fusion in the runner (HybridRetriever failed: ${(err as Error).message})`;
    search = async (q, k) => {
      const lexical = index.lexical.search(q, 200);
      const maxLex = Math.max(1e-9, ...lexical.map((h) => h.score));
      const scores = new Map<number, number>(lexical.map((h) => [h.index, (0.3 * h.score) / maxLex]));
      if (index.dense && embeddings) {
        for (const h of await index.dense.search(await embeddings.embedQuery(q), 200)) {
          scores.set(h.index, (scores.get(h.index) ?? 0) + 0.7 * h.score);
        }
      }
      return [...scores]
        .sort((a, b) => b[1] - a[1])
        .slice(0, k)
        .map(([i, s]) => toPassage(index.chunks[i], docs.get(index.chunks[i].docId)!, s));
    };
  }
  return {
    config,
    squad,
    index,
    chunksOf,
    embeddings,
    embedder: embeddings ? createTextEmbedder(embeddings, 200_000) : null,
    retrieval,
    async search(question, k, excludeDocId) {
      if (!excludeDocId) return search(question, k);
      // "Remove the gold paragraph from the corpus": search deeper and drop its chunks. BM25 statistics keep the
      // paragraph, which changes other scores negligibly.
      const extra = chunksOf.get(excludeDocId) ?? 0;
      return (await search(question, k + extra)).filter((p) => p.docId !== excludeDocId).slice(0, k);
    },
  };
}
