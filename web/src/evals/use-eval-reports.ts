// The report list from GET /api/evals, through the app's API client (same origin, embed key, error shape).
import type { EvalListResponse } from '../../../server/contract.js';
import type { ApiClient } from '../api/client.js';
import { errorFromFetchFailure, errorFromResponse } from '../api/api-error.js';
import { useAsync, type AsyncState } from '../hooks/use-async.js';

export async function fetchEvalReports(client: ApiClient, signal?: AbortSignal): Promise<EvalListResponse> {
  let res: Response;
  try {
    res = await client.fetch(client.url('/api/evals'), { headers: client.headers(), signal });
  } catch (err) {
    throw errorFromFetchFailure(err, client.baseUrl);
  }
  if (!res.ok) throw await errorFromResponse(res);
  return (await res.json()) as EvalListResponse;
}

export function useEvalReports(client: ApiClient): [AsyncState<EvalListResponse>, () => void] {
  return useAsync((signal) => fetchEvalReports(client, signal), 'evals');
}
