// Does a sentence contain something of the kind the question asks for (a date for "when", a number for "how
// many", a name for "who"), that the question does not already contain? Dates and numbers by pattern; names by
// capitalisation, with compromise's part-of-speech tags (people, places, dates) to tell a person from a place.
import nlp from 'compromise';
import type { AnswerType, QuantityKind } from './question-analysis.js';
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

export function tagsOf(sentence: string): Map<string, Set<string>> {
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

// Currencies by symbol or name (general English, with ISO codes), percent signs and words, and units of time:
// what makes a number an amount of money, a share, or a duration.
const CURRENCY_WORDS = new Set(
  ('dollar dollars usd us$ euro euros eur pound pounds sterling gbp yen jpy yuan renminbi cny ruble rubles rouble roubles rub ' +
    'rupee rupees inr franc francs mark marks rial rials riyal riyals dinar dinars dirham dirhams peso pesos lira lire ' +
    'shekel shekels won krona kronor krone kroner cent cents pence shilling shillings guilder guilders ducat ducats')
    .split(' '),
);
const PERCENT_WORDS = new Set(['percent', 'per', 'percentage', '%', 'half', 'halves', 'third', 'thirds', 'quarter', 'quarters', 'fifth', 'fifths', 'tenth', 'tenths', 'majority', 'minority']);
const TIME_UNIT_WORDS = new Set(
  'second seconds minute minutes hour hours day days week weeks fortnight month months year years decade decades century centuries millennia millennium lifetime'.split(' '),
);
const YEAR_RE = /^(?:c\.?)?(1\d{3}|20\d{2}|\d{3})s?$/;
const isYearWord = (w: Word) => YEAR_RE.test(w.lower);
// "a year", "several weeks", "the past decade": a unit of time with a quantity word before it also states a duration
const DURATION_QUANTIFIERS = new Set(['a', 'an', 'several', 'few', 'many', 'some', 'couple', 'dozen', 'dozens', 'hundreds', 'thousands']);

/**
 * Words of `sentence` that state a quantity of `kind` not already in the question (`exclude`): a year for "what
 * year", a currency amount for "how much money", a number next to a unit of time for "how long". Empty = the
 * sentence cannot give such an answer.
 */
export function quantityCandidates(sentence: string, kind: QuantityKind, exclude: ReadonlySet<string>): Word[] {
  const all = words(sentence);
  const keep = (w: Word) => !exclude.has(w.stem);
  const isNumber = (w: Word | undefined) => !!w && keep(w) && isNumberWord(w);
  switch (kind) {
    case 'date': {
      const out = all.filter((w) => keep(w) && isDateWord(w));
      // clock times ("4:51", "8:10 p.m.") are split into two numbers by words()
      for (const m of sentence.matchAll(/\b\d{1,2}:\d{2}\b/g)) out.push(...all.filter((w) => w.start === m.index));
      return out;
    }
    case 'year':
      return all.filter((w) => keep(w) && isYearWord(w));
    case 'money': {
      const out: Word[] = [];
      all.forEach((w, i) => {
        if (!isNumber(w)) return;
        const before = sentence.slice(Math.max(0, w.start - 3), w.start);
        const after = all.slice(i + 1, i + 4).map((x) => x.lower);
        if (/[$£€¥₹₽]\s*$/.test(before) || after.some((x) => CURRENCY_WORDS.has(x))) out.push(w);
      });
      return out;
    }
    case 'percent': {
      const out: Word[] = [];
      all.forEach((w, i) => {
        if (!keep(w)) return;
        if (isNumber(w) && (/^\s*%/.test(sentence.slice(w.end, w.end + 2)) || PERCENT_WORDS.has(all[i + 1]?.lower ?? ''))) out.push(w);
        else if (PERCENT_WORDS.has(w.lower) && w.lower !== 'per' && w.lower !== 'percent' && w.lower !== 'percentage') out.push(w);
      });
      return out;
    }
    case 'duration': {
      // "18 years", "a year", "months of work"; durations are also given as spans ("1892 to 1894") or bare numbers
      const out = all.filter((w) => isNumber(w) && !w.stopword);
      all.forEach((w, i) => {
        if (keep(w) && TIME_UNIT_WORDS.has(w.lower) && (DURATION_QUANTIFIERS.has(all[i - 1]?.lower ?? '') || /s$/.test(w.lower))) out.push(w);
      });
      return out;
    }
    case 'age':
    case 'count':
    case 'measure':
    case 'quantity':
      return all.filter((w) => isNumber(w) && !w.stopword);
  }
}

/**
 * Numbers of `sentence` attached to the counted noun: "5,000 Iranian troops", "thousands of troops", within a few
 * words before a word whose stem is in `nounStems` (or that `similar` says means the same), with no clause break
 * between. "How many troops" is not answered by "two months" in a sentence about troops.
 */
export function attachedNumbers(
  sentence: string,
  nounStems: ReadonlySet<string>,
  exclude: ReadonlySet<string>,
  similar?: (word: string) => boolean,
): Word[] {
  const all = words(sentence);
  const out: Word[] = [];
  all.forEach((w, i) => {
    if (exclude.has(w.stem) || !isNumberWord(w) || w.stopword) return;
    for (let j = i + 1; j < Math.min(all.length, i + 5); j++) {
      // a comma, semicolon or parenthesis between the number and the noun starts another phrase
      if (/[,;:()]/.test(sentence.slice(all[j - 1].end, all[j].start))) break;
      if (nounStems.has(all[j].stem) || (similar?.(all[j].lower) ?? false)) {
        out.push(w);
        break;
      }
      if (isNumberWord(all[j]) && !NUMBER_WORDS.has(all[j].lower)) break;
    }
  });
  return out;
}

// Forms of speech verbs (irregular ones spelled out; regular ones matched by stem) and quotation marks: a sentence
// that reports what someone said.
const SPEECH_FORMS = new Set(
  ('said says saying told tells telling stated').split(' '),
);
const SPEECH_STEMS = new Set(
  ('sai tell promis announc declar claim ask repli respond answer warn urg suggest propos demand insist assur ' +
    'pledg vow agre discuss explain argu offer threaten predict recommend admit deni confirm statement remark')
    .split(' '),
);

/** True when `sentence` reports speech: a verb of saying, or a quotation. */
export function reportsSpeech(sentence: string): boolean {
  if (/["“”]\s*\p{L}[^"“”]{8,}["“”]/u.test(sentence)) return true;
  return words(sentence).some((w) => SPEECH_FORMS.has(w.lower) || SPEECH_STEMS.has(w.stem));
}
