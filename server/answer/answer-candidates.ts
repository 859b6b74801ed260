// Does a sentence contain something of the kind the question asks for (a date for "when", a number for "how
// many", a name for "who"), that the question does not already contain? Dates and numbers by pattern; names by
// capitalisation, with compromise's part-of-speech tags (people, places, dates) to tell a person from a place.
import nlp from 'compromise';
import type { AnswerType } from './question-analysis.js';
import { words, type Word } from './terms.js';

const MONTHS = new Set(
  'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec'.split(' '),
);
const WEEKDAYS = new Set('monday tuesday wednesday thursday friday saturday sunday'.split(' '));
const DATE_WORDS = new Set(['century', 'centuries', 'decade', 'decades', 'bc', 'bce', 'ad', 'ce', 'millennium', 'dynasty', 'era']);
const NUMBER_WORDS = new Set(
  ('one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen ' +
    'eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands ' +
    'million millions billion billions trillion dozen dozens half percent per cent twice thrice several')
    .split(' '),
);

const isDateWord = (w: Word) =>
  /^(1\d{3}|20\d{2}|\d{3})s?$/.test(w.lower) ||
  /^\d{1,2}(st|nd|rd|th)$/.test(w.lower) ||
  /^\d{1,2}[:.]\d{2}$/.test(w.lower) ||
  MONTHS.has(w.lower) ||
  WEEKDAYS.has(w.lower) ||
  DATE_WORDS.has(w.lower);

const isNumberWord = (w: Word) => w.numeric || NUMBER_WORDS.has(w.lower) || /^\d/.test(w.lower);

// compromise tags per lowercased word, memoised: a sentence is tagged once however many questions see it.
const tagCache = new Map<string, Map<string, Set<string>>>();
const TAG_CACHE_MAX = 20_000;

function tagsOf(sentence: string): Map<string, Set<string>> {
  let tags = tagCache.get(sentence);
  if (tags) return tags;
  tags = new Map();
  const json = nlp(sentence).json() as { terms: { normal?: string; text: string; tags: string[] }[] }[];
  for (const s of json) for (const t of s.terms) tags.set((t.normal || t.text).toLowerCase(), new Set(t.tags));
  if (tagCache.size >= TAG_CACHE_MAX) tagCache.delete(tagCache.keys().next().value as string);
  tagCache.set(sentence, tags);
  return tags;
}

/** Words of `sentence` that could be the answer of a question of `type`, excluding words whose stem is in `exclude`. */
export function answerCandidates(sentence: string, type: AnswerType, exclude: ReadonlySet<string>): Word[] {
  if (type === 'none') return [];
  const ws = words(sentence).filter((w) => !w.stopword && !exclude.has(w.stem));
  if (type === 'date') return ws.filter(isDateWord);
  if (type === 'number') return ws.filter(isNumberWord);
  const first = words(sentence)[0];
  const names = ws.filter((w) => w.capitalized && !w.numeric);
  if (names.length === 0) return type === 'entity' ? ws.filter((w) => w.numeric) : [];
  const tags = tagsOf(sentence);
  const has = (w: Word, tag: string) => tags.get(w.lower)?.has(tag) ?? false;
  // A capitalised first word is sentence case unless the tagger says it is a name.
  const named = names.filter((w) => w.start !== first.start || has(w, 'ProperNoun') || has(w, 'Person') || has(w, 'Place'));
  if (type === 'person') return named.filter((w) => !has(w, 'Place') && !has(w, 'Date') && !has(w, 'Value'));
  if (type === 'place') return named.filter((w) => !has(w, 'Person') && !has(w, 'Date') && !has(w, 'Value'));
  return [...named, ...ws.filter((w) => w.numeric)];
}
