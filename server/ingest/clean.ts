// Raw loader text → the text users read and every chunk offset points into. Pure: no I/O.
// Three kinds of damage are repaired, each by a general pattern rather than by strings from particular files:
//  1. PDF-extraction garbage: glyph runs from fonts without a Unicode map ("DDDD DD DDDDDDD", "000000 0000"),
//     symbol soup ("\YT&FTT\.\T3+"), Persian digits OCR'd as LaTeX ("$\Upsilon \cdot 1$"), digits in the
//     wrong script, stray glyphs of another script glued to a word, Markdown emphasis left in plain text.
//  2. Page furniture and web chrome: running headers/footers and page numbers (paged formats), photo credits,
//     duplicated captions, whole lines that are site navigation ("No comments:", "Share this article").
//  3. Layout: hard-wrapped lines and paragraphs split by a page break are joined; hyphenated line ends rejoined;
//     text repeated across a page break appears once. Paragraphs are separated by a blank line.
// Deletion is only ever of whole garbage tokens, furniture lines or exact duplicates; a line with ordinary words
// keeps them (tests check that numbers such as "1979" and "2014/1393: 19" and names survive), and a line that is
// part of a sentence is never furniture or chrome. Every removal is counted by reason, whole lines with examples,
// for the ingest report (removed-text.ts).
import type { PageSpan } from '../domain.js';
import { fixC1Controls } from '../text/windows-1252.js';

export interface CleanOptions {
  /** the pages are real pages: running headers/footers and page numbers are looked for */
  paged?: boolean;
  /** page number of each entry of `pages` (default 1, 2, 3…) */
  pageNumbers?: number[];
  /** heading texts the format marked (never joined with neighbouring lines) */
  headings?: readonly string[];
  /** lines the format marked as preformatted (code): kept as written, each a line of its own */
  preformatted?: readonly string[];
}

export interface CleaningStats {
  charsIn: number;
  charsOut: number;
  /** characters removed, by reason (whitespace normalisation is not counted) */
  removed: Record<string, number>;
  /** whole lines removed, by reason (page furniture, web chrome, noise lines, duplicates) */
  linesRemoved: Record<string, number>;
  /** up to three of the distinct lines removed for each reason, for the ingest report */
  examples: Record<string, string[]>;
}

export interface CleanResult {
  text: string;
  /** character range of each page in `text` (empty for formats without pages) */
  pages: PageSpan[];
  stats: CleaningStats;
}

interface Stats {
  chars: Record<string, number>;
  lines: Record<string, number>;
  examples: Record<string, string[]>;
}
const count = (stats: Stats, rule: string, chars: number) => {
  if (chars > 0) stats.chars[rule] = (stats.chars[rule] ?? 0) + chars;
};
const MAX_EXAMPLES = 3;
/**
 * A whole line (or paragraph) removed: counted, and kept as an example for the ingest report. `removed` is what
 * goes (after in-line repairs), `original` the line as it was read.
 */
const drop = (stats: Stats, rule: string, removed: string, original = removed) => {
  count(stats, rule, removed.length);
  stats.lines[rule] = (stats.lines[rule] ?? 0) + 1;
  const examples = (stats.examples[rule] ??= []);
  const shown = original.length > 100 ? `${original.slice(0, 99)}…` : original;
  if (examples.length < MAX_EXAMPLES && !examples.includes(shown)) examples.push(shown);
};

// ---------------------------------------------------------------------------------------------------------------
// characters

const LIGATURES: Record<string, string> = { 'ﬀ': 'ff', 'ﬁ': 'fi', 'ﬂ': 'fl', 'ﬃ': 'ffi', 'ﬄ': 'ffl', 'ﬅ': 'st', 'ﬆ': 'st' };

function normalizeCharacters(text: string): string {
  // C1 controls never occur in real text; they are Windows-1252 punctuation that was decoded as Latin-1
  return fixC1Controls(text)
    .normalize('NFC')
    .replace(/\r\n?|[\f\v\u2028\u2029]/g, '\n')
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, '') // soft hyphen, zero-width characters, stray BOM
    .replace(/[\u0000-\u0008\u000E-\u001F\u007F]/g, '')
    .replace(/[\t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g, ' ')
    .replace(/[ﬀ-ﬆ]/g, (c) => LIGATURES[c] ?? c);
}

const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}]/gu;
const LATIN_LETTER = /\p{Script=Latin}/gu;

function isMostlyLatin(line: string): boolean {
  const latin = line.match(LATIN_LETTER)?.length ?? 0;
  const rtl = line.match(RTL_LETTER)?.length ?? 0;
  return latin > 0 && latin >= 3 * rtl;
}

/** Arabic-Indic and Persian digits in a Latin-script line (a PDF font quirk) become ASCII digits: "۹/۱۱" → "9/11". */
function fixDigitsAndStrayGlyphs(line: string, stats: Stats): string {
  if (!isMostlyLatin(line)) return line;
  let out = line.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String((d.charCodeAt(0) - 0x0660) % 0x90));
  // one right-to-left letter glued to a Latin word ("benefitץ") is a mis-mapped glyph, not a word
  const before = out.length;
  out = out.replace(/(?<=\p{Script=Latin})[\p{Script=Arabic}\p{Script=Hebrew}](?![\p{Script=Arabic}\p{Script=Hebrew}])/gu, '');
  count(stats, 'stray glyphs', before - out.length);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// garbage inside a line

// Persian/Arabic digits OCR'd as look-alike symbols: Υ (٢), Λ/∧ (٧, ٨), Δ (٥), · (٠), ∘ (٥), ℑ (٣)…
const GLYPH_COMMANDS = new Set(['Upsilon', 'Lambda', 'lambda', 'Delta', 'delta', 'cdot', 'circ', 'Im', 'Re', 'land', 'lor', 'wedge', 'vee', 'Psi', 'Gamma', 'backslash', 'bullet', 'prime', 'vdots', 'ldots']);

/**
 * `$…$` spans made of LaTeX commands and digits only, as OCR produces for Persian/Arabic numerals
 * ("$\Upsilon \cdot 15/1$"). Real formulas have operators, braces or words and are kept.
 */
function isGlyphMath(content: string): boolean {
  const commands = content.match(/\\[A-Za-z]+/g) ?? [];
  if (!commands.length) return false;
  if (/[=<>+]|\\(frac|sum|int|sqrt|left|right|begin|mathrm|mathbf|text|over)/.test(content)) return false;
  const lookalikes = commands.filter((c) => GLYPH_COMMANDS.has(c.slice(1))).length;
  if (lookalikes * 2 < commands.length) return false;
  const rest = content.replace(/\\[A-Za-z]+/g, '').replace(/[\d\s.,:;/·()\-^{}]+/g, '');
  return rest.length <= 3 && (/\d/.test(content) || commands.length >= 2);
}

function removeGlyphMath(line: string, stats: Stats): string {
  let out = line.replace(/\$([^$\n]{1,200})\$/g, (m, inner: string) => {
    if (!isGlyphMath(inner)) return m;
    count(stats, 'glyph math', m.length);
    return '';
  });
  // an unclosed "$\Upsilon \cdot 1" at the end of a line
  out = out.replace(/\$(\\[A-Za-z]+(?:[\s\d.,:/·]*\\[A-Za-z]+)*[\s\d.,:/·]*)$/g, (m, inner: string) => {
    if (!isGlyphMath(inner + ' 0')) return m;
    count(stats, 'glyph math', m.length);
    return '';
  });
  // superscript markers with nothing in them: "^{.)}"
  return out.replace(/\^\{[^}\p{L}\p{N}]{0,12}\}/gu, (m) => {
    count(stats, 'glyph math', m.length);
    return '';
  });
}

/** Markdown emphasis markers in text that is not rendered as Markdown ("**Threat**" → "Threat"). */
function removeEmphasisMarkers(line: string, stats: Stats): string {
  const before = line.length;
  const out = line
    .replace(/(\*\*|__)(?=[^\s*_])([^*\n]+?)(?<=[^\s*_])\1/g, '$2')
    // single asterisks only around several words: "*steroid*" is a search wildcard, "*Politics Quarterly*" italics
    .replace(/(^|[\s(["'“])\*(?=[^\s*])([^*\n]*?\s[^*\n]*?)(?<=[^\s*])\*(?=$|[\s)\]"'”.,;:!?])/g, '$1$2');
  count(stats, 'markup', before - out.length);
  return out;
}

// "(photo credit: REUTERS)", "(Photo: Rail Weekly archive)", "(Image courtesy: …)"
const INLINE_CREDIT =
  /\s*\(\s*(?:(?:photo(?:graph)?|image|picture|video|graphic|illustration)s?(?:\s+(?:credits?|courtesy|by))?|credits?|courtesy)\s*:\s*[^()\n]{1,80}\)/gi;
const CREDIT_LINE =
  /^(?:(?:photo(?:graph)?|image|picture|video|graphic|illustration)s?(?:\s+(?:credits?|courtesy|by))?|credits?)\s*:\s*\S.{0,80}$/i;

function removeCredits(line: string, stats: Stats): string {
  const out = line.replace(INLINE_CREDIT, '');
  count(stats, 'photo credits', line.length - out.length);
  return out;
}

type TokenKind = 'word' | 'garbage' | 'glyph' | 'percent' | 'neutral';

const NUCLEOTIDES = /^[ACGTU]+$/;

/**
 * Classifies a whitespace-delimited token.
 *  - garbage: symbol soup with backslashes and no lowercase ("\YT&FTT\.\T3+.Y.T\"): never text;
 *  - glyph: capitals/digits drawn from at most two characters ("DDDD", "ODOD", "000000", "DD", a lone "Δ" in a
 *    Latin line) — what a PDF font without a Unicode map extracts to. Alone such a token may be an acronym or a
 *    sequence ("LXXLL", "GGGGCC", "III", "007"); only a run of them is removed (see removeGlyphRuns);
 *  - percent: a percent-encoded byte split off a URL ("D8%", "A2%").
 * Checked on held-out clean text (5,183 SciFact abstracts, 2,067 SQuAD paragraphs: acronyms, gene names, DNA
 * motifs, numbers): cleaning removes nothing from any of them.
 */
function classifyToken(token: string, previous: string | undefined, greekLine: boolean): TokenKind {
  if (!/[\p{L}\p{N}]/u.test(token)) return 'neutral';
  const core = token.replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, '');
  const letters = core.match(/\p{L}/gu) ?? [];
  const lower = letters.filter((l) => /\p{Ll}/u.test(l)).length;
  if (token.includes('\\') && lower <= 0.2 * letters.length) return 'garbage';
  // one long token of a repeated capital ("DDDD://DD.DDDDDDDDD9F5Y"); nucleotide sequences are text
  if (letters.length >= 8 && lower <= 0.2 * letters.length && /(\p{Lu})\1\1/u.test(core) && !NUCLEOTIDES.test(letters.join(''))) {
    const counts = new Map<string, number>();
    for (const l of letters) counts.set(l, (counts.get(l) ?? 0) + 1);
    if (Math.max(...counts.values()) >= 0.5 * letters.length) return 'garbage';
  }
  if (/^%?(?:[0-9A-F]{2}[-%]*)+[.,]?$/.test(token) && token.includes('%') && /[A-F]/.test(token)) return 'percent';
  if (/^[\p{Lu}\p{Nd}]+$/u.test(core) && new Set(core).size <= 2) {
    if (/^(?:[1-9]\d*|0)$/.test(core)) return 'word'; // a number
    // "1 000 000": three-digit groups after a number are part of it
    if (/^\d{3}$/.test(core) && previous && /\d[,.]?$/.test(previous)) return 'word';
    if (core.length === 1) return !greekLine && /\p{Script=Greek}/u.test(core) ? 'glyph' : 'word';
    return 'glyph';
  }
  return 'word';
}

/**
 * A run of glyph tokens is extraction garbage when it is long and made of the same one or two characters
 * ("DDD DDD DDDDDDDD DD", "OD ODODOD OD", "000000000 00000000"); "5A, 5B, 5C", "II III", "(TTSS). TTSS" or
 * nucleotide motifs ("GAGG, GGAG") are not.
 */
function isGlyphRun(tokens: string[], kinds: TokenKind[]): boolean {
  const glyphs = tokens.filter((_, i) => kinds[i] === 'glyph').map((t) => t.replace(/[^\p{L}\p{N}]/gu, ''));
  if (glyphs.length < 2) return false;
  const all = glyphs.join('');
  if (new Set(all).size > 2 || NUCLEOTIDES.test(all)) return false;
  return glyphs.length >= 3 ? all.length >= 8 : all.length >= 12;
}

function isGreekLine(line: string): boolean {
  return (line.match(/\p{Script=Greek}/gu)?.length ?? 0) > (line.match(LATIN_LETTER)?.length ?? 0);
}

/** Removes runs of garbage tokens; returns the line and how many characters went. */
function removeGlyphRuns(line: string, stats: Stats): string {
  const tokens = [...line.matchAll(/\S+/g)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
  if (!tokens.length) return line;
  const greek = isGreekLine(line);
  const kinds = tokens.map((t, i) => classifyToken(t.text, tokens[i - 1]?.text, greek));
  const cut: [number, number][] = [];
  let i = 0;
  while (i < tokens.length) {
    if (kinds[i] === 'word') {
      i++;
      continue;
    }
    let j = i;
    while (j < tokens.length && kinds[j] !== 'word') j++;
    const run = kinds.slice(i, j);
    const garbage = run.includes('garbage');
    const percent = run.filter((k) => k === 'percent').length >= 3;
    if (garbage || percent || isGlyphRun(tokens.slice(i, j).map((t) => t.text), run)) {
      // punctuation at the edges of a run belongs to the text around it: "(Moshirzadeh, …). DDD DDD" keeps ")."
      let a = i;
      let b = j - 1;
      while (kinds[a] === 'neutral') a++;
      while (kinds[b] === 'neutral') b--;
      cut.push([tokens[a].start, tokens[b].end]);
    }
    i = j;
  }
  // a line of nothing but glyph tokens ("DB%8C-", "% D8% A2%") goes even when the run is short
  if (!cut.length && kinds.every((k) => k !== 'word') && kinds.some((k) => k !== 'neutral') && line.replace(/\s+/g, '').length >= 4) {
    drop(stats, 'glyph runs', line);
    return '';
  }
  if (!cut.length) return line;
  let out = '';
  let at = 0;
  for (const [s, e] of cut) {
    out += line.slice(at, s);
    at = e;
  }
  out += line.slice(at);
  count(stats, 'glyph runs', line.length - out.length);
  return out;
}

/** Punctuation left stranded where garbage was cut: "(Moshirzadeh, )." → "(Moshirzadeh).". */
function tidyAfterRemoval(line: string): string {
  let s = line
    .replace(/\(\s*[,;:.\s]*\)/g, '')
    .replace(/(?:\s*[,;:])+\s*(?=\))/g, '')
    .replace(/\(\s+/g, '(')
    .replace(/\s+\)/g, ')')
    .replace(/\s+([,.;:!?])(?=\s|$)/g, '$1')
    .replace(/([,;:])(?:\s*[,;:])+/g, '$1')
    .replace(/ {2,}/g, ' ')
    .trim()
    .replace(/^[,;:)\]]+\s*/, '');
  const open = (s.match(/\(/g) ?? []).length;
  const close = (s.match(/\)/g) ?? []).length;
  if (close > open) s = s.replace(/\)(?=[^)]*$)/, '').trim();
  return s;
}

// Whole lines of site chrome. Matched against the entire line only, so a sentence containing these words is
// never touched. Generic web/blog/news vocabulary, not text from any particular document. A copyright notice is
// not chrome: it says who holds the rights (a man page's COPYRIGHT section, the author line under a manual), and a
// line starting "copyright" or "(c)" is as often a wrapped sentence or a list item; site footers that carry one are
// dropped as elements by the HTML loader.
const CHROME_LINES: RegExp[] = [
  /^(pages|home|menu|search|navigation|main menu|toggle navigation|skip to (main )?content|jump to (navigation|search)|back to top|scroll to top)$/,
  /^(share|share this( article| story| post| page)?|share on (facebook|twitter|x|linkedin|whatsapp|reddit|email)|tweet|pin it|print( this( article| page)?)?|email this( article| story)?|copy link)$/,
  /^((\d+|no) comments?|post a comment|leave a (comment|reply)|add (a )?comment|show comments|view comments|comments are closed)$/,
  /^(older posts?|newer posts?|previous post|next post|subscribe to:? post comments( \(atom\))?|post comments \(atom\)|powered by \S+)$/,
  /^(subscribe( now| today)?|sign up( now)?|sign up for (our|the) newsletter|advertisement|sponsored content)$/,
  /^(related (articles|posts|stories|content)|read more|read next|continue reading|you may also like|more from \S+|most (read|popular))$/,
  /^(log ?in|sign ?in|sign ?out|log ?out|my account|cookie (settings|policy|preferences)|accept( all)? cookies|privacy policy|terms of (use|service)|all rights reserved)$/,
];

function isChromeLine(line: string): boolean {
  if (line.length > 100) return false;
  const key = line.toLowerCase().replace(/[\s:.!|»›>-]+$/g, '').trim();
  return CHROME_LINES.some((re) => re.test(key)) || CREDIT_LINE.test(line);
}

/**
 * A line a sentence runs through: it continues the line before it (which does not end a sentence) with a
 * lowercase word, or it does not end a sentence and the line after it continues in lowercase. Furniture and
 * chrome stand on their own, so such a line is never removed as either, whatever its words.
 */
function inRunningText(prev: string | undefined, line: string, next: string | undefined): boolean {
  const continuesPrev = !!prev && !TERMINAL.test(prev) && STARTS_LOWER.test(line);
  const continuedByNext = !!next && !TERMINAL.test(line) && STARTS_LOWER.test(next);
  return continuesPrev || continuedByNext;
}

const WORD = /\p{L}{2,}/u;

/** One line through the in-line repairs; null when nothing readable is left. */
function cleanLine(raw: string, stats: Stats, prev?: string, next?: string): string | null {
  let line = raw.replace(/ {2,}/g, ' ').trim();
  if (!line) return '';
  if (isChromeLine(line) && !inRunningText(prev, line, next)) {
    drop(stats, 'web chrome', line);
    return null;
  }
  const original = line;
  const total = (s: string) => s.replace(/\s+/g, '').length;
  line = fixDigitsAndStrayGlyphs(line, stats);
  line = removeGlyphMath(line, stats);
  line = removeEmphasisMarkers(line, stats);
  line = removeCredits(line, stats);
  const beforeRuns = line;
  line = removeGlyphRuns(line, stats);
  if (line !== original) line = tidyAfterRemoval(line);
  if (line === original) return line;
  // what is left of a line that was mostly garbage ("1. 000000000 00000000 (000 Threat)") is not text
  const words = line.match(/\p{L}{2,}/gu)?.length ?? 0;
  const garbageShare = 1 - total(line) / Math.max(1, total(original));
  if (!WORD.test(line) || (garbageShare >= 0.6 && words < 3 && beforeRuns !== line)) {
    drop(stats, 'noise lines', line, original);
    return null;
  }
  return line;
}

// ---------------------------------------------------------------------------------------------------------------
// page furniture (paged formats)

const furnitureKey = (line: string) => line.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
const PAGE_NUMBER = /^(?:page\s*)?#(?:\s*(?:of|\/)\s*#)?$|^[-–—]\s*#\s*[-–—]$|^[ivxlc]{1,6}$/;
const EDGE_LINES = 3;

/** Where a line sits on its page: "t0".."t2" for the first non-blank lines, "b0".."b2" for the last ones. */
function edgeSlots(lines: string[]): Map<number, string[]> {
  const nonBlank = lines.map((l, i) => (l.trim() ? i : -1)).filter((i) => i >= 0);
  const slots = new Map<number, string[]>();
  const add = (i: number, slot: string) => slots.set(i, [...(slots.get(i) ?? []), slot]);
  nonBlank.slice(0, EDGE_LINES).forEach((i, k) => add(i, `t${k}`));
  nonBlank.slice(-EDGE_LINES).reverse().forEach((i, k) => add(i, `b${k}`));
  return slots;
}

/**
 * A piece of a sentence: it starts with a lowercase word and goes on ("worldwide, non-exclusive, no-charge…"), or
 * it breaks off after a comma or a hyphen. (A header above a page whose text runs on from the page before is
 * followed by a lowercase line too, so what comes after the line cannot tell.)
 */
const SENTENCE_FRAGMENT = /^["'“‘(]?\p{Ll}+[,;:]?\s+\S+\s+\S+|[,;-]$/u;

/**
 * Running headers/footers and bare page numbers. A running header or footer is the same line (digits aside) in the
 * same place — the same line from the top, or from the bottom — on at least 40% of the pages (and two), which
 * appears nowhere else in the text and is not a piece of a sentence. Body lines recur too (a licence repeats
 * whole clauses): one that also occurs away from the page edges, sits in different places, or reads as part of
 * a sentence is text, and stays.
 */
function removePageFurniture(pages: string[][], stats: Stats): string[][] {
  const slots = pages.map(edgeSlots);
  const pagesWithSlotKey = new Map<string, number>();
  const bodyKeys = new Set<string>();
  pages.forEach((lines, p) => {
    const seen = new Set<string>();
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      const key = furnitureKey(line);
      const at = slots[p].get(i);
      if (!at) bodyKeys.add(key);
      for (const slot of at ?? []) seen.add(`${slot}|${key}`);
    });
    for (const k of seen) pagesWithSlotKey.set(k, (pagesWithSlotKey.get(k) ?? 0) + 1);
  });
  const minPages = Math.max(2, Math.ceil(0.4 * pages.length));
  return pages.map((lines, p) =>
    lines.filter((line, i) => {
      const at = slots[p].get(i);
      if (!at) return true;
      const key = furnitureKey(line);
      const t = line.trim();
      const repeated =
        pages.length >= 2 &&
        line.length <= 120 &&
        at.some((slot) => (pagesWithSlotKey.get(`${slot}|${key}`) ?? 0) >= minPages) &&
        !bodyKeys.has(key) &&
        !SENTENCE_FRAGMENT.test(t);
      if (repeated || PAGE_NUMBER.test(key.replace(/#+/g, '#'))) {
        drop(stats, 'page furniture', t);
        return false;
      }
      return true;
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// layout: lines → paragraphs

/**
 * A row of a table or a drawing in plain text: two or more gaps of several spaces between words, not after the end
 * of a sentence ("  Status      Pending   Awaited   Satisfies  Remedy"; two spaces after a full stop are typing).
 */
function isColumnRow(raw: string): boolean {
  const line = raw.trim();
  const gaps = [...line.matchAll(/(\S)( {2,})(?=\S)/g)].filter((m) => !/[.!?:;,]/.test(m[1]));
  if (gaps.length < 2) return false;
  // Justified prose (man pages, groff output) widens gaps to two or three spaces to fill a long line of many words:
  // "The  gzip  command reduces the size of the named files using…", "this option allows  rsync  to  transfer  only
  // files  that  were". Read as table rows, its lines were never joined, and answers quoted half sentences. A table's
  // columns are set apart by wider gaps, or its rows are short.
  const justified = gaps.every((m) => m[2].length <= 3) && line.length >= 50 && line.split(/\s+/).length >= 6;
  return !justified;
}

interface Line {
  text: string;
  page: number;
  blankBefore: boolean;
  heading: boolean;
  /** code or a table row: never joined with another line */
  preformatted: boolean;
}

interface Paragraph {
  text: string;
  page: number;
  /** offsets inside `text` where a later page begins */
  breaks: { at: number; page: number }[];
  blankBefore: boolean;
  heading: boolean;
  preformatted: boolean;
  /** length of the last source line (for hard-wrap detection) */
  lastLine: number;
}

const LIST_MARKER = /^(?:[-*•·▪◦‣–—]|\d{1,3}[.)]|[a-z][.)]|\((?:\d{1,3}|[a-z]|[ivx]{1,4})\))\s+/;
const TERMINAL = /[.!?…:;]["'”’»)\]]*$/u;
const STARTS_LOWER = /^["'“‘(\[]?\p{Ll}/u;

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Width of hard-wrapped text (PDF lines, e-mail style .txt), or null when lines are whole paragraphs. */
function wrapWidth(lines: Line[]): number | null {
  const lengths = lines.map((l) => l.text.length).filter((n) => n >= 30);
  if (lengths.length < 5) return null;
  const w = percentile(lengths, 0.9);
  const near = lengths.filter((n) => n >= 0.6 * w).length;
  return w <= 130 && near / lengths.length >= 0.5 ? w : null;
}

// "1.2. What is this spec?", "3.4.1 Results": a numbered section heading, even one ending in a question mark
const NUMBERED_HEADING = /^\d+(?:\.\d+)+\.?\s+[\p{Lu}\d"“]/u;

/**
 * "NAME", "SEE ALSO", "TERMS AND CONDITIONS": a short line of capitals, as man pages and licences label their
 * parts. It is a line of its own: "NAME" is not the start of "tar - an archiving utility".
 */
const CAPITALS_LABEL = /^\p{Lu}[\p{Lu}\d &'-]*\p{Lu}$/u;
const isCapitalsLabel = (t: string) => t.length <= 40 && t.split(' ').length <= 4 && CAPITALS_LABEL.test(t);

/**
 * The term of a definition list in a manual: an option ("-c, --create", "--keep-directory-symlink") or a variable
 * ("TAR_FILENAME") on a line of its own, which the description follows. After a finished sentence it starts a new
 * paragraph; after an unfinished one it is the sentence's next line ("…unless the\n--no-recursion option is given").
 */
const TERM_LINE = /^(?:--?[\p{L}\d?]|\p{Lu}[\p{Lu}\d]*_[\p{Lu}\d_]+\b)/u;
const looksLikeTerm = (t: string) => t.length <= 80 && t.split(' ').length <= 6 && !TERMINAL.test(t) && TERM_LINE.test(t);

function looksLikeHeading(line: Line, next: Line | undefined): boolean {
  const t = line.text;
  if (line.heading) return true;
  if (NUMBERED_HEADING.test(t) && t.length <= 80 && t.split(' ').length <= 12 && !/[.,;:]$/.test(t)) return true;
  return (
    t.length <= 80 &&
    t.split(' ').length <= 10 &&
    !TERMINAL.test(t) &&
    /^[\p{Lu}\d]/u.test(t) &&
    (!next || /^[\p{Lu}\d"“]/u.test(next.text))
  );
}

function buildParagraphs(lines: Line[]): Paragraph[] {
  const width = wrapWidth(lines);
  const paras: Paragraph[] = [];
  lines.forEach((line, i) => {
    const cur = paras[paras.length - 1];
    const next = lines[i + 1];
    let join: 'space' | 'hyphen' | null = null;
    const apart = (l: { text: string; heading: boolean; preformatted: boolean }) => l.heading || l.preformatted || isCapitalsLabel(l.text);
    if (cur && !apart(cur) && !apart(line) && !LIST_MARKER.test(line.text)) {
      const continues = !TERMINAL.test(cur.text) && STARTS_LOWER.test(line.text);
      const newPart = TERMINAL.test(cur.text) && (looksLikeHeading(line, next) || looksLikeTerm(line.text));
      if (!line.blankBefore && /\p{Ll}[-\u2010]$/u.test(cur.text) && /^\p{Ll}/u.test(line.text)) join = 'hyphen'; // U+2010: groff's hyphen
      else if (continues) join = 'space';
      else if (!line.blankBefore && width && cur.lastLine >= 0.7 * width && !newPart) join = 'space';
    }
    if (!cur || !join) {
      paras.push({
        text: line.text,
        page: line.page,
        breaks: [],
        blankBefore: line.blankBefore,
        heading: line.heading,
        preformatted: line.preformatted,
        lastLine: line.text.length,
      });
      return;
    }
    if (join === 'hyphen') cur.text = cur.text.slice(0, -1);
    const sep = join === 'hyphen' ? '' : ' ';
    const lastPage = cur.breaks.length ? cur.breaks[cur.breaks.length - 1].page : cur.page;
    if (line.page !== lastPage) cur.breaks.push({ at: cur.text.length + sep.length, page: line.page });
    cur.text += sep + line.text;
    cur.lastLine = line.text.length;
  });
  return paras;
}

const normWords = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, '').split(/\s+/).filter(Boolean);

/**
 * Text repeated across a page or column break: the last words of a paragraph again at the start of the next
 * ("…Walt and Robert Pape have sought" / "Theorists such as … have sought to adapt…"). The earlier copy goes.
 * The earlier copy breaks off mid-sentence; a paragraph that ends its sentence ("APPENDIX: How to apply the
 * Apache License to your work." before "To apply the Apache License to your work, attach…") is no copy.
 */
function removeRepeatedTail(a: Paragraph, b: Paragraph, stats: Stats): void {
  if (TERMINAL.test(a.text)) return;
  const aTokens = [...a.text.matchAll(/\S+/g)];
  const aw = normWords(a.text);
  const bw = normWords(b.text);
  if (aTokens.length !== aw.length) return; // punctuation-only tokens: positions would not line up
  const max = Math.min(60, aw.length - 1, bw.length - 1);
  for (let k = max; k >= 6; k--) {
    let same = true;
    for (let i = 0; i < k && same; i++) same = aw[aw.length - k + i] === bw[i];
    if (!same) continue;
    const cutAt = aTokens[aTokens.length - k].index;
    const kept = a.text.slice(0, cutAt).trimEnd();
    count(stats, 'duplicates', a.text.length - kept.length);
    a.text = kept;
    a.breaks = a.breaks.filter((br) => br.at < kept.length);
    return;
  }
}

function dedupe(paras: Paragraph[], stats: Stats): Paragraph[] {
  for (let i = 0; i + 1 < paras.length; i++) {
    if (!paras[i].heading && !paras[i].preformatted && !LIST_MARKER.test(paras[i + 1].text)) removeRepeatedTail(paras[i], paras[i + 1], stats);
  }
  const out: Paragraph[] = [];
  const key = (p: Paragraph) => normWords(p.text).join(' ');
  for (const p of paras) {
    if (!p.text.trim()) continue;
    const k = key(p);
    // the same paragraph again right after itself (a caption repeated under a photo, a doubled header)
    const dup = !p.preformatted && k.split(' ').length >= 3 && out.slice(-2).some((q) => key(q) === k);
    if (dup) {
      drop(stats, 'duplicates', p.text);
      continue;
    }
    out.push(p);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

export function cleanDocument(pages: string[], options: CleanOptions = {}): CleanResult {
  const stats: Stats = { chars: {}, lines: {}, examples: {} };
  const charsIn = pages.reduce((n, p) => n + p.length, 0);
  const pageNumbers = options.pageNumbers ?? pages.map((_, i) => i + 1);
  const headingKeys = new Set((options.headings ?? []).map((h) => h.replace(/\s+/g, ' ').trim()));
  const preformatted = new Set((options.preformatted ?? []).map((h) => h.replace(/\s+/g, ' ').trim()));

  const rawLines = pages.map((p) => normalizeCharacters(p).split('\n'));
  // a plain text's table rows and drawings are laid out in columns; paged text (pdftotext -layout) is too, all of it
  if (!options.paged) for (const l of rawLines.flat()) if (isColumnRow(l)) preformatted.add(l.replace(/\s+/g, ' ').trim());
  let pageLines = rawLines.map((lines) => lines.map((l) => l.replace(/ {2,}/g, ' ').trim()));
  if (options.paged) pageLines = removePageFurniture(pageLines, stats);

  const lines: Line[] = [];
  pageLines.forEach((raw, p) => {
    // a page's first line follows the previous page directly, so text wrapped across the break can rejoin
    let blank = false;
    raw.forEach((r, i) => {
      const pre = preformatted.has(r);
      // code is kept as written: its symbols are no extraction garbage, its words no site chrome
      const cleaned = pre ? r : cleanLine(r, stats, raw[i - 1] || undefined, raw[i + 1] || undefined);
      if (cleaned === null) return; // a removed line leaves no gap: what surrounds it may belong together
      if (!cleaned) {
        blank = true;
        return;
      }
      lines.push({ text: cleaned, page: pageNumbers[p], blankBefore: blank, heading: headingKeys.has(cleaned), preformatted: pre });
      blank = false;
    });
  });

  const paras = dedupe(buildParagraphs(lines), stats);

  let text = '';
  const spans: PageSpan[] = [];
  const markPage = (at: number, page: number) => {
    const last = spans[spans.length - 1];
    if (last?.page === page) return;
    if (last) last.end = at;
    spans.push({ page, start: at, end: at });
  };
  paras.forEach((p, i) => {
    if (i > 0) {
      const prev = paras[i - 1];
      // list items, and the lines of a code block or table, stay together
      const together = (LIST_MARKER.test(p.text) && LIST_MARKER.test(prev.text)) || (p.preformatted && prev.preformatted);
      text += together && !p.blankBefore ? '\n' : '\n\n';
    }
    markPage(text.length, p.page);
    for (const br of p.breaks) markPage(text.length + br.at, br.page);
    text += p.text;
  });
  if (spans.length) spans[spans.length - 1].end = text.length;

  return {
    text,
    pages: options.paged ? spans.filter((s) => s.end > s.start) : [],
    stats: { charsIn, charsOut: text.length, removed: stats.chars, linesRemoved: stats.lines, examples: stats.examples },
  };
}

/** Cleans one piece of text without pages (tests, and text that did not come from a file). */
export function cleanText(text: string): string {
  return cleanDocument([text]).text;
}
