// A bounded number of async jobs at once, over a list (embedding batches: one per inference process).
/**
 * fn over every item, at most `parallel` at once, started in order; rejects with the first failure (items not yet
 * started are then not started).
 */
export async function runEach<T>(items: readonly T[], parallel: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < items.length) {
      const at = next++;
      try {
        await fn(items[at], at);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, items.length)) }, lane));
}
