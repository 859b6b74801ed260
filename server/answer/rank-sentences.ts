// Which candidate sentences state what the question asks, best first. Two stages:
// 1. a cheap shortlist: cosine of question and sentence embeddings (memoised per sentence) plus the idf-weighted
//    share of the question's content words found in the sentence or the one before it;
// 2. the answer selector (a cross-encoder trained here, selector/answer-selector.ts) reads the question with each
//    shortlisted sentence, its title and the sentence before it, and scores it. Without the selector the shortlist
//    score orders them.
// The selector reads the shortlist's first 32; the answer decision (answer-decision.ts) reads the ranking of its first
// 16, the shortlist it was fitted on (the extractive answerer ranks with `shortlist: 16` first, and has the selector
// read the rest only when it answers; the first 16 are memoised by then).
// Reading 32 finds answer sentences whose words the cosine misses ("…the theoretical framework is neo-classical
// realism", cosine 0.23 with "What theoretical framework does the paper use?"; the shortlist's 29th): dev d10 0 → 1,
// no set question lost. Deciding on all 32 abstained less on the seed set's unanswerable questions (0.618 → 0.500)
// and, refitted, caught fewer SQuAD 2.0 ones (0.467 → 0.445 at 10 % false abstention, cross-validated), so the
// decision keeps its 16.
// The selector replaced 22 hand-made features and two fitted linear models (see the model card for the figures).
import type { Passage } from '../contract.js';
import type { CandidateSentence } from './candidate-sentences.js';
import type { TextEmbedder } from './embedding-memo.js';
import type { AnswerSelector } from './selector/answer-selector.js';
import { answerType, statesAnswerType, type AnswerType } from './answer-type.js';
import { words } from './terms.js';
import { splitSentences, type SentenceSpan } from '../text/sentences.js';

export interface RankedSentence extends CandidateSentence {
  /** the ranking score: selector logit + cosineWeight · cosine − typePenalty · typeMissing + overlapWeight · overlap when
   * the selector ran, else the shortlist score */
  score: number;
  /** selector logit (null: not shortlisted, or no selector) */
  selector: number | null;
  /** cosine of question and sentence embeddings (0 without a model) */
  cosine: number;
  /** idf-weighted share of the question's content words in the sentence or the one before */
  overlap: number;
  /** the question's form asks for a date, number, place or speech and the sentence states none */
  typeMissing: boolean;
  /** a date the question asks for is stated by the sentence before, not this one ("In July 2015, … embarked on a
   * commercial aircraft…" before "…Soleimani flouted international law and departed for Moscow."): the answer quotes
   * both */
  typeFromPrevious: boolean;
  vector: number[] | null;
  /** among the shortlist's first DECISION_SHORTLIST: what the answer decision reads */
  decisive: boolean;
}

export interface RankDeps {
  embedder: TextEmbedder | null;
  selector: AnswerSelector | null;
  /** the order is selector logit + cosineWeight · cosine (the two disagree in different ways; fitted with the
   * decision, calibration/answer-decision.json) */
  cosineWeight?: number;
  /** subtracted from a sentence that lacks the kind of answer the question's form asks for (answer-type.ts:
   * "when" without a date, "how many" without a number); fitted like cosineWeight */
  typePenalty?: number;
  /** added times the sentence's word overlap with the question (`overlap`): the selector reads words by meaning and
   * under-weighs a rare word the question and sentence share; fitted like cosineWeight */
  overlapWeight?: number;
  /** how many sentences the selector reads (the rest keep their shortlist order, behind them); the decision reads
   * the first DECISION_SHORTLIST of them */
  shortlist?: number;
  /** the client went away: stop before the next model call */
  signal?: AbortSignal;
}

export const DEFAULT_SHORTLIST = 32;
export const DECISION_SHORTLIST = 16;
// Answer types a sentence may take from the one before it: an event is often dated by the sentence that opens its
// account ("In July 2015, …") and told in the next. Measured on the held-out SQuAD 2.0 fit articles: answerable date
// questions refused 6 → 5 of 54, unanswerable ones abstained unchanged (21 of 48), gold removed 42 → 41 of 52.
const DATED = new Set<AnswerType | null>(['date', 'year']);

/** Whether a sentence lacks the answer type the question asks for, or takes it from the sentence before. */
export function answerTypeIn(type: AnswerType | null, sentence: string, previous: string, question: string): { missing: boolean; fromPrevious: boolean } {
  if (type === null || statesAnswerType(type, sentence, question)) return { missing: false, fromPrevious: false };
  const fromPrevious = DATED.has(type) && statesAnswerType(type, previous, question);
  return { missing: !fromPrevious, fromPrevious };
}
// weight of word overlap against cosine in the shortlist (the naive baseline's mix)
const OVERLAP_WEIGHT = 0.3;

export const cosine = (a: number[], b: number[]) => {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
};

const stemsOf = (text: string) => new Set(words(text).filter((w) => !w.stopword).map((w) => w.stem));

/** The sentence that follows the one ending at `end` in a passage ('' at the passage's end): context the selector
 * reads after the candidate. */
export function nextSentence(text: string, end: number, spans: SentenceSpan[] = splitSentences(text)): string {
  return spans.find((s) => s.start >= end)?.text ?? '';
}

/** Share of the question's content words (weighted by rarity among the candidates) in each candidate's window. */
function overlaps(question: string, candidates: CandidateSentence[]): number[] {
  const q = [...stemsOf(question)];
  const windows = candidates.map((c) => new Set([...c.words.filter((w) => !w.stopword).map((w) => w.stem), ...stemsOf(c.previous)]));
  const df = new Map<string, number>();
  for (const w of windows) for (const s of w) df.set(s, (df.get(s) ?? 0) + 1);
  const idf = (s: string) => Math.log((candidates.length + 1) / ((df.get(s) ?? 0) + 0.5));
  const total = q.reduce((a, s) => a + idf(s), 0);
  return windows.map((w) => (total ? q.reduce((a, s) => a + (w.has(s) ? idf(s) : 0), 0) / total : 0));
}

export async function rankSentences(question: string, passages: Passage[], candidates: CandidateSentence[], deps: RankDeps): Promise<RankedSentence[]> {
  if (!candidates.length || deps.signal?.aborted) return [];
  let cosines = candidates.map(() => 0);
  let vectors: (number[] | null)[] = candidates.map(() => null);
  if (deps.embedder) {
    const [q, ...vs] = await deps.embedder.embed([question, ...candidates.map((c) => c.text)]);
    vectors = vs;
    cosines = vs.map((v) => cosine(q, v));
  }
  const lexical = overlaps(question, candidates);
  const type = answerType(question);
  const ranked: RankedSentence[] = candidates.map((c, i) => {
    const { missing, fromPrevious } = answerTypeIn(type, c.text, c.before, question);
    return {
      ...c,
      cosine: cosines[i],
      overlap: lexical[i],
      typeMissing: missing,
      typeFromPrevious: fromPrevious,
      score: cosines[i] + OVERLAP_WEIGHT * lexical[i],
      selector: null,
      vector: vectors[i],
      decisive: false,
    };
  });
  ranked.sort((a, b) => b.score - a.score);
  ranked.forEach((s, i) => (s.decisive = i < DECISION_SHORTLIST));
  if (!deps.selector || deps.signal?.aborted) return ranked;
  const n = Math.min(ranked.length, deps.shortlist ?? DEFAULT_SHORTLIST);
  const spans = new Map<number, SentenceSpan[]>();
  const spansOf = (i: number) => spans.get(i) ?? spans.set(i, splitSentences(passages[i].text)).get(i)!;
  const pair = (s: RankedSentence) => ({
    question,
    sentence: s.text,
    title: passages[s.passage].title,
    previous: s.previous,
    next: nextSentence(passages[s.passage].text, s.end, spansOf(s.passage)),
  });
  const logits = await deps.selector.score(ranked.slice(0, n).map(pair));
  // shortlisted sentences first, by selector logit and cosine; the rest after them in shortlist order
  const w = deps.cosineWeight ?? 0;
  const penalty = deps.typePenalty ?? 0;
  const o = deps.overlapWeight ?? 0;
  const shortlisted = ranked.slice(0, n).map((s, i) => ({ ...s, selector: logits[i], score: logits[i] + w * s.cosine - (s.typeMissing ? penalty : 0) + o * s.overlap }));
  shortlisted.sort((a, b) => b.score - a.score);
  const floor = Math.min(...shortlisted.map((s) => s.score)) - 1;
  return [...shortlisted, ...ranked.slice(n).map((s, i) => ({ ...s, score: floor - i * 1e-3 }))];
}
