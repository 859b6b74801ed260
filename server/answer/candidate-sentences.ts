// The sentences of the retrieved passages that an extractive answer may quote, with their spans in the passage.
// Besides running text, an item of a list and a line of code are quotable ("* Explicit triggers. These can be…",
// "#define CHUNK 16384"): each is a candidate of its own, marked with its kind and its block, so an answer can
// quote a list's lead-in ("…three kinds of triggers:") and the items that follow it.
import type { Passage } from '../contract.js';
import { isCodeLine } from '../text/code-line.js';
import { LIST_ITEM, splitSentences } from '../text/sentences.js';
import { words, type Word } from './terms.js';

/** Running text, the start of an item of a list ("* File triggers. These are…"; the item's later sentences are
 * running text in the same block), or a line of code. */
export type CandidateKind = 'sentence' | 'list-item' | 'code';

export interface CandidateSentence {
  /** index into the passages, in rank order */
  passage: number;
  /** position among the passage's sentences (after filtering) */
  position: number;
  text: string;
  /** the sentence before it in the passage ('' at the passage's start): context for "he", "the trip" (the selector
   * reads it) */
  previous: string;
  /** the sentence before it in its document, when a retrieved passage holds it: `previous`, or for a passage's first
   * sentence the end of another passage ("In July 2015, …" before "Sanctioned by the UN…, Soleimani … departed for
   * Moscow.", a chunk apart) */
  before: string;
  /** character range in the passage text */
  start: number;
  end: number;
  /** the passage's document, and where the sentence starts in it (sentences of two passages can be neighbours) */
  docId: string;
  docStart: number;
  words: readonly Word[];
  kind: CandidateKind;
  /**
   * it introduces the list or code that follows it: it ends with a colon, or it is the last sentence before a
   * block of list items or code ("We now include the header files for the required definitions.")
   */
  leadIn: boolean;
  /**
   * which block of the passage it is in (blocks are separated by blank lines): a list's items, or a code block's
   * lines, share one; the lead-in of a list is in the same block or the one before
   */
  block: number;
}

const MIN_WORDS = 4;
const MAX_WORDS = 120;

/** An item of a list can be a name or two ("- python3-minimal", "- Neil Schemenauer"); a line of code too. */
const MIN_WORDS_OF: Record<CandidateKind, number> = { sentence: MIN_WORDS, 'list-item': 2, code: 2 };
/** Share of letters among the visible characters: code has more symbols than prose. */
const MIN_LETTERS_OF: Record<CandidateKind, number> = { sentence: 0.6, 'list-item': 0.6, code: 0.4 };

/**
 * Text extracted from PDFs carries runs of garbled glyphs and reference lists; such a line is no answer. A line of
 * code passes with fewer words and more symbols, but only when it reads as code (code-line.ts), which glyph
 * garbage ("DDD DDD", "\YT&FTT\.") does not.
 */
function isReadable(text: string, ws: readonly Word[], kind: CandidateKind): boolean {
  if (ws.length < MIN_WORDS_OF[kind] || ws.length > MAX_WORDS) return false;
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const visible = text.replace(/\s/g, '').length;
  if (letters < MIN_LETTERS_OF[kind] * visible) return false;
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
const MAN_NAME_LINE = /^[\w.+-]+(?:, [\w.+-]+)* [-–—] \p{Ll}/u;

function isHeading(text: string, ws: readonly Word[], p: Passage, kind: CandidateKind): boolean {
  if (kind === 'code') return false;
  // a picture's caption or alt text kept by the loader: "AN IMAGE of …", "A photo showing …"
  if (/^(?:an?|the)\s+(?:image|photo(?:graph)?|picture|video|screenshot)\s+(?:of|shows|showing)\b/i.test(text.trim())) return true;
  // a manual's NAME line is its title and says what the thing is: "tar - an archiving utility"
  if (MAN_NAME_LINE.test(text.trim())) return false;
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

function kindOf(text: string, line: string): CandidateKind {
  if (text === line.trim() && isCodeLine(text)) return 'code';
  return LIST_ITEM.test(text) && line.trimStart().startsWith(text) ? 'list-item' : 'sentence';
}

/** Offsets where the passage's blocks (runs of lines without a blank line between them) start. */
function blockStarts(text: string): number[] {
  const starts = [0];
  for (const m of text.matchAll(/\n[ \t]*\n\s*/g)) starts.push(m.index + m[0].length);
  return starts;
}

export interface CandidateOptions {
  /** quote reference-list entries too (the question asks about sources) */
  bibliography?: boolean;
}

/** Readable sentences of every passage; a sentence repeated in an overlapping chunk is kept once (higher rank). */
export function candidateSentences(passages: Passage[], options: CandidateOptions = {}): CandidateSentence[] {
  const seen = new Map<string, CandidateSentence>();
  const out: CandidateSentence[] = [];
  passages.forEach((p, passage) => {
    if (p.isReferences && !options.bibliography) return;
    let position = 0;
    let previous = '';
    const blocks = blockStarts(p.text);
    for (const s of splitSentences(p.text)) {
      const before = previous;
      previous = s.text;
      const key = s.text.replace(/\s+/g, ' ').toLowerCase();
      const kept = seen.get(key);
      if (kept) {
        if (!kept.before && before) kept.before = before;
        continue;
      }
      const ws = words(s.text);
      const line = lineAround(p.text, s.start);
      const kind = kindOf(s.text, line);
      if (!isReadable(s.text, ws, kind) || isHeading(s.text, ws, p, kind)) continue;
      // an entry is split into several "sentences" ("Walt, S. (1987).", "The Origins of Alliances."): judge its line
      if (!options.bibliography && isBibliographyEntry(line)) continue;
      const candidate: CandidateSentence = {
        passage,
        position: position++,
        text: s.text,
        previous: before,
        before,
        start: s.start,
        end: s.end,
        docId: p.docId,
        docStart: p.start + s.start,
        words: ws,
        kind,
        leadIn: /:["'”’)]*$/u.test(s.text),
        block: blocks.filter((b) => b <= s.start).length - 1,
      };
      seen.set(key, candidate);
      out.push(candidate);
    }
  });
  // a passage's first sentence: the sentence of another passage that ends right before it in the document (one
  // space or line break, or a blank line, between them)
  for (const c of out) {
    if (c.before) continue;
    const end = (r: CandidateSentence) => r.docStart + r.text.length;
    const adjacent = out.filter((r) => r.docId === c.docId && r !== c && end(r) <= c.docStart && c.docStart - end(r) <= 3);
    if (adjacent.length) c.before = adjacent[0].text;
  }
  out.forEach((c, i) => {
    const next = out[i + 1];
    if (c.kind === 'sentence' && next?.passage === c.passage && next.kind !== 'sentence' && next.block === c.block + 1) c.leadIn = true;
  });
  return out;
}
