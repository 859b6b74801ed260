// One place that turns any error into {"error":{"code","message"}}: AppErrors keep their code and status,
// Fastify's own errors (validation, bad JSON, wrong content type, body too large, rate limit) are mapped to
// catalogue codes, and anything else is a 500 whose text stays in the log, never in the response.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { MAX_CHAT_K, MAX_HISTORY_MESSAGES, MAX_QUESTION_CHARS, MAX_SEARCH_K } from '../contract.js';
import { AppError, isAppError } from '../errors.js';

interface ValidationIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Fastify validation errors → the catalogue code a client can act on. */
export function mapValidationError(issues: ValidationIssue[], url: string): AppError {
  const issue = issues[0] ?? {};
  const where = issue.instancePath ?? '';
  const missing = issue.params?.missingProperty;
  const maxK = url.startsWith('/api/search') ? MAX_SEARCH_K : MAX_CHAT_K;
  if (where === '/question' || where === '/query' || missing === 'question' || missing === 'query') {
    const field = where.slice(1) || String(missing);
    if (missing) return new AppError('EMPTY_QUESTION', `The request needs a "${field}" string.`);
    if (issue.keyword === 'minLength') return new AppError('EMPTY_QUESTION');
    if (issue.keyword === 'maxLength') {
      return new AppError('QUESTION_TOO_LONG', `The ${field} is too long: at most ${MAX_QUESTION_CHARS} characters are accepted.`);
    }
    return new AppError('BAD_REQUEST', `"${field}" must be a string.`);
  }
  if (where === '/k') return new AppError('BAD_K', `k must be a whole number from 1 to ${maxK}.`);
  if (where.startsWith('/history')) {
    const detail = issue.keyword === 'maxItems' ? ` (at most ${MAX_HISTORY_MESSAGES} messages)` : '';
    return new AppError('BAD_HISTORY', `${ERROR_HISTORY}${detail}; problem at ${where}: ${issue.message ?? 'invalid'}.`);
  }
  return new AppError('BAD_REQUEST', `Invalid request${where ? ` at ${where}` : ''}: ${issue.message ?? 'invalid value'}.`);
}
const ERROR_HISTORY = 'history must be a list of {role: "user"|"assistant", content} messages';

export function toAppError(err: FastifyError & { validation?: ValidationIssue[] }, url: string): AppError {
  if (isAppError(err)) return err;
  if (err.validation) return mapValidationError(err.validation, url);
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('INVALID_JSON', 'The request body is empty; send a JSON object.');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('INVALID_JSON');
    case 'FST_ERR_BAD_URL':
      return new AppError('BAD_REQUEST', 'The URL is not valid: check its percent-encoding (%XX).');
  }
  if (err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') return new AppError('INVALID_JSON');
  if (err.statusCode === 429) return new AppError('RATE_LIMITED');
  if (err.statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE');
  if (err.statusCode === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE');
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return new AppError('BAD_REQUEST', err.message);
  return new AppError('INTERNAL', undefined, { cause: err });
}

/** OpenAI's error `type` for a status, as its clients expect it. */
function openAiErrorType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/** The same error in OpenAI's shape, for the /v1 routes: `{"error":{"message","type","param","code"}}`. */
export function openAiErrorBody(appError: AppError) {
  return { error: { message: appError.message, type: openAiErrorType(appError.status), param: null, code: appError.code.toLowerCase() } };
}

/** True when the request is for the OpenAI-compatible API (by its matched route, or its path when none matched). */
export function isOpenAiRequest(request: FastifyRequest): boolean {
  const route = request.routeOptions?.url;
  if (route) return route.startsWith('/v1/');
  let pathname = request.url.split('?')[0];
  try {
    pathname = decodeURIComponent(pathname);
  } catch {
    // a malformed encoding: judge the raw path
  }
  return /^\/+v1(?:\/|$)/i.test(pathname);
}

export function errorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const appError = toAppError(err, request.url);
  if (appError.status >= 500) {
    request.log.error({ err, method: request.method, url: request.url }, 'request failed');
  } else {
    request.log.info({ code: appError.code, url: request.url }, appError.message);
  }
  const headers = (err as { headers?: Record<string, string> }).headers;
  if (appError.code === 'RATE_LIMITED' && headers) reply.headers(headers);
  if (appError.code === 'MISSING_API_KEY' || appError.code === 'BAD_API_KEY') reply.header('www-authenticate', 'Bearer');
  const body = isOpenAiRequest(request) ? openAiErrorBody(appError) : appError.toBody();
  return reply.code(appError.status).type('application/json').send(body);
}
