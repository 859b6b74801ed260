// Every metric a report can hold, with the direction that counts as better; the HTML report and the baseline
// comparison read this, so adding a metric here is enough for it to be charted and compared.

export interface MetricInfo {
  label: string;
  /** for narrow columns (per-case and per-category tables) */
  short: string;
  /** falseAbstentionRate: fewer is better */
  lowerIsBetter?: boolean;
  /** one line for the report's legend */
  description: string;
}

/** The aggregate keys fixed by CONTRACT.md, in the contract's order. */
export const CONTRACT_METRIC_KEYS = [
  'hit@1',
  'hit@5',
  'recall@5',
  'mrr',
  'ndcg@10',
  'factRecall',
  'citationPrecision',
  'citationRecall',
  'abstentionAccuracy',
  'falseAbstentionRate',
] as const;

export const METRICS: Record<string, MetricInfo> = {
  'hit@1': { label: 'Hit@1', short: 'Hit@1', description: 'an expected source is the top retrieved document' },
  'hit@5': { label: 'Hit@5', short: 'Hit@5', description: 'an expected source is among the top 5 retrieved documents' },
  'recall@5': { label: 'Recall@5', short: 'R@5', description: 'share of expected sources among the top 5 retrieved documents' },
  mrr: { label: 'MRR', short: 'MRR', description: '1 / rank of the first expected source' },
  'ndcg@10': { label: 'nDCG@10', short: 'nDCG@10', description: 'rank-discounted gain of expected sources in the top 10' },
  'recall@100': { label: 'Recall@100', short: 'R@100', description: 'share of relevant documents among the top 100' },
  'mrr@10': { label: 'MRR@10', short: 'MRR@10', description: '1 / rank of the first relevant document within the top 10' },
  factRecall: { label: 'Fact recall', short: 'Facts', description: 'share of expected facts stated in the answer' },
  citationPrecision: {
    label: 'Citation precision', short: 'Cit. P',
    description: 'citations that point at an expected source or at a passage supporting the cited sentence',
  },
  citationPrecisionAlce: {
    label: 'Citation precision (ALCE)', short: 'Cit. P (ALCE)',
    description: 'citations whose passage supports the sentence, alone or as a needed part of its citations',
  },
  citationRecall: { label: 'Citation recall', short: 'Cit. R', description: 'answer sentences supported by their cited passages together' },
  abstentionAccuracy: { label: 'Abstention accuracy', short: 'Abstain', description: 'unanswerable questions answered with an abstention and no citations' },
  falseAbstentionRate: { label: 'False abstention', short: 'False abst.', lowerIsBetter: true, description: 'answerable questions wrongly abstained on' },
  judgeCitationPrecision: { label: 'Judge: citation precision', short: 'Judge cit. P', description: 'citationPrecision with the LLM judge deciding support' },
  judgeCitationPrecisionAlce: { label: 'Judge: citation precision (ALCE)', short: 'Judge cit. P (ALCE)', description: 'citationPrecisionAlce with the LLM judge' },
  judgeCitationRecall: { label: 'Judge: citation recall', short: 'Judge cit. R', description: 'citationRecall with the LLM judge deciding support' },
  paraphraseConsistency: {
    label: 'Paraphrase consistency', short: 'Same answer',
    description: 'paraphrase groups whose wordings all get the same answer (same lead sentence, or all abstain)',
  },
  goldInFirstTwo: { label: 'Gold in first two', short: 'First two', description: 'a gold answer is stated in the first two answer sentences (SQuAD)' },
  exactMatch: { label: 'Exact match', short: 'EM', description: 'answer equals a gold answer after normalisation' },
  f1: { label: 'Token F1', short: 'F1', description: 'token overlap of answer and best gold answer' },
};

export const metricInfo = (key: string): MetricInfo => METRICS[key] ?? { label: key, short: key, description: '' };
