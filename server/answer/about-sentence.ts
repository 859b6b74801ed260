// The sentence that says what a document is about: the first of its abstract or summary when it has one, else the
// first sentence of its prose (past the title page, copyright and licence notes, photo credits).
import type { SourceDoc } from '../domain.js';
import { splitSentences } from '../text/sentences.js';
import type { TextRange } from './authors-in-text.js';

const SUMMARY_HEADING = /^(?:(?:chapter|section|part)\s+)?(?:[\dIVX]+(?:\.\d+)*\.?\s+)?(?:abstract|summary|executive summary|overview|synopsis|introduction|preamble|preface)\b/i;
// Legal notes (a licence notice on a manual's title page), page furniture, a site's prompts
const NOT_ABOUT =
  /\b(?:copyright|all rights reserved|permitted to copy|redistribute|warranty|for more details|you should have received a copy|under the terms of|photo credit|cookies?|subscribe|newsletter|click here)\b|©/i;
const MIN_WORDS = 8;
const LOOK_CHARS = 8000;

function firstProse(text: string, from: number, to: number): TextRange | null {
  for (const s of splitSentences(text.slice(from, to))) {
    const body = text.slice(from + s.start, from + s.end).trim();
    // prose: a sentence of some length that ends like one and is not a legal note or page furniture
    if (body.split(/\s+/).length < MIN_WORDS || !/[.!?]["”’)]?$/.test(body) || NOT_ABOUT.test(body)) continue;
    if (/\n/.test(body.replace(/\n+$/, ''))) continue;
    const start = from + s.start + (text.slice(from + s.start).length - text.slice(from + s.start).trimStart().length);
    return { start, end: start + body.length };
  }
  return null;
}

export function aboutSentence(doc: Pick<SourceDoc, 'text' | 'sections'>): TextRange | null {
  const summary = doc.sections.find((s) => s.start < LOOK_CHARS && SUMMARY_HEADING.test(s.heading.replace(/[^\p{L}\p{N}. ]+/gu, '').trim()));
  if (summary) {
    const found = firstProse(doc.text, summary.start, summary.end);
    if (found) return found;
  }
  return firstProse(doc.text, 0, Math.min(doc.text.length, LOOK_CHARS));
}
