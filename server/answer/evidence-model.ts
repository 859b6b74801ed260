// How the extractive answerer weighs the features of sentence-features.ts, with weights fitted on data by
// evals/calibration/fit-evidence-model.ts on SQuAD v1.1 used as a closed corpus (calibration/evidence-model.json
// records the split, the data and the held-out figures). Two parts:
// - ranker: a linear score per sentence, fitted as a softmax over each question's sentences (conditional logit),
//   which orders the sentences that may be quoted;
// - gate: the evidence score, P(the passages answer the question), a logistic regression over the features of the
//   best-ranked sentence and its lead over the second; below its threshold the answerer abstains.
// Two fits: with embeddings, and lexical-only for EMBEDDINGS=none.
import { readFileSync } from 'node:fs';
import { FEATURE_NAMES } from './sentence-features.js';

/** The gate sees the best sentence's features plus its ranker-score lead over the runner-up. */
export const GATE_FEATURES = [...FEATURE_NAMES, 'margin'] as const;

export interface LogisticModel {
  features: string[];
  bias: number;
  weights: number[];
  /** `supported` / answer when the probability is at least this */
  threshold: number;
}

export interface EvidenceModel {
  features: string[];
  ranker: { weights: number[] };
  gate: LogisticModel;
  /** quote a further sentence when its softmax share is at least this fraction of the best one's */
  keepRatio: number;
}

export interface EvidenceModels {
  dense: EvidenceModel;
  lexical: EvidenceModel;
  /** how the weights were obtained, and what they scored on held-out data */
  provenance: Record<string, unknown>;
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

const dot = (w: number[], x: number[]) => x.reduce((a, v, i) => a + v * w[i], 0);

export function predict(model: Pick<LogisticModel, 'bias' | 'weights'>, row: number[]): number {
  return sigmoid(model.bias + dot(model.weights, row));
}

export const rankScore = (model: EvidenceModel, row: number[]) => dot(model.ranker.weights, row);

export const gateRow = (best: number[], margin: number) => [...best, margin];

const DEFAULT_FILE = new URL('./calibration/evidence-model.json', import.meta.url);
let committed: EvidenceModels | null = null;

/** Loads the committed weights (read once); refuses a file fitted for other features (re-run the fit script). */
export function loadEvidenceModels(file?: URL): EvidenceModels {
  if (!file) return (committed ??= loadEvidenceModels(DEFAULT_FILE));
  const models = JSON.parse(readFileSync(file, 'utf8')) as EvidenceModels;
  for (const key of ['dense', 'lexical'] as const) {
    const m = models[key];
    const ok =
      m?.features?.join(',') === FEATURE_NAMES.join(',') &&
      m.ranker?.weights?.length === FEATURE_NAMES.length &&
      m.gate?.weights?.length === GATE_FEATURES.length;
    if (!ok) {
      throw new Error(
        `evidence model "${key}" in ${file.pathname} does not match the features the answerer computes ` +
          `[${FEATURE_NAMES.join(',')}]; run \`npx tsx evals/calibration/fit-evidence-model.ts --write\``,
      );
    }
  }
  return models;
}
