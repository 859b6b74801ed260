// JSON calls to the assistant's API. One client per server: the page's own origin, or a portal-configured URL
// (widget), with the optional embed key sent on every call.
import type {
  DocumentDetail,
  DocumentList,
  HealthResponse,
  SearchResponse,
} from '../../../server/contract.js';
import { ApiError, errorFromFetchFailure, errorFromResponse } from './api-error.js';

export interface ApiClientOptions {
  /** origin (and optional path prefix) of the server; '' = same origin */
  baseUrl?: string;
  /** sent as x-embed-key when the server requires one */
  embedKey?: string;
  fetch?: typeof fetch;
}

export interface ApiClient {
  readonly baseUrl: string;
  /** absolute or root-relative URL of an API path */
  url(path: string): string;
  headers(extra?: Record<string, string>): Record<string, string>;
  fetch: typeof fetch;
  health(signal?: AbortSignal): Promise<HealthResponse>;
  listDocuments(signal?: AbortSignal): Promise<DocumentList>;
  getDocument(docId: string, signal?: AbortSignal): Promise<DocumentDetail>;
  search(query: string, k?: number, signal?: AbortSignal): Promise<SearchResponse>;
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
  // Bound to globalThis: calling an unbound window.fetch throws "Illegal invocation" in browsers.
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const url = (path: string) => `${baseUrl}${path}`;
  // No custom header unless needed: a cross-origin GET without one is a "simple" request (no preflight),
  // so a refusal (403 FORBIDDEN_ORIGIN) reaches us as a readable response instead of a bare network error.
  const headers = (extra: Record<string, string> = {}) => ({
    ...(options.embedKey ? { 'x-embed-key': options.embedKey } : {}),
    ...extra,
  });

  // Every failure becomes an ApiError with a code the UI can explain (describe-error.ts).
  async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
    let res: Response;
    try {
      res = await doFetch(url(path), { ...init, headers: headers(init.headers as Record<string, string> | undefined) });
    } catch (err) {
      throw errorFromFetchFailure(err, baseUrl);
    }
    if (!res.ok) throw await errorFromResponse(res);
    try {
      return (await res.json()) as T;
    } catch {
      throw new ApiError('BAD_RESPONSE', 'The server sent a response that is not JSON.', res.status);
    }
  }

  return {
    baseUrl,
    url,
    headers,
    fetch: doFetch,
    health: (signal) => request<HealthResponse>('/api/health', { signal }),
    listDocuments: (signal) => request<DocumentList>('/api/documents', { signal }),
    getDocument: (docId, signal) =>
      // One path segment even for nested ids ("reports/2024" → reports%2F2024).
      request<DocumentDetail>(`/api/documents/${encodeURIComponent(docId)}`, { signal }),
    search: (query, k, signal) =>
      request<SearchResponse>('/api/search', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(k ? { query, k } : { query }),
        signal,
      }),
  };
}
