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
  /** character range in the passage text */
  start: number;
  end: number;
  /** the passage's document, and where the sentence starts in it (sentences of two passages can be neighbours) */
  docId: string;
  docStart: number;
  words: Word[];
}

const MIN_WORDS = 4;
const MAX_WORDS = 120;

/** Text extracted from PDFs carries runs of garbled glyphs and reference lists; such a line is no answer. */
function isReadable(text: string, ws: Word[]): boolean {
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
function isHeading(text: string, ws: Word[], p: Passage): boolean {
  // a picture's caption or alt text kept by the loader: "AN IMAGE of …", "A photo showing …"
  if (/^(?:an?|the)\s+(?:image|photo(?:graph)?|picture|video|screenshot)\s+(?:of|shows|showing)\b/i.test(text.trim())) return true;
  const n = normalised(text);
  if (n === normalised(p.title) || (p.section && n === normalised(p.section))) return true;
  if (/[.!?…:;"”’')\]]$/.test(text.trim())) return false;
  const content = ws.filter((w) => !w.stopword && !w.numeric);
  return content.length > 0 && content.every((w) => w.capitalized);
}

/** Readable sentences of every passage; a sentence repeated in an overlapping chunk is kept once (higher rank). */
export function candidateSentences(passages: Passage[]): CandidateSentence[] {
  const seen = new Set<string>();
  const out: CandidateSentence[] = [];
  passages.forEach((p, passage) => {
    let position = 0;
    for (const s of splitSentences(p.text)) {
      const key = s.text.replace(/\s+/g, ' ').toLowerCase();
      if (seen.has(key)) continue;
      const ws = words(s.text);
      if (!isReadable(s.text, ws) || isHeading(s.text, ws, p)) continue;
      seen.add(key);
      out.push({ passage, position: position++, text: s.text, start: s.start, end: s.end, docId: p.docId, docStart: p.start + s.start, words: ws });
    }
  });
  return out;
}
