// The shape of report.json. The contract fixes the top-level keys and the aggregate keys (CONTRACT.md, "The
// report"); everything else here is additive. Other runners (SQuAD, BEIR) fill the same shape, so one writer
// renders them all.
import type { HistoryMessage } from '../../server/contract.js';

/** Per-case and aggregate metric values; null = not applicable to this case (e.g. retrieval on an unanswerable one). */
export type MetricValues = Record<string, number | null>;

export interface ReportCitation {
  n: number;
  docId: string;
  chunkId: string;
  title: string;
  text: string;
  /** what the answer path's support check said */
  supported: boolean;
  supportScore: number;
  /** contract sense: points at an expected source or at a passage that supports its sentence; null = not judged */
  precise: boolean | null;
}

export interface CaseResult {
  id: string;
  /** line in the set file; null for sets that are not JSON Lines (BEIR, SQuAD) */
  line: number | null;
  category: string | null;
  /** paraphrase group (cases asking the same thing in other words), when the set has one */
  group?: string | null;
  question: string;
  history: HistoryMessage[];
  answerable: boolean;
  expectedSources: string[];
  expectedFacts: string[][];
  /** null for retrieval-only runs */
  answer: string | null;
  abstained: boolean | null;
  rewrittenQuery: string | null;
  citations: ReportCitation[];
  /** distinct doc ids of the retrieved passages, best first */
  retrieved: string[];
  metrics: MetricValues;
  missing: {
    facts: string[][];
    sources: string[];
    abstention: 'should-abstain' | 'should-answer' | null;
    /** answer sentences whose citations do not support them */
    unsupportedSentences: string[];
  };
  latencyMs: number;
  warnings: string[];
}

export interface ReportError {
  /** line in the set file, when the error is tied to one */
  line: number | null;
  id: string | null;
  /** parse: the line could not be read; run: the pipeline failed on the case */
  stage: 'parse' | 'run';
  reason: string;
}

export interface LatencySummary {
  p50: number;
  p95: number;
}

/** The contract's aggregate keys (always present; null when there is nothing to average) plus additive ones. */
export interface Aggregate {
  [key: string]: number | null | LatencySummary;
  'hit@1': number | null;
  'hit@5': number | null;
  'recall@5': number | null;
  mrr: number | null;
  'ndcg@10': number | null;
  factRecall: number | null;
  citationPrecision: number | null;
  citationRecall: number | null;
  abstentionAccuracy: number | null;
  falseAbstentionRate: number | null;
  latencyMs: LatencySummary;
}

export interface ReportConfig {
  embeddings: string;
  answerer: string;
  k: number;
  [key: string]: unknown;
}

export interface MetricDelta {
  base: number | null;
  current: number | null;
  /** current − base; null when either is missing */
  delta: number | null;
  regression: boolean;
}

export interface BaselineComparison {
  /** the baseline report.json path as given */
  file: string;
  set: string;
  createdAt: string | null;
  aggregate: Record<string, MetricDelta>;
  /** case id → metric → delta, only for cases present in both reports */
  cases: Record<string, Record<string, MetricDelta>>;
  /** ids of cases with at least one regressed metric */
  regressedCases: string[];
  improvedCases: string[];
  onlyInBaseline: string[];
  onlyInCurrent: string[];
}

export interface EvalReport {
  set: string;
  /** number of cases scored (failed and malformed ones are in `errors`) */
  cases: number;
  config: ReportConfig;
  aggregate: Aggregate;
  results: CaseResult[];
  /** qa: questions through chat(); retrieval: search only (BEIR) */
  kind: 'qa' | 'retrieval';
  errors: ReportError[];
  /** per category (case.category, "uncategorised" when absent): case count and metric means */
  byCategory: Record<string, { cases: number } & MetricValues>;
  createdAt: string;
  durationMs: number;
  baseline?: BaselineComparison;
}
