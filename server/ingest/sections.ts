// Headings in cleaned text → SectionSpan[]. A heading is a paragraph of one short line that is
//  - marked as a heading by the format (Markdown #, HTML h1–h6, Word heading styles), or
//  - a standard section name of papers and reports ("Abstract", "2. Methods", "References"), or
//  - numbered like a heading ("1. Introduction", "3.2 Data sources", "IV. Findings"), or
//  - title-like ("Defensive Policy") between two body paragraphs, or a line of capitals ("SEE ALSO") after any
//    text, when the format marked no headings at all.
// The last rule needs body text on both sides, so a title block at the top (title, authors, date) is not taken
// for headings. The references/bibliography section is flagged so retrieval can rank it below body text.
import type { SectionSpan } from '../domain.js';

const SECTION_NAMES = new Set([
  'abstract', 'summary', 'executive summary', 'introduction', 'background', 'overview', 'literature review',
  'related work', 'theoretical framework', 'conceptual framework', 'method', 'methods', 'methodology',
  'materials and methods', 'data', 'data and methods', 'research design', 'results', 'findings', 'analysis',
  'discussion', 'results and discussion', 'conclusion', 'conclusions', 'concluding remarks', 'conclusion and recommendations',
  'recommendations', 'limitations', 'future work', 'implications', 'acknowledgements', 'acknowledgments',
  'acknowledgement', 'acknowledgment', 'appendix', 'appendices', 'notes', 'endnotes', 'footnotes', 'glossary',
  'about the author', 'about the authors', 'author information', 'funding', 'conflict of interest',
  'conflicts of interest', 'declarations',
]);

const REFERENCE_NAMES = new Set([
  'references', 'reference list', 'bibliography', 'select bibliography', 'selected bibliography', 'works cited',
  'literature cited', 'cited works', 'works consulted', 'sources', 'sources cited', 'further reading',
  'literature', 'references and notes', 'notes and references', 'citations',
]);

const NUMBERING = /^(?:\d{1,2}\.|\d{1,2}(?:\.\d{1,2}){1,3}\.?|[IVXLC]{1,6}\.|[A-H]\.|(?:chapter|section|part)\s+[\dIVXLC]+[.:]?)\s+/i;
const SMALL_WORDS = new Set([
  'a', 'an', 'and', 'as', 'at', 'but', 'by', 'for', 'from', 'in', 'into', 'nor', 'of', 'on', 'or', 'over', 'per',
  'the', 'to', 'vs', 'via', 'with', 'without', 'its', 'their', 'his', 'her', 'our', 'is', 'are', 'be',
]);

interface Block {
  start: number;
  end: number;
  text: string;
}

function blocks(text: string): Block[] {
  const out: Block[] = [];
  const re = /[^\n](?:[^\n]|\n(?!\n))*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  return out;
}

/** Section name without numbering, trailing colon or case: "2. Methods:" → "methods". */
export function sectionKey(heading: string): string {
  return heading
    .replace(NUMBERING, '')
    .replace(/[:.\s]+$/, '')
    .replace(/\s+/g, ' ')
    .toLowerCase()
    .trim();
}

export function isReferencesHeading(heading: string): boolean {
  return REFERENCE_NAMES.has(sectionKey(heading));
}

function isKnownName(line: string): boolean {
  const key = sectionKey(line);
  return SECTION_NAMES.has(key) || REFERENCE_NAMES.has(key) || /^appendix(?:\s+[a-z0-9]{1,3})?$/.test(key);
}

const wordsOf = (s: string) => s.split(/\s+/).filter(Boolean);
const ENDS_SENTENCE = /[.!?]["'”’)\]]*$/u;

/** Running text, as opposed to a title, a name or a date line. */
function isBody(b: Block | undefined): boolean {
  if (!b) return false;
  return wordsOf(b.text).length >= 10 && (ENDS_SENTENCE.test(b.text) || /[.!?:]["'”’)\]]*\s/u.test(b.text) || /:$/.test(b.text));
}

function isShortLine(b: Block): boolean {
  return !b.text.includes('\n') && b.text.length <= 120 && wordsOf(b.text).length <= 14;
}

function isNumberedHeading(b: Block, next: Block | undefined): boolean {
  const t = b.text;
  if (!NUMBERING.test(t) || /[.;,]$/.test(t)) return false;
  const rest = t.replace(NUMBERING, '');
  // "2019 was a dry year" is not numbered; a heading's first word after the number is capitalised
  if (!/^\p{Lu}/u.test(rest) || wordsOf(rest).length > 12) return false;
  return !!next && !NUMBERING.test(next.text.split('\n')[0] ?? '');
}

/** A word of code or of a name list, not of a heading: TAR_FILETYPE, NEWGRP[:NEWGID], --file=ARCHIVE, a::b. */
const IDENTIFIER = /[_=[\]{}<>|\\/@]|^--?\w|::/;

function isTitleLike(b: Block): boolean {
  const t = b.text;
  if (t.length > 80 || /[.;:,!?]$/.test(t) || !/^\p{Lu}/u.test(t)) return false;
  const words = wordsOf(t);
  if (words.length > 10 || words.some((w) => IDENTIFIER.test(w))) return false;
  const content = words.map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')).filter((w) => w && !SMALL_WORDS.has(w.toLowerCase()));
  if (!content.length || content.every((w) => /^\d/.test(w))) return false;
  return content.every((w) => /^[\p{Lu}\d]/u.test(w));
}

/**
 * "SEE ALSO", "RETURN VALUE", "TERMS AND CONDITIONS": a short line of capital letters and spaces only, the way man
 * pages and licences head their sections (an environment variable, "TAR_FILETYPE", has an underscore).
 */
function isCapitalsHeading(b: Block): boolean {
  const t = b.text;
  return t.length <= 60 && wordsOf(t).length <= 6 && /^\p{Lu}[\p{Lu} &'-]*\p{Lu}$/u.test(t) && (t.match(/\p{Lu}/gu) ?? []).length >= 4;
}

/** Sections of `text`; `hints` are heading texts the format marked. Sections run from their heading to the next. */
export function detectSections(text: string, hints: readonly string[] = []): SectionSpan[] {
  const hintSet = new Set(hints.map((h) => h.replace(/\s+/g, ' ').trim()).filter(Boolean));
  const all = blocks(text);
  const headings: { start: number; heading: string; isReferences: boolean }[] = [];
  let inReferences = false;
  all.forEach((b, i) => {
    const line = b.text.trim();
    const marked = !b.text.includes('\n') && hintSet.has(line.replace(/\s+/g, ' '));
    // headings the format marked may be long; the others are short lines
    if (!marked && !isShortLine(b)) return;
    const prev = all[i - 1];
    const next = all[i + 1];
    const known = isKnownName(line);
    // inside a bibliography, entries can look like anything; only marked or standard headings end it
    // a line of capitals needs only something before it: at the very top it is the document's title
    const heuristic =
      !inReferences &&
      !!next &&
      (isNumberedHeading(b, next) ||
        (hintSet.size === 0 && ((isTitleLike(b) && isBody(prev) && (isBody(next) || /^- /.test(next.text))) || (isCapitalsHeading(b) && !!prev))));
    if (!marked && !known && !heuristic) return;
    const refs = isReferencesHeading(line);
    // a marked sub-heading inside the bibliography ("Books", "Articles") still belongs to it
    const isReferences = refs || (inReferences && marked && !known);
    inReferences = isReferences;
    headings.push({ start: b.start, heading: line, isReferences });
  });
  return headings.map((h, i) => ({
    heading: h.heading,
    start: h.start,
    end: i + 1 < headings.length ? headings[i + 1].start : text.length,
    isReferences: h.isReferences,
  }));
}
