// Does the question name someone or something that none of the retrieved passages mentions? "Until 1987, what stance
// did the Muslim Brotherhood in Iraq take towards Israel?" is not answered by passages about the Brotherhood in
// Palestine, and "What did China say about the Axis of Resistance?" not by passages that never name China. Crowd-
// written unanswerable questions are often made by swapping a name of the fact they copy, and the cross-encoder reads
// the rest of the sentence as a match. The decision (answer-decision.ts) abstains when a name is absent.
//
// A name is looked for loosely, since answerable questions reword the names they ask about: any one of its words
// counts ("the Russian Policy" is present where "Russian" is), possessives are dropped, and so is a word that starts
// with all but the last two letters of the other, four at least ("Russia" / "Russian", "Europe" / "European"), is
// one letter of typing away ("Bismark" / "Bismarck") or is the name's words written together ("Le Grande" /
// "LeGrande"). Acronyms are not looked for (the documents may spell "USSR" or "WW-II" out: "the Soviet Union"), nor names with digits ("the 1940's", "4th", "3D": numbers are
// number-mismatch.ts's), nor two-letter ones ("Jr"), nor a capitalised first word of the question ("Unsurprisingly,
// …", "Theories on…").
//
// Measured on the held-out SQuAD 2.0 fit articles (Imperialism, Islamism) through the product pipeline with the other
// checks: unanswerable questions abstained 0.470 → 0.481, gold paragraph removed 0.608 → 0.625, answerable questions
// refused unchanged (0.068). Over SQuAD v1.1 dev's 10,570 answerable questions, 1.7 % name something their own
// paragraph and article title do not (another paragraph's context, "Denver" for "the Broncos"; a demonym, "Irish" for
// "Ireland"; a unit, "Celsius" for "°C"); retrieval brings the article's other paragraphs, so fewer are refused.
import type { Passage } from '../contract.js';
import { namesIn } from './rewrite-question.js';
import { words } from './terms.js';

const normal = (word: string) => word.toLowerCase().replace(/['’]s$/, '');

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

/** Whether a word is in the passages (their text, title, authors and publisher), loosely as described above. */
function mentionedIn(passages: readonly PassageText[]): (token: string) => boolean {
  // word by word of each passage's own texts: words() memoises them, and the same passages come back question after
  // question (a text joined per question would fill its memo)
  const texts = passages.flatMap((p) => [p.title, ...(p.authors ?? []), p.publisher ?? '', p.text]);
  const have = [...new Set(texts.flatMap((t) => words(t).map((w) => normal(w.text))))];
  const exact = new Set(have);
  return (token) => exact.has(token) || have.some((h) => sameStem(token, h) || (token.length >= 5 && oneEditApart(token, h)));
}

/** The names of `question` that none of `passages` (their text, title, authors and publisher) mentions. */
export function namesAbsent(question: string, passages: readonly PassageText[]): string[] {
  const first = words(question)[0];
  const names = namesIn(question).filter(
    (n) =>
      !/\d/.test(n) && // numbers ("1600s", "4th", "700-megawatt"): number-mismatch.ts
      n.length > 2 && // "Jr", "Sr"
      // an acronym is an alias the documents may spell out in their own words ("USSR" for "the Soviet Union")
      !/^[A-Z][A-Z\s-]*[A-Z]$/.test(n) &&
      !(first && question.indexOf(n) === first.start && !/\s/.test(n)),
  );
  if (!names.length) return [];
  const present = mentionedIn(passages);
  return names.filter((n) => {
    const tokens = words(n).filter((w) => !w.stopword).map((w) => normal(w.text));
    // "Le Grande" may be written "LeGrande"
    const joined = tokens.length > 1 ? [tokens.join('')] : [];
    return tokens.length > 0 && ![...tokens, ...joined].some(present);
  });
}

// Words of chat that ask nothing of the documents ("thanks!", "ok, great", "hi there"): "thanks" is in "thanks to its
// collaborations", and "thanks!" was answered from it.
const CHAT_WORDS = new Set(
  'hi hello hey hiya greetings thanks thank thx cheers ok okay great cool nice good fine bye goodbye morning afternoon evening please yes yeah yep no nope sure welcome lol wow awesome perfect'.split(' '),
);

/**
 * True when not one content word of the question occurs in the passages ("hello", "asdf qwer", "Tell me a joke"); words
 * of chat ("thanks!") do not count. Retrieval returns its nearest passages for anything, and the cross-encoder, never
 * trained on such input, scores their sentences as for a question (selector logit −0.8 for "hello": above most
 * answerable questions' best). A word counts loosely, as a name does (same stem, a shared beginning, one letter of
 * typing away). A question with no content word at all ("What is it?" with no conversation before it) relates to
 * nothing either.
 */
export function unrelatedToPassages(question: string, passages: readonly PassageText[]): boolean {
  const asked = [...new Set(words(question).filter((w) => !w.stopword && !CHAT_WORDS.has(w.lower)).map((w) => normal(w.text)))];
  return !asked.some(mentionedIn(passages));
}
