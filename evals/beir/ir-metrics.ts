// Ranking metrics as pytrec_eval / trec_eval define them (what BEIR reports): nDCG@k with gain = graded relevance
// and a log2(rank + 1) discount, recall@k, and reciprocal rank of the first relevant document within the top k.
// `ranking` is doc ids best first; `relevant` maps doc id → grade (> 0 = relevant).

export function ndcgAt(ranking: readonly string[], relevant: ReadonlyMap<string, number>, k: number): number {
  let dcg = 0;
  ranking.slice(0, k).forEach((id, i) => (dcg += (relevant.get(id) ?? 0) / Math.log2(i + 2)));
  const ideal = [...relevant.values()].sort((a, b) => b - a).slice(0, k);
  const idcg = ideal.reduce((sum, g, i) => sum + g / Math.log2(i + 2), 0);
  return idcg > 0 ? dcg / idcg : 0;
}

export function recallAt(ranking: readonly string[], relevant: ReadonlyMap<string, number>, k: number): number {
  if (relevant.size === 0) return 0;
  return ranking.slice(0, k).filter((id) => (relevant.get(id) ?? 0) > 0).length / relevant.size;
}

export function mrrAt(ranking: readonly string[], relevant: ReadonlyMap<string, number>, k: number): number {
  const i = ranking.slice(0, k).findIndex((id) => (relevant.get(id) ?? 0) > 0);
  return i < 0 ? 0 : 1 / (i + 1);
}

export interface RankingMetrics {
  'ndcg@10': number;
  'recall@100': number;
  'mrr@10': number;
}

/** Mean over every judged query; a query with no ranking counts as 0, as in BEIR. */
export function evaluateRankings(
  rankings: ReadonlyMap<string, readonly string[]>,
  qrels: ReadonlyMap<string, ReadonlyMap<string, number>>,
): RankingMetrics {
  const sum = { 'ndcg@10': 0, 'recall@100': 0, 'mrr@10': 0 };
  for (const [qid, relevant] of qrels) {
    const ranking = rankings.get(qid) ?? [];
    sum['ndcg@10'] += ndcgAt(ranking, relevant, 10);
    sum['recall@100'] += recallAt(ranking, relevant, 100);
    sum['mrr@10'] += mrrAt(ranking, relevant, 10);
  }
  const n = Math.max(1, qrels.size);
  return { 'ndcg@10': sum['ndcg@10'] / n, 'recall@100': sum['recall@100'] / n, 'mrr@10': sum['mrr@10'] / n };
}
