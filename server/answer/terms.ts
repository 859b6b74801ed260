// Words of a question or sentence as the answerer compares them: lowercased, stopwords out, Porter-stemmed.
import { stemmer } from 'stemmer';

export interface Word {
  /** as written */
  text: string;
  /** lowercased */
  lower: string;
  stem: string;
  start: number;
  end: number;
  /** written with a capital (or all caps / digits inside): a name, an acronym or a number rather than a plain word */
  capitalized: boolean;
  numeric: boolean;
  stopword: boolean;
}

// Function words plus the verbs and nouns every question uses to ask ("do", "name", "kind"), which say nothing
// about what a sentence must state.
const STOPWORDS = new Set(
  (
    'a an the and or but nor so yet if then than that this these those there here of in on at by for with about ' +
    'against between into through during before after above below to from up down out off over under again further ' +
    'once all any both each few more most other some such no not only own same too very can will just should now ' +
    'is are was were be been being am have has had having do does did doing would could might must shall may ' +
    'i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself ' +
    'it its itself they them their theirs themselves what which who whom whose when where why how whether ' +
    "as until while because also s t don doesn didn isn aren wasn weren won wouldn ' ’ one ones another " +
    'name named kind type sort called call according'
  ).split(/\s+/),
);

export const QUESTION_WORDS = new Set(['what', 'which', 'who', 'whom', 'whose', 'when', 'where', 'why', 'how']);

// Words joined by apostrophes, dots and hyphens stay one word ("Shi'ite", "U.S.", "al-Haq"); so do digit groups ("3,000").
const WORD_RE = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+|(?<=\d),\d{3}(?!\d))*/gu;

export const isStopword = (lower: string) => STOPWORDS.has(lower);

export const stem = (lower: string) => (/^\p{N}/u.test(lower) ? lower : stemmer(lower));

/**
 * Texts whose words were asked for lately (the same passages' sentences come back question after question): under
 * 50 connections of /api/chat, splitting and stemming them again was the longest stretch the event loop stood still
 * for, with the garbage it made. The oldest entry goes first; callers only read the arrays.
 */
const MEMO_MAX = 10_000;
const memo = new Map<string, readonly Word[]>();

/** Every word of `text` with its offsets; possessive 's is dropped so "Iran's" matches "Iran". */
export function words(text: string): readonly Word[] {
  const known = memo.get(text);
  if (known) return known;
  const out = splitWords(text);
  if (memo.size >= MEMO_MAX) memo.delete(memo.keys().next().value!);
  memo.set(text, out);
  return out;
}

function splitWords(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD_RE)) {
    const raw = m[0].replace(/['’]s$/i, '');
    const lower = raw.toLowerCase().replace(/[’]/g, "'");
    out.push({
      text: raw,
      lower,
      stem: stem(lower.replace(/\./g, '')),
      start: m.index,
      end: m.index + raw.length,
      capitalized: /^\p{Lu}/u.test(raw) || /\p{N}/u.test(raw) || /\p{Lu}.*\p{Lu}/u.test(raw),
      numeric: /^\p{N}/u.test(raw),
      stopword: STOPWORDS.has(lower),
    });
  }
  return out;
}

/** Stems of the content words (no stopwords), in order, duplicates kept. */
export const contentStems = (text: string): string[] => words(text).filter((w) => !w.stopword).map((w) => w.stem);
