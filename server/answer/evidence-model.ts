// One evidence score per sentence: a logistic regression over sentence-features.ts, with weights fitted by
// evals/calibration/fit-evidence-model.ts on SQuAD v1.1 used as a closed corpus (see calibration/evidence-model.json:
// the split, the data and the held-out figures are recorded there). Two fits: with embeddings, and lexical-only
// for EMBEDDINGS=none.
import { readFileSync } from 'node:fs';
import { FEATURE_NAMES } from './sentence-features.js';

export interface LogisticModel {
  features: string[];
  bias: number;
  weights: number[];
  /** answer only when the best sentence scores at least this; below it, abstain */
  threshold: number;
  /** keep a further sentence when it scores at least this share of the best one */
  keepRatio: number;
}

export interface EvidenceModels {
  dense: LogisticModel;
  lexical: LogisticModel;
  /** how the weights were obtained */
  provenance: Record<string, unknown>;
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function predict(model: LogisticModel, row: number[]): number {
  let z = model.bias;
  for (let i = 0; i < row.length; i++) z += model.weights[i] * row[i];
  return sigmoid(z);
}

const DEFAULT_FILE = new URL('./calibration/evidence-model.json', import.meta.url);
let committed: EvidenceModels | null = null;

/** Loads the committed weights (read once); refuses a file fitted for other features (re-run the fit script). */
export function loadEvidenceModels(file?: URL): EvidenceModels {
  if (!file) return (committed ??= loadEvidenceModels(DEFAULT_FILE));
  const models = JSON.parse(readFileSync(file, 'utf8')) as EvidenceModels;
  for (const key of ['dense', 'lexical'] as const) {
    const got = models[key].features.join(',');
    if (got !== FEATURE_NAMES.join(',')) {
      throw new Error(
        `evidence model "${key}" was fitted for features [${got}] but the answerer computes [${FEATURE_NAMES.join(',')}]; ` +
          'run `npx tsx evals/calibration/fit-evidence-model.ts`',
      );
    }
  }
  return models;
}
