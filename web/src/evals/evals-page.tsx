// PLACEHOLDER (owned by the evals engineer): lists the eval reports in EVAL_DIR and opens them.
export function EvalsPage() {
  return <p>Evaluation reports will be listed here.</p>;
}
