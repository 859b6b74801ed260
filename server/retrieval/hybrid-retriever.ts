// Lexical (BM25) + dense (cosine) search fused into one ranking of chunks, as a LangChain BaseRetriever so it
// plugs into chains. The fusion was chosen by measurement on BEIR SciFact train (scripts/tune-retrieval.ts) and
// checked on its test split and on SQuAD questions (scripts/bench-retrieval.ts); figures in README "Retrieval quality".
//
// score (in [0, 1], higher is better, comparable across queries; the answerer abstains on it):
//   lexical part = BM25 / max(best BM25 of the query, idealScore(query)). idealScore (Σ idf of the query terms) is
//                  what an average-length chunk holding every query term once would score. So when some chunk
//                  matches the query that well, the best lexical match gets 1 (max-normalisation, which ranks
//                  best); when even the best match misses the rarer terms, it stays below 1 instead of being
//                  promoted, and an off-topic question scores low;
//   dense part   = cosine between query and chunk, clipped to [0, 1] (already absolute);
//   score        = w · dense + (1 − w) · lexical, w = FUSION.denseWeight; lexical-only: the lexical part alone,
//                  dense-only: the dense part alone. A chunk absent from one side's candidates gets 0 there when
//                  that side returned fewer than FUSION.candidates (it matched nothing), else the lowest value
//                  among them (it ranked below the cut, so that is the closest known bound);
//   bibliography chunks (isReferences) are then multiplied by FUSION.referencesWeight.
import { BaseRetriever, type BaseRetrieverInput } from '@langchain/core/retrievers';
import { Document } from '@langchain/core/documents';
import type { ScoredChunk } from '../domain.js';
import type { EmbeddingsHandle } from '../embeddings/create-embeddings.js';
import type { AnySearchableIndex } from '../store/types.js';
import { convexFusion, type FusedHit } from './fusion.js';

export interface FusionSettings {
  /** weight of the dense side; the lexical side gets 1 − denseWeight */
  denseWeight: number;
  /** candidates taken from each search before fusing; k larger than the union of both returns fewer */
  candidates: number;
  /** multiplier for bibliography chunks, so reference lists do not crowd out body text */
  referencesWeight: number;
}

/**
 * denseWeight 0.6, candidates 200: best on SciFact train (nDCG@10 0.743) among the normalisations, weights and
 * depths measured; with missing chunks given the list's lowest value, 200 candidates do as well as 1,000 or all.
 * referencesWeight 0.8: with the 42 titles cited in the seed paper as queries, the bibliography then takes 1.1 of
 * the top 6 instead of 1.9, and the cited entry itself still ranks in the top 6 for 41 of them (0.6: 29 of 42);
 * scripts/tune-references-weight.ts.
 */
export const FUSION: Readonly<FusionSettings> = Object.freeze({ denseWeight: 0.6, candidates: 200, referencesWeight: 0.8 });

export interface HybridRetrieverOptions extends BaseRetrieverInput {
  /** the local store's or PostgreSQL's (store/pg/): the same scores either way */
  index: AnySearchableIndex;
  /** null: lexical-only */
  embeddings: EmbeddingsHandle | null;
  k: number;
  /** one side alone (benchmarks compare them); default both when the index and the model allow */
  only?: 'lexical' | 'dense';
  fusion?: Partial<FusionSettings>;
}

/** Milliseconds per stage of one search (stages that did not run stay undefined). */
export interface RetrievalTimings {
  /** query embedding, from the start of the search (it overlaps the lexical search) */
  embedMs?: number;
  lexicalMs?: number;
  denseMs?: number;
  fusionMs?: number;
  /** the whole search */
  totalMs?: number;
}

/** Optional on a LexicalSearch: the score that means "every query term matched" (Bm25Index and the database's have it). */
interface WithIdealScore {
  idealScore(query: string): number | Promise<number>;
}
const hasIdealScore = (x: object): x is WithIdealScore => typeof (x as Partial<WithIdealScore>).idealScore === 'function';

/** The first k of a ranking, its groups taking turns (each group's best first, in ranking order), the ranking order kept. */
function takingTurns<T>(ranked: T[], k: number, groupOf: (x: T) => string): T[] {
  const groups = new Map<string, T[]>();
  for (const x of ranked) groups.set(groupOf(x), [...(groups.get(groupOf(x)) ?? []), x]);
  const picked = new Set<T>();
  for (let round = 0; picked.size < Math.min(k, ranked.length); round++) for (const g of groups.values()) if (g[round] && picked.size < k) picked.add(g[round]);
  return ranked.filter((x) => picked.has(x));
}

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

  /**
   * The k best chunks. `timings`, when given, receives each stage's milliseconds (benchmarks: scripts/bench-scale.ts).
   * The query is embedded while the lexical search runs (the model infers off the main thread; the local BM25 runs
   * on it, PostgreSQL's in the database), so a hybrid search costs about the longer of the two, not their sum.
   * `docIds`: only chunks of these documents (a question that names its source: "…, according to Avdaliani?"),
   * taken from the same fused candidates (a document with no chunk among them gives none); with several, they take
   * turns, best first, so a question naming two sources gets passages of both.
   */
  async search(query: string, k = this.k, timings?: RetrievalTimings, docIds?: ReadonlySet<string>): Promise<ScoredChunk[]> {
    const { index, embeddings } = this.options;
    const mode = this.mode;
    const t0 = performance.now();
    const since = (t: number) => performance.now() - t;
    // The depth does not grow with k, so the top of the ranking is the same whatever k is asked.
    const depth = this.fusion.candidates;
    const queryVector =
      mode === 'lexical-only'
        ? null
        : embeddings!.embedQuery(query).then((v) => {
            if (timings) timings.embedMs = since(t0);
            return v;
          });
    // Rejections are handled where the vector is awaited; this keeps a failing lexical search from leaving it unhandled.
    queryVector?.catch(() => undefined);
    const lexicalPart = async () => {
      if (mode === 'dense-only') return { hits: [], ideal: 0 };
      // Let the embedding's synchronous start (tokenisation) run and hand the model run to its thread first;
      // else a synchronous BM25 search would run before it and nothing would overlap.
      if (queryVector) await new Promise((resolve) => setImmediate(resolve));
      const tLexical = performance.now();
      const hits = await index.lexical.search(query, depth);
      // Without an idealScore (another LexicalSearch), plain max-normalisation.
      const ideal = hasIdealScore(index.lexical) ? await index.lexical.idealScore(query) : 0;
      if (timings) timings.lexicalMs = since(tLexical);
      return { hits, ideal };
    };
    const densePart = async () => {
      if (!queryVector) return [];
      const vector = await queryVector;
      const t = performance.now();
      const hits = await index.dense!.search(vector, depth);
      if (timings) timings.denseMs = since(t);
      return hits;
    };
    const [lexical, dense] = await Promise.all([lexicalPart(), densePart()]);
    const tFusion = performance.now();
    const denseWeight = mode === 'hybrid' ? this.fusion.denseWeight : mode === 'dense-only' ? 1 : 0;
    const fused = convexFusion(lexical.hits, dense, {
      denseWeight,
      lexicalNorm: 'max-fixed',
      lexicalDenominator: lexical.ideal,
      denseNorm: 'fixed',
      denseDenominator: 1,
      depth,
    });
    const ranked = this.rank(fused, k, docIds);
    if (timings) {
      timings.fusionMs = since(tFusion);
      timings.totalMs = since(t0);
    }
    return ranked;
  }

  private rank(fused: FusedHit[], k: number, docIds?: ReadonlySet<string>): ScoredChunk[] {
    const { chunks } = this.options.index;
    const kept = docIds ? fused.filter((h) => docIds.has(chunks[h.index].docId)) : fused;
    const weighted = kept.map((h) => (chunks[h.index].isReferences ? { ...h, score: h.score * this.fusion.referencesWeight } : h));
    // Stable: equal scores keep the fused order (lower chunk index first).
    weighted.sort((a, b) => b.score - a.score);
    return (docIds && docIds.size > 1 ? takingTurns(weighted, k, (h) => chunks[h.index].docId) : weighted.slice(0, k)).map(
      (h): ScoredChunk => ({
        ...chunks[h.index],
        score: h.score,
        ...(h.lexical !== undefined ? { lexicalScore: h.lexical } : {}),
        ...(h.dense !== undefined ? { denseScore: h.dense } : {}),
      }),
    );
  }

  override async _getRelevantDocuments(query: string): Promise<Document[]> {
    const hits = await this.search(query, this.k);
    return hits.map(({ text, ...fields }) => {
      const title = this.options.index.documents.get(fields.docId)?.title ?? fields.docId;
      return new Document({ pageContent: text, metadata: { ...fields, title }, id: fields.chunkId });
    });
  }
}
