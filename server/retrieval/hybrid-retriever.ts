// Lexical (BM25) + dense (cosine) search fused into one ranking of chunks, as a LangChain BaseRetriever so it
// plugs into chains. The fusion was chosen by measurement on BEIR SciFact train (scripts/tune-retrieval.ts) and
// checked on its test split and on SQuAD questions (scripts/bench-retrieval.ts); figures in README "Retrieval quality".
//
// score (in [0, 1], higher is better, comparable across queries; the answerer abstains on it):
//   lexical part = min(1, BM25 / idealScore(query)): 1 when the chunk holds every query term about as often as
//                  an average chunk would (Bm25Index.idealScore), less when it misses the rarer terms;
//   dense part   = cosine between query and chunk, clipped to [0, 1];
//   score        = w · dense + (1 − w) · lexical, w = FUSION.denseWeight (lexical only: the lexical part alone);
//   bibliography chunks (isReferences) are then multiplied by FUSION.referencesWeight.
import { BaseRetriever, type BaseRetrieverInput } from '@langchain/core/retrievers';
import { Document } from '@langchain/core/documents';
import type { ScoredChunk } from '../domain.js';
import type { EmbeddingsHandle } from '../embeddings/create-embeddings.js';
import type { SearchableIndex } from '../store/types.js';
import { convexFusion, type FusedHit } from './fusion.js';

export interface FusionSettings {
  /** weight of the dense side; the lexical side gets 1 − denseWeight */
  denseWeight: number;
  /** candidates taken from each search before fusing (at least k) */
  candidates: number;
  /** multiplier for bibliography chunks, so reference lists do not crowd out body text */
  referencesWeight: number;
}

/** Chosen by measurement on SciFact train (809 queries); see README "Retrieval quality". */
export const FUSION: Readonly<FusionSettings> = Object.freeze({ denseWeight: 0.7, candidates: 200, referencesWeight: 0.8 });

export interface HybridRetrieverOptions extends BaseRetrieverInput {
  index: SearchableIndex;
  /** null: lexical-only */
  embeddings: EmbeddingsHandle | null;
  k: number;
  /** one side alone (benchmarks compare them); default both when the index and the model allow */
  only?: 'lexical' | 'dense';
  fusion?: Partial<FusionSettings>;
}

/** Optional on a LexicalSearch: the score that means "every query term matched" (Bm25Index has it). */
interface WithIdealScore {
  idealScore(query: string): number;
}
const hasIdealScore = (x: object): x is WithIdealScore => typeof (x as Partial<WithIdealScore>).idealScore === 'function';

export class HybridRetriever extends BaseRetriever {
  lc_namespace = ['axis-rag', 'retrievers'];
  readonly k: number;
  readonly fusion: Readonly<FusionSettings>;
  constructor(private readonly options: HybridRetrieverOptions) {
    super(options);
    this.k = options.k;
    this.fusion = { ...FUSION, ...options.fusion };
    if (options.only === 'dense' && !this.denseAvailable) throw new Error('HybridRetriever: dense-only needs embeddings and a dense index');
  }

  private get denseAvailable(): boolean {
    return Boolean(this.options.embeddings && this.options.index.dense);
  }

  get mode(): 'hybrid' | 'lexical-only' | 'dense-only' {
    if (this.options.only === 'dense') return 'dense-only';
    return this.options.only !== 'lexical' && this.denseAvailable ? 'hybrid' : 'lexical-only';
  }

  async search(query: string, k = this.k): Promise<ScoredChunk[]> {
    const { index, embeddings } = this.options;
    const mode = this.mode;
    const depth = Math.max(k, this.fusion.candidates);
    const lexical = mode === 'dense-only' ? [] : index.lexical.search(query, depth);
    const dense = mode === 'lexical-only' ? [] : await index.dense!.search(await embeddings!.embedQuery(query), depth);
    const ideal = hasIdealScore(index.lexical) ? index.lexical.idealScore(query) : Math.max(0, ...lexical.map((h) => h.score));
    const denseWeight = mode === 'hybrid' ? this.fusion.denseWeight : mode === 'dense-only' ? 1 : 0;
    const fused = convexFusion(lexical, dense, {
      denseWeight,
      lexicalNorm: 'fixed',
      lexicalDenominator: ideal,
      denseNorm: 'fixed',
      denseDenominator: 1,
    });
    return this.rank(fused).slice(0, k);
  }

  private rank(fused: FusedHit[]): ScoredChunk[] {
    const { chunks } = this.options.index;
    const out = fused.map((h): ScoredChunk => {
      const chunk = chunks[h.index];
      const score = chunk.isReferences ? h.score * this.fusion.referencesWeight : h.score;
      return {
        ...chunk,
        score,
        ...(h.lexical !== undefined ? { lexicalScore: h.lexical } : {}),
        ...(h.dense !== undefined ? { denseScore: h.dense } : {}),
      };
    });
    // Stable: equal scores keep the fused order.
    return out.sort((a, b) => b.score - a.score);
  }

  override async _getRelevantDocuments(query: string): Promise<Document[]> {
    const hits = await this.search(query, this.k);
    return hits.map(({ text, ...fields }) => {
      const title = this.options.index.documents.get(fields.docId)?.title ?? fields.docId;
      return new Document({ pageContent: text, metadata: { ...fields, title }, id: fields.chunkId });
    });
  }
}
