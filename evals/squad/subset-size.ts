/** Questions a SQuAD run measures when --limit is not given: enough for a share's 95 % interval of about ±2 points,
 *  few enough that the held-out split finishes in minutes on 2 cores (each answerable question is asked twice). */
export const DEFAULT_LIMIT = 2000;

/**
 * How many questions of `available` a run measures: `--limit N` → N, `--limit all` → every one (null: no subset),
 * no --limit → DEFAULT_LIMIT when there are more, else all of them.
 */
export function subsetSize(limit: string | undefined, available: number): number | null {
  if (limit === 'all') return null;
  if (limit === undefined) return available > DEFAULT_LIMIT ? DEFAULT_LIMIT : null;
  const n = Number(limit);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--limit must be a positive whole number or "all" (got ${limit})`);
  return n < available ? n : null;
}
