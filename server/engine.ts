// The whole question-answering pipeline behind one object. The HTTP routes, `npm run ask` and the eval runner
// all enter here, so they answer identically.
import type { Config } from './config.js';
import type {
  ChatEvent,
  ChatRequest,
  ChatResponse,
  DocumentDetail,
  DocumentMeta,
  SkippedFile,
  HealthResponse,
  ReadyResponse,
  Passage,
} from './contract.js';
import type { ScoredChunk, SourceDoc } from './domain.js';
import { createEmbeddings, type EmbeddingsChoice } from './embeddings/create-embeddings.js';
import { AppError } from './errors.js';
import { withSpanPlace } from './answer/citation-page.js';
import type { Logger } from './log.js';
import { openIndex } from './store/open-index.js';
import { StoreUnavailableError } from './store/index-errors.js';
import type { PgStore } from './store/pg/pg-store.js';
import type { AnySearchableIndex as SearchableIndex } from './store/types.js';
import { HybridRetriever } from './retrieval/hybrid-retriever.js';
import { createAnswerer } from './answer/create-answerer.js';
import { createFifoGate } from './fifo-gate.js';
import { createQuestionRewriter, type QuestionRewriter } from './answer/rewrite-question.js';
import type { AnswerPart, Answerer } from './answer/types.js';
import { citedSentences } from './answer/citations.js';
import { recordParts } from './answer/record-parts.js';
import { splitQuestion } from './answer/question-parts.js';
import { documentsAskedOf } from './answer/source-clause.js';
import { chunksQuoting } from './retrieval/quoted-passages.js';
import { precedingChunk } from './retrieval/preceding-chunk.js';
import { answerType } from './answer/answer-type.js';
import { isWebAddress } from './ingest/load-metadata.js';

export interface Engine {
  readonly config: Readonly<Config>;
  health(): HealthResponse;
  /** resolves when the store holding the index answers (at once for the index on disk); else STORE_UNAVAILABLE */
  checkStore(): Promise<void>;
  /** can this process answer now? INDEX_NOT_READY without an index, STORE_UNAVAILABLE when its database is down */
  readiness(): Promise<ReadyResponse>;
  search(query: string, k?: number): Promise<Passage[]>;
  chat(request: ChatRequest, options?: { signal?: AbortSignal }): Promise<ChatResponse>;
  /** meta → token* → citations → done, or error; stops when the signal aborts */
  chatStream(request: ChatRequest, options?: { signal?: AbortSignal }): AsyncIterable<ChatEvent>;
  listDocuments(): DocumentMeta[];
  /** corpus files the last ingest skipped, with the reason */
  skippedFiles(): SkippedFile[];
  getDocument(docId: string): DocumentDetail;
  /** re-reads the index from disk (after an ingest) */
  reload(): Promise<void>;
  close(): Promise<void>;
}

export interface EngineDeps {
  log: Logger;
  /** reuse an already loaded model (tests, scripts that also ingest) */
  embeddings?: EmbeddingsChoice;
  /** replace the configured answerer (evals compare answerers) */
  answerer?: Answerer;
  /** VECTOR_STORE=pgvector: an open store to read the index from (else the engine opens, and closes, its own) */
  pgStore?: PgStore;
}

export async function createEngine(config: Readonly<Config>, deps: EngineDeps): Promise<Engine> {
  const { log } = deps;
  const embeddings = deps.embeddings ?? (await createEmbeddings(config, log));
  const answerer = deps.answerer ?? (await createAnswerer(config, { embeddings: embeddings.handle, log }));
  // Extractive answers run on this machine's cores: two per inference process keep every process busy (one answer's
  // model call runs while the other's steps run here). Generated ones wait mostly on the LLM server.
  const answerGate = createFifoGate(answerer.id === 'extractive' ? Math.max(2, 2 * config.INFERENCE_WORKERS) : 32);
  const rewrite: QuestionRewriter = createQuestionRewriter(config, { log });

  // VECTOR_STORE=pgvector: the index is read from PostgreSQL (store/pg/); `pg` is imported only then.
  const ownStore = config.VECTOR_STORE === 'pgvector' && !deps.pgStore;
  const pgStore = deps.pgStore ?? (ownStore ? await (await import('./store/pg/pg-store.js')).openPgStoreFor(config, log) : null);

  let index: SearchableIndex | null = null;
  let retriever: HybridRetriever | null = null;

  async function load() {
    const wanted = { embedder: embeddings.handle?.id ?? null, dimensions: embeddings.handle?.dimensions ?? null };
    index = pgStore ? await pgStore.openIndex(wanted) : await openIndex(config.INDEX_DIR, wanted);
    retriever = index ? new HybridRetriever({ index, embeddings: embeddings.handle, k: config.RETRIEVAL_K }) : null;
    if (index) {
      log.info(
        { documents: index.documents.size, chunks: index.chunks.length, retrieval: retriever?.mode },
        `index: ${index.documents.size} documents, ${index.chunks.length} chunks, ${retriever?.mode} retrieval`,
      );
    } else {
      log.warn(`index: none in ${pgStore?.database ?? config.INDEX_DIR}; run \`npm run ingest\``);
    }
  }
  await load();

  /** A database that cannot be reached is the client's 503 STORE_UNAVAILABLE, not a 500 fault of the server. */
  async function fromStore<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      throw err instanceof StoreUnavailableError ? new AppError('STORE_UNAVAILABLE', undefined, { cause: err }) : err;
    }
  }

  function ready(): { index: SearchableIndex; retriever: HybridRetriever } {
    if (!index || !retriever) throw new AppError('INDEX_NOT_READY');
    return { index, retriever };
  }

  function toPassage(chunk: ScoredChunk, doc: SourceDoc | undefined): Passage {
    return {
      chunkId: chunk.chunkId,
      docId: chunk.docId,
      title: doc?.title ?? chunk.docId,
      text: chunk.text,
      score: chunk.score,
      start: chunk.start,
      end: chunk.end,
      page: chunk.page,
      section: chunk.section,
      authors: doc?.authors ?? [],
      date: doc?.date ?? null,
      url: webAddress(doc?.url),
      publisher: doc?.publisher ?? null,
      kind: doc?.kind ?? null,
      note: doc?.note ?? null,
      ...(chunk.lexicalScore !== undefined ? { lexicalScore: chunk.lexicalScore } : {}),
      ...(chunk.denseScore !== undefined ? { denseScore: chunk.denseScore } : {}),
      ...(chunk.isReferences ? { isReferences: true } : {}),
    };
  }

  /** The passages the last answer in the conversation quoted (candidates for a follow-up). */
  async function previouslyQuoted(index: SearchableIndex, history: ChatRequest['history']): Promise<Passage[]> {
    const last = [...(history ?? [])].reverse().find((m) => m.role === 'assistant');
    if (!last) return [];
    const sentences = citedSentences(last.content).filter((s) => s.citations.length).map((s) => s.text);
    return (await fromStore(() => chunksQuoting(index, sentences))).map((c) => toPassage(c, index.documents.get(c.docId)));
  }

  /** The k best passages; `docIds`: of these documents only (HybridRetriever.search). */
  async function search(query: string, k?: number, docIds?: ReadonlySet<string>): Promise<Passage[]> {
    const { index, retriever } = ready();
    const q = query.trim();
    if (!q) throw new AppError('EMPTY_QUESTION');
    const hits = await fromStore(() => retriever.search(q, k ?? config.RETRIEVAL_K, undefined, docIds));
    return hits.map((h) => toPassage(h, index.documents.get(h.docId)));
  }

  async function* chatStream(request: ChatRequest, options: { signal?: AbortSignal } = {}): AsyncIterable<ChatEvent> {
    const question = request.question.trim();
    if (!question) throw new AppError('EMPTY_QUESTION');
    ready();
    // Answers are computed a few at a time, the rest wait their turn in arrival order (fifo-gate.ts).
    const release = await answerGate.acquire(options.signal);
    if (!release) return;
    try {
      // timings count from here: the wait for a turn is not retrieval
      yield* answerStream(request, question, performance.now(), options);
    } finally {
      release();
    }
  }

  async function* answerStream(request: ChatRequest, question: string, t0: number, options: { signal?: AbortSignal }): AsyncIterable<ChatEvent> {
    const { index: idx } = ready();
    const { documents } = idx;
    const history = request.history ?? [];
    const rewrittenQuery = await rewrite(question, history, options.signal);
    const k = request.k ?? config.RETRIEVAL_K;
    // Every part of a multi-part question is searched on its own; their passages, and those the previous answer
    // quoted (for a follow-up), form one numbered list that citations point into.
    const passages: Passage[] = [];
    const add = (p: Passage) => {
      const at = passages.findIndex((x) => x.chunkId === p.chunkId);
      return at >= 0 ? at : passages.push(p) - 1;
    };
    const previous = await previouslyQuoted(idx, history);
    const parts: AnswerPart[] = [];
    for (const part of splitQuestion(rewrittenQuery)) {
      if (options.signal?.aborted) return;
      // a part that names its source documents ("…, according to Avdaliani?") is searched in them alone
      const hits = await search(part, k, documentsAskedOf(part, documents.values()) ?? undefined);
      hits.forEach(add);
      // a question asking when: the paragraph before the best passage may state the date (preceding-chunk.ts)
      const type = answerType(part);
      const before = hits[0] && (type === 'date' || type === 'year') ? precedingChunk(idx, hits[0]) : null;
      if (before) add(toPassage({ ...before, score: 0 }, documents.get(before.docId)));
      // a question about a document itself or about the whole corpus: answered from the records (record-parts.ts)
      const fromRecords = recordParts(part, {
        documents,
        fallbackDocId: previous[0]?.docId ?? hits[0]?.docId ?? null,
        present: (doc) => ({ ...doc, url: webAddress(doc.url) }),
        add,
      });
      parts.push(...(fromRecords ?? [{ question: part }]));
    }
    previous.forEach(add);
    const t1 = performance.now();
    yield { type: 'meta', rewrittenQuery, answerer: answerer.id, passages };
    for await (const event of answerer.answer({ question: rewrittenQuery, parts, passages, signal: options.signal })) {
      if (options.signal?.aborted) return;
      if (event.type === 'token') {
        yield { type: 'token', text: event.text };
        continue;
      }
      const r = { ...event.result, citations: event.result.citations.map((c) => withSpanPlace(c, documents.get(c.docId))) };
      const t2 = performance.now();
      yield { type: 'citations', citations: r.citations, abstained: r.abstained };
      yield {
        type: 'done',
        response: {
          answer: r.answer,
          citations: r.citations,
          abstained: r.abstained,
          ...(r.uncertain ? { uncertain: true } : {}),
          rewrittenQuery,
          answerer: r.answerer,
          passages,
          warnings: r.warnings,
          timings: { retrievalMs: round(t1 - t0), answerMs: round(t2 - t1), totalMs: round(t2 - t0) },
        },
      };
      return;
    }
  }

  async function chat(request: ChatRequest, options: { signal?: AbortSignal } = {}): Promise<ChatResponse> {
    for await (const event of chatStream(request, options)) if (event.type === 'done') return event.response;
    if (options.signal?.aborted) throw new AppError('CLIENT_CLOSED');
    throw new AppError('INTERNAL', 'The answer stream ended without a result.');
  }

  function meta(doc: SourceDoc, chunks: number): DocumentMeta {
    return {
      docId: doc.docId,
      title: doc.title,
      authors: doc.authors,
      publisher: doc.publisher,
      url: webAddress(doc.url),
      date: doc.date,
      kind: doc.kind,
      note: doc.note,
      format: doc.format,
      chunks,
      chars: doc.text.length,
    };
  }

  // chunks per document, counted once per loaded index (a reload brings a new index object)
  const countsByIndex = new WeakMap<SearchableIndex, Map<string, number>>();
  function chunkCounts(idx: SearchableIndex): Map<string, number> {
    let counts = countsByIndex.get(idx);
    if (!counts) {
      counts = new Map<string, number>();
      for (const c of idx.chunks) counts.set(c.docId, (counts.get(c.docId) ?? 0) + 1);
      countsByIndex.set(idx, counts);
    }
    return counts;
  }

  return {
    config,
    health() {
      return {
        status: 'ok',
        documents: index?.documents.size ?? 0,
        chunks: index?.chunks.length ?? 0,
        embeddings: embeddings.label,
        answerer: answerer.id,
        retrieval: retriever?.mode ?? 'none',
        indexBuiltAt: index?.manifest.builtAt ?? null,
      };
    },
    checkStore: () => fromStore(async () => pgStore?.ping()),
    async readiness() {
      // the models (embeddings, selector, LLM) are loaded before the engine exists: an engine is ready once its index is
      ready();
      await fromStore(async () => pgStore?.ping());
      return { status: 'ready', store: config.VECTOR_STORE, embeddings: embeddings.label, answerer: answerer.id };
    },
    search,
    chat,
    chatStream,
    listDocuments() {
      const { index } = ready();
      const counts = chunkCounts(index);
      return [...index.documents.values()]
        .map((d) => meta(d, counts.get(d.docId) ?? 0))
        .sort((a, b) => a.title.localeCompare(b.title));
    },
    skippedFiles() {
      const { index } = ready();
      return (index.manifest.skipped ?? []).map(({ relPath, reason }) => ({ relPath, reason }));
    },
    getDocument(docId: string) {
      const { index } = ready();
      const doc = index.documents.get(docId);
      if (!doc) throw new AppError('UNKNOWN_DOCUMENT', `No document "${docId}" in the corpus.`);
      const m = meta(doc, chunkCounts(index).get(docId) ?? 0);
      return { ...m, text: doc.text, pages: doc.pages, sections: doc.sections };
    },
    reload: load,
    async close() {
      index = null;
      retriever = null;
      if (ownStore) await pgStore?.close();
    },
  };
}

const round = (ms: number) => Math.round(ms * 10) / 10;
/** Only http(s) links reach clients, also from an index built before ingest enforced it. */
const webAddress = (url: string | null | undefined) => (url && isWebAddress(url) ? url : null);
