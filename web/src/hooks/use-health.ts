// The server's health, fetched once: document count for the empty state, and the first sign of a refusal
// (forbidden origin, bad embed key, server down) before the reader types anything.
import { useEffect, useState } from 'react';
import type { HealthResponse } from '../../../server/contract.js';
import { ApiError } from '../api/api-error.js';
import type { ApiClient } from '../api/client.js';

export type HealthState =
  | { state: 'loading' }
  | { state: 'ok'; health: HealthResponse }
  | { state: 'error'; error: { code: string; message: string; status: number } };

export function useHealth(client: ApiClient): HealthState {
  const [health, setHealth] = useState<HealthState>({ state: 'loading' });
  useEffect(() => {
    // aborted on unmount (and by StrictMode's double mount in development)
    const abort = new AbortController();
    client.health(abort.signal).then(
      (h) => setHealth({ state: 'ok', health: h }),
      (err: unknown) => {
        if (abort.signal.aborted) return;
        const e = err instanceof ApiError ? err : new ApiError('INTERNAL', String(err));
        setHealth({ state: 'error', error: { code: e.code, message: e.message, status: e.status } });
      },
    );
    return () => abort.abort();
  }, [client]);
  return health;
}
