// Does a passage support an answer sentence? The sentence is compared with each sentence of the passage:
// embedding cosine, share of its content words the passage sentence contains, and numbers it states that the
// passage sentence lacks. A logistic regression fitted on SciFact claims and their SUPPORT evidence sentences
// (evals/calibration/fit-support-check.ts; figures in calibration/support-model.json) turns these into a score;
// the best passage sentence decides, and its span is what the UI highlights.
import { readFileSync } from 'node:fs';
import { splitSentences } from '../text/sentences.js';
import type { TextEmbedder } from './embedding-memo.js';
import { sigmoid } from './answer-decision.js';
import { cosine } from './rank-sentences.js';
import { contentStems as stemsOf, words } from './terms.js';

export const SUPPORT_FEATURES = ['cosine', 'overlap', 'numbersMissing'] as const;

export interface SupportResult {
  supported: boolean;
  /** probability-like score in [0, 1]; `supported` is score ≥ the fitted threshold */
  score: number;
  /** the passage sentence that supports best, in passage coordinates */
  span: { start: number; end: number } | null;
}

export interface LogisticModel {
  features: string[];
  bias: number;
  weights: number[];
  /** `supported` when the probability is at least this */
  threshold: number;
}

export function predict(model: Pick<LogisticModel, 'bias' | 'weights'>, row: number[]): number {
  return sigmoid(row.reduce((z, v, i) => z + v * model.weights[i], model.bias));
}

export interface SupportModels {
  dense: LogisticModel;
  lexical: LogisticModel;
  provenance: Record<string, unknown>;
}

export interface SupportDeps {
  /** null: lexical features only (the lexical-only fit) */
  embedder: TextEmbedder | null;
  models?: SupportModels;
}

let defaultModels: SupportModels | null = null;
export function loadSupportModels(file = new URL('./calibration/support-model.json', import.meta.url)): SupportModels {
  return JSON.parse(readFileSync(file, 'utf8')) as SupportModels;
}

const contentStems = (text: string) => new Set(stemsOf(text));
const numbersOf = (text: string) => new Set(words(text).filter((w) => w.numeric).map((w) => w.lower.replace(/,/g, '')));

/** Feature row for one (claim sentence, evidence sentence) pair, given their embedding cosine. */
export function supportFeatures(sentence: string, evidence: string, cos: number): number[] {
  const s = contentStems(sentence);
  const e = contentStems(evidence);
  const overlap = s.size ? [...s].filter((x) => e.has(x)).length / s.size : 0;
  const en = numbersOf(evidence);
  const missing = [...numbersOf(sentence)].some((n) => !en.has(n)) ? 1 : 0;
  return [cos, overlap, missing];
}

export async function checkSupport(sentence: string, passageText: string, deps: SupportDeps): Promise<SupportResult> {
  const models = deps.models ?? (defaultModels ??= loadSupportModels());
  const model = deps.embedder ? models.dense : models.lexical;
  const spans = splitSentences(passageText).filter((s) => /[\p{L}\p{N}]/u.test(s.text));
  if (!spans.length || !sentence.trim()) return { supported: false, score: 0, span: null };
  let cosines: number[] = spans.map(() => 0);
  if (deps.embedder) {
    const [v, ...vs] = await deps.embedder.embed([sentence, ...spans.map((s) => s.text)]);
    cosines = vs.map((x) => cosine(v, x));
  }
  let best = -1;
  let bestScore = -1;
  spans.forEach((s, i) => {
    const score = predict(model, supportFeatures(sentence, s.text, cosines[i]));
    if (score > bestScore) [best, bestScore] = [i, score];
  });
  return {
    supported: bestScore >= model.threshold,
    score: bestScore,
    span: { start: spans[best].start, end: spans[best].end },
  };
}
