// Runs the cases through the pipeline, a few at a time, and scores each. A case that throws becomes an error
// row (line, id, reason) and the others go on. Results come back in set order whatever the concurrency.
import type { ChatRequest, ChatResponse } from '../server/contract.js';
import type { EvalCase } from './read-set.js';
import { scoreCase, type ScoreOptions } from './score-case.js';
import type { CaseResult, ReportError } from './report/types.js';

export type ChatFn = (request: ChatRequest) => Promise<ChatResponse>;

export interface RunCasesOptions extends ScoreOptions {
  chat: ChatFn;
  /** passages per question (ChatRequest.k) */
  k: number;
  /** cases in flight at once; latency is only comparable between runs at the same concurrency */
  concurrency: number;
  onCaseDone?: (done: number, total: number, outcome: { result?: CaseResult; error?: ReportError }) => void;
}

/** Runs `fn` over `items` with at most `limit` calls in flight; results in input order. */
export async function mapPool<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

const reasonOf = (err: unknown) => {
  const e = err as { code?: string; message?: string };
  return e?.code ? `${e.code}: ${e.message}` : (e?.message ?? String(err));
};

export async function runCases(cases: readonly EvalCase[], options: RunCasesOptions): Promise<{ results: CaseResult[]; errors: ReportError[] }> {
  let done = 0;
  const outcomes = await mapPool(cases, options.concurrency, async (c) => {
    let outcome: { result?: CaseResult; error?: ReportError };
    try {
      const t0 = performance.now();
      const response = await options.chat({
        question: c.question,
        ...(c.history.length ? { history: c.history } : {}),
        k: options.k,
      });
      const latencyMs = performance.now() - t0;
      outcome = { result: await scoreCase(c, response, latencyMs, options) };
    } catch (err) {
      outcome = { error: { line: c.line, id: c.id, stage: 'run', reason: reasonOf(err) } };
    }
    options.onCaseDone?.(++done, cases.length, outcome);
    return outcome;
  });
  return {
    results: outcomes.flatMap((o) => (o.result ? [o.result] : [])),
    errors: outcomes.flatMap((o) => (o.error ? [o.error] : [])),
  };
}
