// Sentence boundaries with character offsets, shared by the chunker (chunks end on sentence boundaries) and the
// answerer (answers are made of whole sentences, and citations point at sentence spans).
// Intl.Segmenter (ICU, built into Node) does the segmentation; on its own it breaks after "Dr.", "U.S." and
// initials, so such breaks are undone. Line breaks are hard boundaries: in the corpus a line is a paragraph,
// a heading, a list item or a line of code, and one without a final full stop is a sentence of its own. A list
// item's label ("* Explicit triggers. These can be activated…") stays with the sentence after it.

export interface SentenceSpan {
  start: number;
  end: number;
  text: string;
}

const ABBREVIATIONS = new Set(
  [
    'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'mt', 'gen', 'maj', 'lt', 'col', 'capt', 'cpt', 'sgt', 'adm',
    'gov', 'sen', 'rep', 'pres', 'rev', 'hon', 'fr', 'no', 'nos', 'vol', 'vols', 'pp', 'p', 'ed', 'eds', 'al', 'cf',
    'vs', 'etc', 'fig', 'figs', 'eq', 'approx', 'dept', 'univ', 'inc', 'ltd', 'co', 'corp', 'est', 'ca', 'jan', 'feb',
    'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'e.g', 'i.e', 'u.s', 'u.k', 'u.n', 'a.m',
    'p.m', 'ph.d', 'op', 'ibid',
  ],
);

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** A list item's marker at the start of a line: "- ", "* ", "• ", "1. ", "2) ", "a) ", "(c) ", "(iv) ". */
export const LIST_ITEM = /^(?:[-*•·▪◦‣–—]|\d{1,3}[.)]|[a-z][.)]|\((?:\d{1,3}|[a-z]|[ivx]{1,4})\))\s+/;

/** Words in a list item's first sentence up to which it is a label of the item, not a statement. */
const LABEL_WORDS = 4;

/** True when a break after `piece` is not a sentence end (abbreviation, initial, "No. 5"). */
function endsWithAbbreviation(piece: string): boolean {
  const m = /(?:^|[\s(“"'])([\p{L}.]+)\.\s*$/u.exec(piece);
  if (!m) return false;
  const word = m[1].toLowerCase();
  if (ABBREVIATIONS.has(word)) return true;
  // single initials ("Stephen M. Walt") and dotted acronyms ("U.S.", "e.g.")
  return /^\p{Lu}$/u.test(m[1]) || /^(\p{L}\.)+\p{L}$/u.test(m[1]);
}

export function splitSentences(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  const lineRe = /[^\n]+/g;
  for (let line = lineRe.exec(text); line; line = lineRe.exec(text)) {
    const base = line.index;
    const pieces: { start: number; end: number }[] = [];
    for (const seg of segmenter.segment(line[0])) {
      const start = base + seg.index;
      const end = start + seg.segment.length;
      const prev = pieces[pieces.length - 1];
      const prevText = prev ? text.slice(prev.start, prev.end) : '';
      const startsLower = /^\s*[\p{Ll}\d(,;:]/u.test(seg.segment);
      // ICU also breaks inside a token ("page.html?lang=en"): outside CJK, a sentence end is followed by a space
      const insideToken = /[^\s。！？]$/u.test(prevText) && /^\S/.test(seg.segment);
      if (prev && (insideToken || endsWithAbbreviation(prevText) || (startsLower && !/[?!]\s*$/.test(prevText)))) prev.end = end;
      else pieces.push({ start, end });
    }
    // "* Explicit triggers." / "2. Grant of Copyright License." names the item whose sentence follows
    if (pieces.length >= 2 && LIST_ITEM.test(line[0])) {
      const label = text.slice(pieces[0].start, pieces[0].end).replace(LIST_ITEM, '');
      if (label.split(/\s+/).filter(Boolean).length <= LABEL_WORDS) pieces.splice(0, 2, { start: pieces[0].start, end: pieces[1].end });
    }
    for (const p of pieces) {
      let { start, end } = p;
      while (start < end && /\s/.test(text[start])) start++;
      while (end > start && /\s/.test(text[end - 1])) end--;
      if (end > start) out.push({ start, end, text: text.slice(start, end) });
    }
  }
  return out;
}
