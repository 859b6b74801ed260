// The one error type the UI handles: the server's {error:{code,message}} body, or a client-side cause
// (NETWORK, ABORTED, BAD_RESPONSE, STREAM_ENDED) described in the same shape.
import type { ErrorBody } from '../../../server/contract.js';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly code: string,
    message: string,
    /** HTTP status; 0 when no response arrived */
    readonly status = 0,
  ) {
    super(message);
  }
}

export const isAbort = (err: unknown): boolean =>
  (err instanceof DOMException && err.name === 'AbortError') || (err instanceof ApiError && err.code === 'ABORTED');

/** A non-2xx response → ApiError carrying the server's own code and message when the body has them. */
export async function errorFromResponse(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON (a proxy's HTML error page, say): fall back to the status line
  }
  const err = (body as Partial<ErrorBody> | null)?.error;
  if (err && typeof err.code === 'string' && typeof err.message === 'string') {
    return new ApiError(err.code, err.message, res.status);
  }
  return new ApiError(res.status >= 500 ? 'INTERNAL' : 'BAD_RESPONSE', `The server answered ${res.status} ${res.statusText}.`.trim(), res.status);
}

/** fetch() rejects with a TypeError when nothing answered (server down, DNS, or a CORS refusal). */
export function errorFromFetchFailure(err: unknown, baseUrl: string): ApiError {
  if (isAbort(err)) return new ApiError('ABORTED', 'Stopped.');
  const where = baseUrl || (typeof location !== 'undefined' ? location.origin : 'the server');
  return new ApiError('NETWORK', `Cannot reach the server at ${where}.`);
}
