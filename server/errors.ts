// One catalogue of the errors a client can see: stable code → HTTP status → message.
// The HTTP error handler turns an AppError into {"error":{"code","message"}}; anything else is a 500 whose text is hidden.

export const ERROR_CATALOGUE = {
  BAD_REQUEST: { status: 400, message: 'The request is not valid.' },
  INVALID_JSON: { status: 400, message: 'The request body is not valid JSON.' },
  EMPTY_QUESTION: { status: 400, message: 'The question is empty. Type a question and send it again.' },
  QUESTION_TOO_LONG: { status: 400, message: 'The question is too long.' },
  BAD_K: { status: 400, message: 'k must be a whole number in the allowed range.' },
  BAD_HISTORY: { status: 400, message: 'history must be a list of {role: "user"|"assistant", content} messages.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send the request body as application/json.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  UNKNOWN_DOCUMENT: { status: 404, message: 'No document with that id is in the corpus.' },
  UNKNOWN_REPORT: { status: 404, message: 'No evaluation report with that name is in EVAL_DIR.' },
  NOT_FOUND: { status: 404, message: 'No such route.' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'This route does not take that method.' },
  // nobody reads it (the client has gone); it keeps an abandoned request out of the error log
  CLIENT_CLOSED: { status: 499, message: 'The client closed the request before the answer was ready.' },
  FORBIDDEN_ORIGIN: { status: 403, message: 'This origin is not allowed to use the assistant.' },
  FORBIDDEN_HOST: { status: 403, message: 'Requests for this host name are refused; add it to PUBLIC_ORIGINS if users reach the assistant by it.' },
  BAD_EMBED_KEY: { status: 401, message: 'The embed key is missing or wrong.' },
  MISSING_API_KEY: { status: 401, message: 'An API key is required: send it as `Authorization: Bearer <key>` or `X-API-Key: <key>`.' },
  BAD_API_KEY: { status: 401, message: 'The API key is not valid.' },
  UNKNOWN_MODEL: { status: 404, message: 'No such model; GET /v1/models lists the models.' },
  RATE_LIMITED: { status: 429, message: 'Too many requests. Wait a minute and try again.' },
  SHUTTING_DOWN: { status: 503, message: 'The server is shutting down; the answer was stopped. Ask again in a moment.' },
  INDEX_NOT_READY: { status: 503, message: 'The index is not built yet. Run `npm run ingest` and try again.' },
  // VECTOR_STORE=pgvector and PostgreSQL refuses, drops or does not answer connections; which database is in the log
  STORE_UNAVAILABLE: { status: 503, message: 'The database that holds the index cannot be reached right now. Try again in a moment.' },
  INTERNAL: { status: 500, message: 'Something went wrong on the server. Try again; if it keeps happening, check the server log.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export class AppError extends Error {
  override name = 'AppError';
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    options?: { cause?: unknown },
  ) {
    super(message ?? ERROR_CATALOGUE[code].message, options);
    this.status = ERROR_CATALOGUE[code].status;
  }

  toBody() {
    return { error: { code: this.code, message: this.message } };
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
