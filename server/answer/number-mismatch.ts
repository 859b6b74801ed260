// Does a sentence state a different number than the one the question is about? "What book were Iqbal's eight
// English lectures published as?" is not answered by "Iqbal's seven English lectures were published…", nor "Which
// historian was popular in the 21st century?" by "During the 20th century, historians…". A question repeats the
// numbers of the facts it asks about (it cannot state the number it asks for), so a sentence that names another
// number of the same kind where the question's should be is about another fact ("…elections in 1994 canceled by?"
// over "…national elections in 1991 when voting was canceled by a military coup"). Crowd-written unanswerable
// questions are often made by changing a number; the cross-encoder reads "seven" and "eight" as near the same.

import { splitSentences } from '../text/sentences.js';

const CARDINAL_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];
const ORDINAL_WORDS = ['zeroth', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth'];
const TOKEN = /\b(\d[\d,]*(?:\.\d+)?)(st|nd|rd|th|['’]?s)?\b|\b([a-z]+)\b/gi;

interface NumberToken {
  value: string;
  kind: 'cardinal' | 'ordinal' | 'year' | 'decade';
}

/** The numbers a text states, as values of a kind: "eight" and "8" are the same cardinal, "21st" and "twenty-first"
 * not handled beyond twenty ("first".."twentieth"), "1950s" a decade. "one" is left out: "one of", "no one" state no
 * count. */
export function numbersIn(text: string): NumberToken[] {
  const out: NumberToken[] = [];
  for (const m of text.matchAll(TOKEN)) {
    if (m[1]) {
      const digits = m[1].replace(/,/g, '');
      const suffix = (m[2] ?? '').toLowerCase();
      if (/s$/.test(suffix)) {
        // "the 1950s", "the 1940's": a decade, told apart from other decades ("Where did France lose a war in the
        // 1940's?" over "…in Vietnam in the 1950s"); "the 80s" names no century
        if (/^(1[0-9]|20)\d0$/.test(digits)) out.push({ value: digits, kind: 'decade' });
        continue;
      }
      if (suffix) out.push({ value: digits, kind: 'ordinal' });
      else out.push({ value: digits, kind: /^(1[0-9]|20)\d\d$/.test(m[1]) ? 'year' : 'cardinal' });
      continue;
    }
    const w = m[3].toLowerCase();
    const c = CARDINAL_WORDS.indexOf(w);
    if (c > 1) out.push({ value: String(c), kind: 'cardinal' });
    const o = ORDINAL_WORDS.indexOf(w);
    if (o > 0 && w !== 'second') out.push({ value: String(o), kind: 'ordinal' }); // "second" is also a unit of time
  }
  return out;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTH_DAY = new RegExp(`\\b(${MONTHS.join('|')})\\s+([1-9]|[12]\\d|3[01])\\b|\\b([1-9]|[12]\\d|3[01])\\s+(${MONTHS.join('|')})\\b`);

/**
 * The year a sentence's day of a month falls in when it does not say ("On November 19, Israel announced…"), read as a
 * reader of the document would from its date: the document's year, or the year before for a month later than the
 * document's (a January article's "December 3"). null when the sentence states a year, names no month with a day, or
 * the document is undated.
 */
export function impliedYear(sentence: string, documentDate: string | null | undefined): string | null {
  const dated = /^(\d{4})-(\d{2})/.exec(documentDate ?? '');
  if (!dated || numbersIn(sentence).some((n) => n.kind === 'year')) return null;
  const m = MONTH_DAY.exec(sentence);
  if (!m) return null;
  const month = MONTHS.indexOf(m[1] ?? m[4]) + 1;
  const year = Number(dated[1]);
  return String(month > Number(dated[2]) ? year - 1 : year);
}

/**
 * 1 when the question states a number that `sentence` lacks while stating another of the same kind; else 0. With the
 * sentence's document date, a day of a month without a year states the year it implies (impliedYear): "What did Israel
 * find in November 2023?" is not answered by "On November 19, Israel announced…" in an article of December 2024.
 */
export function numberMismatch(question: string, sentence: string, documentDate?: string | null): number {
  // an ordinal in a question is often the slot it asks about ("…then Asia, but what continent was third?" over
  // "first in the Americas, second in Asia…"), so only counts and years are compared
  const asked = numbersIn(question).filter((n) => n.kind !== 'ordinal');
  if (!asked.length) return 0;
  const implied = impliedYear(sentence, documentDate);
  const stated = [...numbersIn(sentence), ...(implied ? [{ value: implied, kind: 'year' as const }] : [])];
  const has = (n: NumberToken) => stated.some((s) => s.kind === n.kind && s.value === n.value);
  return asked.some((n) => !has(n) && stated.some((s) => s.kind === n.kind)) ? 1 : 0;
}

/**
 * The years a question names that no passage states, in its text, title or date, or implies by a day of a month
 * (impliedYear): like a name no passage mentions (names-absent.ts), a year nothing retrieved is about. Crowd-written
 * unanswerable questions are often made by changing a year: in the seven SQuAD 2.0 fit articles, 34 of the 79
 * unanswerable questions naming a year name one their whole article lacks, and none of the 45 answerable ones.
 */
export function yearsAbsent(question: string, passages: readonly { text: string; title: string; date?: string | null }[]): string[] {
  const asked = numbersIn(question).filter((n) => n.kind === 'year');
  if (!asked.length) return [];
  const present = new Set<string>();
  for (const p of passages) {
    for (const n of numbersIn(`${p.title} ${p.text}`)) if (n.kind === 'year') present.add(n.value);
    const year = /^(\d{4})/.exec(p.date ?? '')?.[1];
    if (year) present.add(year);
    if (p.date) {
      for (const { text } of splitSentences(p.text)) {
        const implied = impliedYear(text, p.date);
        if (implied) present.add(implied);
      }
    }
  }
  return [...new Set(asked.map((n) => n.value))].filter((y) => !present.has(y));
}
