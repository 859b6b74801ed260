// Latency percentiles by the nearest-rank method: the smallest value with at least p% of the values at or below it.
// No interpolation, so p50/p95 are always latencies that actually happened.

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

export const latencySummary = (values: readonly number[]) => ({
  p50: Math.round(percentile(values, 50)),
  p95: Math.round(percentile(values, 95)),
});
