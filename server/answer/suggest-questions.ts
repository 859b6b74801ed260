// Example questions for the start page, derived from what is indexed (titles, authors, dates, section headings),
// never hard-coded: a researcher who drops in other documents sees questions about those. Pure (no I/O), so the
// web app runs it on /api/documents and the tests run it on the seed corpus and ask every suggestion.
// Chosen: questions of the kinds the offline answerer handles well — who wrote a document and when it was
// published (answered from its metadata record), and what a document says under one of its own section headings
// (answered from that section). One question per document first, so the three show the corpus's range. When the
// documents give fewer (no metadata, headings that only say where one is), questions about the corpus as a whole
// fill the rest: they are always answered, from every document's record (corpus-questions.ts).
import type { DocumentMeta } from '../contract.js';
import { publisherName } from './publisher-name.js';

export interface SuggestionSource {
  meta: Pick<DocumentMeta, 'docId' | 'title' | 'authors' | 'date' | 'publisher'>;
  /** section headings in document order, references sections left out by the caller or flagged here; absent when
   * they were not fetched (metadata questions only) */
  sections?: { heading: string; isReferences?: boolean }[];
}

export const CORPUS_SUGGESTIONS = ['What is this collection about?', 'Which documents are in the corpus?', 'Who wrote the documents?'];

// Headings that say where in a document one is, not what it is about.
const GENERIC_HEADING =
  /^(?:abstract|summary|introduction|intro|background|conclusions?|concluding remarks|discussion|results|methods?|methodology|references|bibliography|notes|endnotes|acknowledge?ments?|appendix.*|contents|table of contents|keywords?|literature review|research method(?:ology)?|theoretical framework|findings|overview|preface|foreword|about the authors?|author information|funding|data availability|\d+)$/i;
const MAX_TITLE_WORDS = 12;
// A long title is cut before one of these (a clause or phrase starts there), so the rest still reads as a title.
const BREAK_WORD = /^(?:as|at|in|on|and|of|with|for|from|to|by|while|when|after|before|since|amid|over|under|between)$/i;

/** The title as a reader would say it: the main title before a subtitle; a long one cut where a phrase starts. */
export function shortTitle(title: string): string {
  const main = title.split(/\s*[:–—]\s+|\s+[-|]\s+/)[0].trim() || title.trim();
  const words = main.split(/\s+/);
  if (words.length <= MAX_TITLE_WORDS) return main;
  let cut = MAX_TITLE_WORDS;
  for (let i = MAX_TITLE_WORDS; i >= 4; i--) {
    if (BREAK_WORD.test(words[i])) {
      cut = i;
      break;
    }
  }
  return `${words.slice(0, cut).join(' ')}…`;
}

/** A section heading fit to ask about: a few words of content, no numbering. */
function topicOf(heading: string): string | null {
  const h = heading
    .replace(/^(?:(?:chapter|section|part)\s+)?[\dIVXivx]+(?:\.\d+)*[.)]?\s+/, '')
    // a heading's end punctuation, and the pilcrow of a permalink that HTML documentation puts after it
    .replace(/[\s.:;¶#§]+$/, '')
    .trim();
  const words = h.split(/\s+/);
  if (GENERIC_HEADING.test(h) || words.length < 2 || words.length > 9 || h.length > 70 || !/[a-z]/.test(h)) return null;
  // a heading in capitals reads as shouting inside a question; one in sentence case ("Recharge from rain") reads as
  // words of the question; a title-case heading keeps its case (its capitals may be proper nouns)
  if (h === h.toUpperCase()) return h.toLowerCase();
  const sentenceCase = words.slice(1).every((w) => !/^[A-Z][a-z]/.test(w) || w.length <= 1);
  return sentenceCase ? h.charAt(0).toLowerCase() + h.slice(1) : h;
}

export function suggestQuestions(docs: readonly SuggestionSource[], count = 3): string[] {
  const byDoc = docs.map((d) => {
    const title = `“${shortTitle(d.meta.title)}”`;
    const topics = (d.sections ?? []).filter((s) => !s.isReferences).map((s) => topicOf(s.heading)).filter((t): t is string => t !== null);
    const options: string[] = [];
    if (topics.length) options.push(`What does ${title} say about ${topics[0]}?`);
    if (d.meta.authors.length) options.push(`Who wrote ${title}?`);
    if (d.meta.date) options.push(`When was ${title} published?`);
    if (publisherName(d.meta.publisher)) options.push(`Who published ${title}?`);
    return options;
  });
  // round-robin: each document's best question first, then second choices, …
  const out: string[] = [];
  for (let round = 0; out.length < count && byDoc.some((o) => o.length > round); round++) {
    for (const options of byDoc) if (options[round] && out.length < count) out.push(options[round]);
  }
  for (const q of docs.length ? CORPUS_SUGGESTIONS : []) if (out.length < count) out.push(q);
  return out;
}
