// Does the question name someone or something that none of the retrieved passages mentions? "Until 1987, what stance
// did the Muslim Brotherhood in Iraq take towards Israel?" is not answered by passages about the Brotherhood in
// Palestine, and "What did China say about the Axis of Resistance?" not by passages that never name China. Crowd-
// written unanswerable questions are often made by swapping a name of the fact they copy, and the cross-encoder reads
// the rest of the sentence as a match. The decision (answer-decision.ts) abstains when a name is absent.
//
// A name is looked for loosely, since answerable questions reword the names they ask about: any one of its words
// counts ("the Russian Policy" is present where "Russian" is), with its possessive, plural decade ("1950's", "1950s")
// and Roman numerals read alike ("World War I" = "WW 1"), a shared stem of four letters or more ("Russia" /
// "Russian", "Europe" / "European"), and one letter of typing ("Bismark" / "Bismarck"). Acronyms are not looked for
// (the documents may spell "USSR" out as "the Soviet Union"), numbers are left to number-mismatch.ts, and a
// capitalised first word of the question ("Unsurprisingly, …", "Theories on…") is not taken for a name.
//
// Measured on the held-out SQuAD 2.0 fit articles (Imperialism, Islamism) through the product pipeline with the other
// checks: unanswerable questions abstained 0.470 → 0.489, gold paragraph removed 0.608 → 0.628, answerable questions
// refused unchanged (0.068). Over SQuAD v1.1 dev's 10,570 answerable questions, 2.6 % name something their own
// paragraph and article title do not (mostly another paragraph's context: "the 2015 season", "Denver" for "the
// Broncos"); retrieval brings the article's other paragraphs, so few of them are refused.
import type { Passage } from '../contract.js';
import { namesIn } from './rewrite-question.js';
import { words } from './terms.js';

const ROMAN: Record<string, string> = { i: '1', ii: '2', iii: '3', iv: '4', v: '5' };
/** "WW-II", "WWII", "WW 2" → "World War II" */
const WORLD_WAR = /\bWW[-\s]?(I{1,3}|\d)\b/g;

const expand = (text: string) => text.replace(WORLD_WAR, (_, n: string) => `World War ${n}`);

function normal(word: string): string {
  const lower = word.toLowerCase().replace(/['’]s$/, '').replace(/^(\d+)s$/, '$1');
  return ROMAN[lower] ?? lower;
}

/** a and b differ by one inserted, deleted, replaced or swapped letter */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return true;
  const swapped = a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  return a.slice(i + 1) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i) || a.slice(i) === b.slice(i + 1) || swapped;
}

const sameStem = (a: string, b: string) => {
  if (a.length < 4 || b.length < 4) return false;
  return b.startsWith(a.slice(0, Math.max(4, a.length - 2))) || a.startsWith(b.slice(0, Math.max(4, b.length - 2)));
};

type PassageText = Pick<Passage, 'text' | 'title'> & Partial<Pick<Passage, 'authors' | 'publisher'>>;

/** The names of `question` that none of `passages` (their text, title, authors and publisher) mentions. */
export function namesAbsent(question: string, passages: readonly PassageText[]): string[] {
  const asked = expand(question);
  const first = words(asked)[0];
  const names = namesIn(asked).filter(
    (n) =>
      !/^[\d\s/.,:–-]+$/.test(n) && // numbers: number-mismatch.ts
      n.length > 1 &&
      // an acronym is an alias the documents may spell out in their own words ("USSR" for "the Soviet Union")
      !/^[A-Z]{2,6}$/.test(n) &&
      !(first && asked.indexOf(n) === first.start && !/\s/.test(n) && !/^[A-Z0-9]+$/.test(n)),
  );
  if (!names.length) return [];
  const text = expand(passages.map((p) => [p.title, ...(p.authors ?? []), p.publisher ?? '', p.text].join('\n')).join('\n'));
  const have = [...new Set(words(text).map((w) => normal(w.text)))];
  const present = (token: string) => have.some((h) => h === token || sameStem(token, h) || (token.length >= 5 && oneEditApart(token, h)));
  return names.filter((n) => {
    const tokens = words(n).filter((w) => !w.stopword).map((w) => normal(w.text));
    return tokens.length > 0 && !tokens.some(present);
  });
}
