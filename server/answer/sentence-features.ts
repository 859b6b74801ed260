// Evidence features of each candidate sentence for a question. The weights that turn them into one evidence
// score are fitted on data (evidence-model.ts); here each feature is only measured.
import type { CandidateSentence } from './candidate-sentences.js';
import { answerCandidates, attachedNumbers, quantityCandidates, reportsSpeech } from './answer-candidates.js';
import type { QuestionAnalysis } from './question-analysis.js';
import { words, type Word } from './terms.js';

export const FEATURE_NAMES = [
  /** cosine of question and sentence embeddings */
  'dense',
  /** best cosine of the question with the sentence just before or after (same passage): context that the sentence continues */
  'denseNeighbour',
  /** share of the question's content words (idf-weighted over the candidates) in the sentence */
  'lexical',
  /** the same share in the sentence with its neighbours (a name in the sentence before, "he" in this one) */
  'lexicalWindow',
  /** the same share in the whole passage of the sentence */
  'lexicalPassage',
  /** share of the question's entities named in the passage */
  'entitiesPassage',
  /** share of the relation/focus words stated in the sentence, by stem */
  'focus',
  /** relation/focus words matched by stem or, failing that, by the closest word embedding in the sentence */
  'focusSoft',
  /** the worst-matched relation/focus word (stem 1, else closest word embedding): a sentence must state all of the relation */
  'focusMin',
  /** the question expects a date/number/name and the sentence has one not already in the question */
  'typeMatch',
  /** the question expects a date/number/name and the sentence has none */
  'typeMissing',
  /** share of the sentence's content words that are not in the question: a restatement of the question answers nothing */
  'novelty',
  /** share of the question's adjacent content-word pairs that occur adjacent in the sentence */
  'bigrams',
  /** 1 / rank of the passage */
  'passageRank',
  /** log of the sentence length in words */
  'logLength',
  /** a date/quantity question ("what year", "how much money", "what percentage") and the sentence states one of
   * that kind (a year, a currency amount, a percentage…) not already in the question */
  'kindMatch',
  /** a date/quantity question and the sentence states none of that kind */
  'kindMissing',
  /** kindMissing, but the sentence just before or after (same passage) states one: the two answer together */
  'kindNeighbour',
  /** "how many X": a number attached to X (or a word close to it) in the sentence: "5,000 troops" */
  'countAttached',
  /** "how many X" and no number attached to X (a number about something else does not count) */
  'countDetached',
  /** the noun the question asks for ("which airline" → airline) by stem, else the closest word embedding; 1 without one */
  'nounMatch',
  /** "what did X say/promise…" and the sentence reports no speech (no verb of saying, no quotation) */
  'speechMissing',
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];

export interface FeatureInputs {
  analysis: QuestionAnalysis;
  candidates: CandidateSentence[];
  /** null without an embedding model: the dense features are 0 and the lexical-only model is used */
  questionVector: number[] | null;
  sentenceVectors: number[][] | null;
  /** cosine of two words' embeddings, when both were embedded */
  wordSimilarity: ((a: string, b: string) => number | undefined) | null;
  /** per passage (by index): its document's title, authors and publisher. A question names a document by them
   * ("the Roomi paper", "the Jerusalem Post article"), so they count as the passage's entities. */
  passageLabels?: string[];
}

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

const contentStemsOf = (ws: Word[]) => new Set(ws.filter((w) => !w.stopword).map((w) => w.stem));
// A word this close to the counted noun by embedding counts as naming it ("soldiers" for "troops").
const SAME_NOUN_COSINE = 0.6;

function weightedShare(terms: Word[], present: ReadonlySet<string>, idf: (stem: string) => number): number {
  let total = 0;
  let hit = 0;
  for (const t of terms) {
    const w = idf(t.stem);
    total += w;
    if (present.has(t.stem)) hit += w;
  }
  return total ? hit / total : 1;
}

function adjacentPairs(ws: Word[]): Set<string> {
  const content = ws.filter((w) => !w.stopword);
  const out = new Set<string>();
  for (let i = 1; i < content.length; i++) out.add(`${content[i - 1].stem} ${content[i].stem}`);
  return out;
}

/** One feature row per candidate, in FEATURE_NAMES order. */
export function sentenceFeatures(inputs: FeatureInputs): number[][] {
  const { analysis, candidates, questionVector, sentenceVectors, wordSimilarity, passageLabels } = inputs;
  const sentenceStems = candidates.map((c) => contentStemsOf(c.words));
  const passageStems = new Map<number, Set<string>>();
  candidates.forEach((c, i) => {
    const set = passageStems.get(c.passage) ?? new Set<string>(passageLabels?.[c.passage] ? contentStemsOf(words(passageLabels[c.passage])) : []);
    for (const s of sentenceStems[i]) set.add(s);
    passageStems.set(c.passage, set);
  });
  // Inverse document frequency over the candidate sentences: a word that every retrieved sentence repeats (the
  // topic) tells less about which sentence answers than a word only one sentence has. Words absent from all
  // candidates weigh most, so a question about something no passage mentions loses its coverage.
  const df = new Map<string, number>();
  for (const set of sentenceStems) for (const s of set) df.set(s, (df.get(s) ?? 0) + 1);
  const n = candidates.length;
  const idf = (stem: string) => Math.log((n + 1) / ((df.get(stem) ?? 0) + 0.5));

  const questionStems = new Set(analysis.content.map((w) => w.stem));
  const questionPairs = adjacentPairs(analysis.content);
  const typed = analysis.type !== 'none';
  const dense = candidates.map((_, i) => (questionVector && sentenceVectors ? cosine(questionVector, sentenceVectors[i]) : 0));
  const kind = analysis.quantity;
  const hasKind = candidates.map((c) => (kind ? quantityCandidates(c.text, kind, questionStems).length > 0 : false));
  const noun = analysis.askedNoun;
  const counted = kind === 'count' && noun ? noun : null;
  const sameNoun = (w: string) => (counted && wordSimilarity ? (wordSimilarity(counted.lower, w) ?? 0) >= SAME_NOUN_COSINE : false);

  return candidates.map((c, i) => {
    const stems = sentenceStems[i];
    const pStems = passageStems.get(c.passage)!;
    const hasPrev = candidates[i - 1]?.passage === c.passage;
    const hasNext = candidates[i + 1]?.passage === c.passage;
    const prev = hasPrev ? dense[i - 1] : 0;
    const next = hasNext ? dense[i + 1] : 0;
    const window = new Set([...stems, ...(hasPrev ? sentenceStems[i - 1] : []), ...(hasNext ? sentenceStems[i + 1] : [])]);
    const entities = analysis.entities.length
      ? analysis.entities.filter((e) => pStems.has(e.stem)).length / analysis.entities.length
      : 1;
    let focusSoft = 1;
    let focusMin = 1;
    if (analysis.focus.length) {
      const sentenceWords = c.words.filter((w) => !w.stopword);
      const matches = analysis.focus.map((f) => {
        if (stems.has(f.stem)) return 1;
        let best = 0;
        if (wordSimilarity) for (const w of sentenceWords) best = Math.max(best, wordSimilarity(f.lower, w.lower) ?? 0);
        return best;
      });
      focusSoft = matches.reduce((a, b) => a + b, 0) / matches.length;
      focusMin = Math.min(...matches);
    }
    const candidatesOfType = typed ? answerCandidates(c.text, analysis.type, questionStems).length : 0;
    const novelWords = [...stems].filter((s) => !questionStems.has(s)).length;
    const kindNeighbour = kind && !hasKind[i] && ((hasPrev && hasKind[i - 1]) || (hasNext && hasKind[i + 1]));
    const attached = counted ? attachedNumbers(c.text, new Set([counted.stem]), questionStems, sameNoun).length > 0 : false;
    let nounMatch = 1;
    if (noun && !kind) {
      nounMatch = stems.has(noun.stem) ? 1 : 0;
      if (!nounMatch && wordSimilarity) for (const w of c.words) if (!w.stopword) nounMatch = Math.max(nounMatch, wordSimilarity(noun.lower, w.lower) ?? 0);
    }
    const pairs = adjacentPairs(c.words);
    const bigramHits = [...questionPairs].filter((p) => pairs.has(p)).length;
    return [
      dense[i],
      Math.max(prev, next),
      weightedShare(analysis.content, stems, idf),
      weightedShare(analysis.content, window, idf),
      weightedShare(analysis.content, pStems, idf),
      entities,
      weightedShare(analysis.focus, stems, idf),
      focusSoft,
      focusMin,
      typed && candidatesOfType > 0 ? 1 : 0,
      typed && candidatesOfType === 0 ? 1 : 0,
      stems.size ? novelWords / stems.size : 0,
      questionPairs.size ? bigramHits / questionPairs.size : 0,
      1 / (c.passage + 1),
      Math.log(c.words.length),
      kind && hasKind[i] ? 1 : 0,
      kind && !hasKind[i] ? 1 : 0,
      kindNeighbour ? 1 : 0,
      counted && attached ? 1 : 0,
      counted && !attached ? 1 : 0,
      nounMatch,
      analysis.asksForSpeech && !reportsSpeech(c.text) ? 1 : 0,
    ];
  });
}
