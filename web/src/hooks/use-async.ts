// Loads one thing (a document list, a document) and re-loads when its key changes; stale answers are dropped.
import { useEffect, useState } from 'react';
import { ApiError } from '../api/api-error.js';

export type AsyncState<T> =
  | { state: 'loading' }
  | { state: 'ok'; value: T }
  | { state: 'error'; error: { code: string; message: string; status: number } };

export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, key: string): [AsyncState<T>, () => void] {
  const [state, setState] = useState<AsyncState<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    setState({ state: 'loading' });
    load(abort.signal).then(
      (value) => !abort.signal.aborted && setState({ state: 'ok', value }),
      (err: unknown) => {
        if (abort.signal.aborted) return;
        const e = err instanceof ApiError ? err : new ApiError('INTERNAL', String(err));
        setState({ state: 'error', error: { code: e.code, message: e.message, status: e.status } });
      },
    );
    return () => abort.abort();
    // `load` is a new closure on every render; `key` says when it asks for something new
  }, [key, attempt]);
  return [state, () => setAttempt((a) => a + 1)];
}
