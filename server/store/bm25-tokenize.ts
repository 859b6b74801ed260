// The analyzer BM25 indexes and queries with, modelled on Lucene's EnglishAnalyzer as Anserini runs it for BEIR
// (the 0.679 SciFact "flat" regression): word tokens → lowercase → drop possessive 's → drop stopwords → Porter stem.
import { stemmer } from 'stemmer';

/** Bumped whenever tokens change: an index built by another analyzer must be rebuilt, not read. */
export const ANALYZER_VERSION = 'lucene-english-porter-1';

/** Lucene's EnglishAnalyzer.ENGLISH_STOP_WORDS_SET (33 words), which Anserini uses by default. */
export const STOPWORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for', 'if', 'in', 'into', 'is', 'it', 'no', 'not', 'of',
  'on', 'or', 'such', 'that', 'the', 'their', 'then', 'there', 'these', 'they', 'this', 'to', 'was', 'will', 'with',
]);

// Letters/digits runs, joined across an inner apostrophe or dot between two word characters, as Unicode word
// segmentation (UAX #29, Lucene's StandardTokenizer) does: "don't", "U.S", "3.5" stay whole; "IL-6" splits.
const WORD = /[\p{L}\p{M}\p{N}]+(?:['.][\p{L}\p{M}\p{N}]+)*/gu;

// Stemming is the costly step and vocabularies are small next to token counts: remember each word's stem.
const stems = new Map<string, string>();
const MAX_MEMO = 200_000;

function stem(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    s = stemmer(word);
    if (stems.size >= MAX_MEMO) stems.clear();
    stems.set(word, s);
  }
  return s;
}

export function analyze(text: string, extraStopwords?: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const normalised = text.normalize('NFKC').replace(/[\u2018\u2019\u02bc]/g, "'").toLowerCase();
  for (let word of normalised.match(WORD) ?? []) {
    if (word.endsWith("'s")) word = word.slice(0, -2);
    if (!word || STOPWORDS.has(word) || extraStopwords?.has(word)) continue;
    out.push(stem(word));
  }
  return out;
}

/**
 * Words that make a sentence a question rather than say what it is about: wh-words and the auxiliaries that
 * invert in English questions. Dropped from queries only (a document's "when" is kept), so "When did X travel?"
 * is scored on "x travel" and its idealScore is not inflated by words no passage needs to contain.
 */
export const QUESTION_WORDS: ReadonlySet<string> = new Set([
  'what', 'when', 'where', 'which', 'who', 'whom', 'whose', 'why', 'how',
  'do', 'does', 'did', 'can', 'could', 'would', 'should', 'shall', 'may', 'might', 'must',
  'has', 'have', 'had', 'were', 'been', 'am',
]);

export function analyzeQuery(text: string): string[] {
  return analyze(text, QUESTION_WORDS);
}
