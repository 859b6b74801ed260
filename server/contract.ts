// Wire schemas of the HTTP API (../shared/CONTRACT.md). Each TypeBox value is both the validation and the type.
// Extend with optional fields; never change or remove a field others rely on.
import { Type, type Static } from 'typebox';

/** Longest question accepted; longer is a 400 QUESTION_TOO_LONG, not a truncation. */
export const MAX_QUESTION_CHARS = 2000;
/** Longest history message accepted (answers can be long). */
export const MAX_HISTORY_MESSAGE_CHARS = 8000;
export const MAX_HISTORY_MESSAGES = 20;
export const MAX_SEARCH_K = 50;
export const MAX_CHAT_K = 20;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** Metadata of a document, as known; unknown fields are null, never invented. */
export const DocumentMetaSchema = Type.Object({
  docId: Type.String(),
  title: Type.String(),
  authors: Type.Array(Type.String()),
  publisher: Nullable(Type.String()),
  url: Nullable(Type.String()),
  date: Nullable(Type.String()),
  kind: Nullable(Type.String()),
  note: Nullable(Type.String()),
  format: Type.String(),
  chunks: Type.Integer(),
  chars: Type.Integer(),
});
export type DocumentMeta = Static<typeof DocumentMetaSchema>;

export const PageSpanSchema = Type.Object({ page: Type.Integer(), start: Type.Integer(), end: Type.Integer() });
export const SectionSpanSchema = Type.Object({
  heading: Type.String(),
  start: Type.Integer(),
  end: Type.Integer(),
  isReferences: Type.Boolean(),
});

/** A document with its cleaned text; chunk and citation offsets index into `text`. */
export const DocumentDetailSchema = Type.Intersect([
  DocumentMetaSchema,
  Type.Object({ text: Type.String(), pages: Type.Array(PageSpanSchema), sections: Type.Array(SectionSpanSchema) }),
]);
export type DocumentDetail = Static<typeof DocumentDetailSchema>;

/** A corpus file the last ingest could not index, and why (damaged, empty, over a size limit…). */
export const SkippedFileSchema = Type.Object({ relPath: Type.String(), reason: Type.String() });
export type SkippedFile = Static<typeof SkippedFileSchema>;

export const DocumentListSchema = Type.Object({
  documents: Type.Array(DocumentMetaSchema),
  /** files in the corpus folder that the last ingest skipped, with the reason */
  skipped: Type.Optional(Type.Array(SkippedFileSchema)),
});
export type DocumentList = Static<typeof DocumentListSchema>;

/** A retrieved passage. `start`/`end` are character offsets of `text` in the document's cleaned text. */
export const PassageSchema = Type.Object({
  chunkId: Type.String(),
  docId: Type.String(),
  title: Type.String(),
  text: Type.String(),
  score: Type.Number(),
  start: Type.Integer(),
  end: Type.Integer(),
  page: Nullable(Type.Integer()),
  section: Nullable(Type.String()),
  authors: Type.Array(Type.String()),
  date: Nullable(Type.String()),
  url: Nullable(Type.String()),
  publisher: Nullable(Type.String()),
  lexicalScore: Type.Optional(Type.Number()),
  denseScore: Type.Optional(Type.Number()),
  /** the passage lies in a references / bibliography section */
  isReferences: Type.Optional(Type.Boolean()),
  /** the passage is the document's metadata record (title, authors, date…), not a part of its text; its
   * offsets are 0 */
  isMetadata: Type.Optional(Type.Boolean()),
  /** what kind of document it is ("opinion article", "peer-reviewed paper"), when its metadata says */
  kind: Type.Optional(Nullable(Type.String())),
  /** the metadata's note on the document (authorship, provenance), when there is one */
  note: Type.Optional(Nullable(Type.String())),
});
export type Passage = Static<typeof PassageSchema>;

export const SearchRequestSchema = Type.Object({
  query: Type.String({ minLength: 1, maxLength: MAX_QUESTION_CHARS }),
  k: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_SEARCH_K })),
});
export type SearchRequest = Static<typeof SearchRequestSchema>;

export const SearchResponseSchema = Type.Object({ results: Type.Array(PassageSchema) });
export type SearchResponse = Static<typeof SearchResponseSchema>;

export const HistoryMessageSchema = Type.Object({
  role: Type.Union([Type.Literal('user'), Type.Literal('assistant')]),
  content: Type.String({ maxLength: MAX_HISTORY_MESSAGE_CHARS }),
});
export type HistoryMessage = Static<typeof HistoryMessageSchema>;

export const ChatRequestSchema = Type.Object({
  question: Type.String({ minLength: 1, maxLength: MAX_QUESTION_CHARS }),
  history: Type.Optional(Type.Array(HistoryMessageSchema, { maxItems: MAX_HISTORY_MESSAGES })),
  k: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_CHAT_K })),
});
export type ChatRequest = Static<typeof ChatRequestSchema>;

/**
 * A source cited in the answer. `n` is the number used by `[n]` markers (1..k in order of first use).
 * `span` is the character range, inside `text` (the passage), of the passage sentence that supports the
 * cited answer sentence; `supported` says whether the check found that support.
 */
export const CitationSchema = Type.Intersect([
  PassageSchema,
  Type.Object({
    n: Type.Integer({ minimum: 1 }),
    span: Nullable(Type.Object({ start: Type.Integer(), end: Type.Integer() })),
    /** the answer sentence(s) this citation is attached to */
    sentences: Type.Array(Type.String()),
    supported: Type.Boolean(),
    supportScore: Type.Number(),
  }),
]);
export type Citation = Static<typeof CitationSchema>;

export const ChatResponseSchema = Type.Object({
  answer: Type.String(),
  citations: Type.Array(CitationSchema),
  abstained: Type.Boolean(),
  /** answered, but the evidence is weak: the answer may not answer the question (show it marked as such) */
  uncertain: Type.Optional(Type.Boolean()),
  /** the standalone question actually searched (differs from `question` for follow-ups) */
  rewrittenQuery: Type.String(),
  /** extractive | llm:<model> */
  answerer: Type.String(),
  /** everything retrieved, cited or not, in rank order */
  passages: Type.Array(PassageSchema),
  /** non-fatal problems, e.g. the LLM timed out and the extractive answer was used */
  warnings: Type.Array(Type.String()),
  timings: Type.Object({ retrievalMs: Type.Number(), answerMs: Type.Number(), totalMs: Type.Number() }),
});
export type ChatResponse = Static<typeof ChatResponseSchema>;

export const ErrorBodySchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }),
});
export type ErrorBody = Static<typeof ErrorBodySchema>;

/** Server-Sent Events of POST /api/chat with Accept: text/event-stream; the SSE `event:` name equals `type`. */
export const ChatEventSchema = Type.Union([
  Type.Object({ type: Type.Literal('meta'), rewrittenQuery: Type.String(), answerer: Type.String(), passages: Type.Array(PassageSchema) }),
  Type.Object({ type: Type.Literal('token'), text: Type.String() }),
  Type.Object({ type: Type.Literal('citations'), citations: Type.Array(CitationSchema), abstained: Type.Boolean() }),
  Type.Object({ type: Type.Literal('done'), response: ChatResponseSchema }),
  Type.Object({ type: Type.Literal('error'), error: ErrorBodySchema.properties.error }),
]);
export type ChatEvent = Static<typeof ChatEventSchema>;

export const HealthResponseSchema = Type.Object({
  status: Type.Literal('ok'),
  documents: Type.Integer(),
  chunks: Type.Integer(),
  embeddings: Type.String(),
  answerer: Type.String(),
  /** lexical-only | hybrid */
  retrieval: Type.String(),
  indexBuiltAt: Nullable(Type.String()),
});
export type HealthResponse = Static<typeof HealthResponseSchema>;

/** GET /api/ready: 200 when this process can answer (index loaded, its store reachable); else 503 with the error body. */
export const ReadyResponseSchema = Type.Object({
  status: Type.Literal('ready'),
  /** local | pgvector: where the index was found */
  store: Type.String(),
  embeddings: Type.String(),
  answerer: Type.String(),
});
export type ReadyResponse = Static<typeof ReadyResponseSchema>;

/** Name of an evaluation report: its folder in EVAL_DIR (one path segment, no dots first, so never `..`). */
export const EvalReportNameSchema = Type.String({ pattern: '^[A-Za-z0-9_][A-Za-z0-9._-]{0,199}$' });

/** One report in EVAL_DIR as GET /api/evals lists it; the files are at /api/evals/{name}/report.html|json. */
export const EvalReportSummarySchema = Type.Object({
  name: Type.String(),
  set: Type.String(),
  /** qa (questions through the chat pipeline) | retrieval (BEIR: search only) */
  kind: Type.String(),
  cases: Type.Integer(),
  createdAt: Nullable(Type.String()),
  /** embeddings, answerer, k, … as the report recorded them */
  config: Type.Record(Type.String(), Type.Unknown()),
  /** report.json's aggregate: metric → number | null, latencyMs → {p50, p95} */
  aggregate: Type.Record(Type.String(), Type.Unknown()),
  errors: Type.Integer(),
  hasHtml: Type.Boolean(),
});
export type EvalReportSummary = Static<typeof EvalReportSummarySchema>;

export const EvalListResponseSchema = Type.Object({ reports: Type.Array(EvalReportSummarySchema) });
export type EvalListResponse = Static<typeof EvalListResponseSchema>;
