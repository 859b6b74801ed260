// The sentences of the retrieved passages that an extractive answer may quote, with their spans in the passage.
import type { Passage } from '../contract.js';
import { splitSentences } from '../text/sentences.js';
import { words, type Word } from './terms.js';

export interface CandidateSentence {
  /** index into the passages, in rank order */
  passage: number;
  /** position among the passage's sentences (after filtering) */
  position: number;
  text: string;
  /** the sentence before it in the passage ('' at the passage's start): context for "he", "the trip" */
  previous: string;
  /** character range in the passage text */
  start: number;
  end: number;
  /** the passage's document, and where the sentence starts in it (sentences of two passages can be neighbours) */
  docId: string;
  docStart: number;
  words: readonly Word[];
}

const MIN_WORDS = 4;
const MAX_WORDS = 120;

/** Text extracted from PDFs carries runs of garbled glyphs and reference lists; such a line is no answer. */
function isReadable(text: string, ws: readonly Word[]): boolean {
  if (ws.length < MIN_WORDS || ws.length > MAX_WORDS) return false;
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const visible = text.replace(/\s/g, '').length;
  if (letters < 0.6 * visible) return false;
  // "DDD DDD DDDDDDDD": a line of repeated one-letter glyph runs
  const glyphRuns = ws.filter((w) => /^(\p{L})\1+$/u.test(w.text) && w.text.length > 2).length;
  return glyphRuns < 0.2 * ws.length;
}

const normalised = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/**
 * A title, heading or caption line, not a statement: the document's title or the passage's section heading, a
 * line without closing punctuation whose content words are all capitalised ("Russia Increases Ties With Iran's
 * Axis"), or a picture's caption.
 */
function isHeading(text: string, ws: readonly Word[], p: Passage): boolean {
  // a picture's caption or alt text kept by the loader: "AN IMAGE of …", "A photo showing …"
  if (/^(?:an?|the)\s+(?:image|photo(?:graph)?|picture|video|screenshot)\s+(?:of|shows|showing)\b/i.test(text.trim())) return true;
  const n = normalised(text);
  if (n === normalised(p.title) || (p.section && n === normalised(p.section))) return true;
  if (/[.!?…:;"”’')\]]$/.test(text.trim())) return false;
  const content = ws.filter((w) => !w.stopword && !w.numeric);
  return content.length > 0 && content.every((w) => w.capitalized);
}

/**
 * An entry of a reference list: "Walt, Stephen M. (1987). The Origins of Alliances. Ithaca: …", "- Brooks,
 * Stephen (2005). Hard Times… 30(1), 72-108. doi: …". It names a source; it states nothing the question asks.
 */
export function isBibliographyEntry(text: string): boolean {
  const t = text.trim().replace(/^[-•*]\s*/, '');
  const authorYear = /^\p{Lu}[\p{L}'’.-]+(?: [\p{Lu}][\p{L}'’.-]+)*,\s+(?:\p{Lu}|and\b)/u.test(t) && /\((?:1[5-9]|20)\d{2}[^)]{0,12}\)/.test(t.slice(0, 160));
  const cites = /\bdoi:|https?:\/\/|\b\d+\s*\(\d+\)\s*[,:]\s*\d+\s*[-–]\s*\d+|\bpp?\.\s*\d+/i.test(t);
  return authorYear || (cites && /\((?:1[5-9]|20)\d{2}[^)]{0,12}\)/.test(t));
}

/** Does the question ask about sources, references or citations (then bibliography entries may be quoted)? */
export const asksAboutSources = (question: string) =>
  /\b(?:sources?|references?|cites?|cited|citations?|bibliograph\w*|works? cited|literature)\b/i.test(question);

const lineAround = (text: string, at: number) => {
  const end = text.indexOf('\n', at);
  return text.slice(text.lastIndexOf('\n', at) + 1, end < 0 ? text.length : end);
};

export interface CandidateOptions {
  /** quote reference-list entries too (the question asks about sources) */
  bibliography?: boolean;
}

/** Readable sentences of every passage; a sentence repeated in an overlapping chunk is kept once (higher rank). */
export function candidateSentences(passages: Passage[], options: CandidateOptions = {}): CandidateSentence[] {
  const seen = new Set<string>();
  const out: CandidateSentence[] = [];
  passages.forEach((p, passage) => {
    if (p.isReferences && !options.bibliography) return;
    let position = 0;
    let previous = '';
    for (const s of splitSentences(p.text)) {
      const before = previous;
      previous = s.text;
      const key = s.text.replace(/\s+/g, ' ').toLowerCase();
      if (seen.has(key)) continue;
      const ws = words(s.text);
      if (!isReadable(s.text, ws) || isHeading(s.text, ws, p)) continue;
      // an entry is split into several "sentences" ("Walt, S. (1987).", "The Origins of Alliances."): judge its line
      if (!options.bibliography && isBibliographyEntry(lineAround(p.text, s.start))) continue;
      seen.add(key);
      out.push({
        passage,
        position: position++,
        text: s.text,
        previous: before,
        start: s.start,
        end: s.end,
        docId: p.docId,
        docStart: p.start + s.start,
        words: ws,
      });
    }
  });
  return out;
}
