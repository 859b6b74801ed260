// The authors a document names in its own opening lines, for when its metadata record names none: an "Authors:" list
// (Sphinx and DocBook manuals), a "By A and B" byline, or a title page whose name lines follow the title (papers,
// with affiliation lines between the names). Also the corresponding author, marked "(Corresponding author)" after a
// name's affiliation, "Corresponding author: A" or an asterisk. Each comes with the text range that states it, so
// the answer cites the lines it was read from.
import type { SourceDoc } from '../domain.js';

export interface TextRange {
  start: number;
  end: number;
}

export interface AuthorsInText extends TextRange {
  /** the names, in the order the text gives them (emails, degrees and footnote marks taken off) */
  authors: string[];
  /** the corresponding author, when the text marks one: the name and the range from its line to the mark */
  corresponding: ({ name: string } & TextRange) | null;
}

// How far into a document its front matter may reach (a manual's author list sits after its abstract and contents).
const OPENING_CHARS = 5000;
const MAX_NAME_CHARS = 60;
// A line longer than this is prose: the title page has ended.
const MAX_FRONT_LINE = 200;

interface Line extends TextRange {
  text: string;
}

function openingLines(text: string): Line[] {
  const lines: Line[] = [];
  const re = /[^\n]+/g;
  for (let m = re.exec(text); m && m.index < OPENING_CHARS; m = re.exec(text)) {
    const lead = m[0].length - m[0].trimStart().length;
    const body = m[0].trim();
    if (body) lines.push({ text: body, start: m.index + lead, end: m.index + lead + body.length });
  }
  return lines;
}

const PARTICLE = /^(?:van|von|de|da|del|della|der|den|di|du|la|le|bin|ibn|al|el|dos|das|ter|ten|y)$/;
const NAME_WORD = /^(?:\p{Lu}\.(?:-?\p{Lu}\.)?|\p{Lu}[\p{L}'’-]*\p{Ll}[\p{L}'’-]*)$/u;
// Capitalised words of title pages that are not names.
const NOT_A_NAME = new Set(
  ('abstract introduction contents chapter section part table figure page pages version copyright license licence preamble ' +
    'appendix research paper article analysis report review summary keywords university institute department school ' +
    'college faculty centre center press journal volume issue edition draft notes note foreword preface acknowledgements ' +
    'index published posted updated document documentation manual guide policy opinion news editor editors author authors').split(' '),
);

/** The person's name a line (or a piece of one) holds, or null. */
export function personName(raw: string, notNames: ReadonlySet<string> = new Set()): string | null {
  const s = raw
    .replace(/^\s*[-–•*·]\s+/, '') // a list item's bullet
    .replace(/<[^>]*>/g, ' ')
    .replace(/\S+@\S+/g, ' ')
    .replace(/\([^)]*\d[^)]*\)/g, ' ')
    .replace(/[*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰]+/g, ' ')
    .replace(/\s+\d+(?:\s*,\s*\d+)*\s*$/, '')
    .replace(/^\s*(?:dr|prof|professor|mr|mrs|ms|mx|sir)\.?\s+/i, '')
    .replace(/,?\s+(?:ph\.?\s?d|m\.?d|jr|sr|ii|iii)\.?\s*$/i, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[,;:]$/, '');
  const tokens = s.split(' ');
  if (tokens.length < 2 || tokens.length > 5 || s.length > MAX_NAME_CHARS) return null;
  let named = 0;
  for (const t of tokens) {
    if (PARTICLE.test(t)) continue;
    const lower = t.toLowerCase().replace(/[.'’]/g, '');
    if (!NAME_WORD.test(t) || NOT_A_NAME.has(lower) || notNames.has(lower)) return null;
    named++;
  }
  return named >= 2 ? s : null;
}

/** "A, B and C" → its names, or null unless every piece is one. */
function nameList(text: string, notNames: ReadonlySet<string>): string[] | null {
  const pieces = text.split(/\s*(?:,|;|&|\band\b)\s*/).filter((p) => p.trim());
  const names = pieces.map((p) => personName(p, notNames));
  return names.length && names.every((n) => n) ? (names as string[]) : null;
}

const LABEL = /^(?:authors?|written by|editors?|by)\s*:\s*(.*)$/i;
const BYLINE = /^by\s+(.+)$/i;
const BULLET = /^[-–•*·]$/;
// Lines of a title page between and after the names: affiliations, addresses, ORCID numbers, copyright notes.
const AFFILIATION =
  /\b(?:universit|institut|department|dept\b|college|school|faculty|centre|center|laborator|academy|professor|lecturer|researcher|fellow|student|ph\.?\s?d|orcid|correspond|e-?mail|copyright|all rights reserved)|©|\(c\)|@|^[\s()\d-]{9,}$/i;
const CORRESPONDING = /\bcorresponding author\b|\bcorrespondence(?:\s+to)?\s*:|^\s*\*\s*correspond/i;
// A corresponding-author mark farther than this below the first name belongs to something else.
const MARK_WITHIN = 2500;

const lettersOf = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** The line that holds the document's title, among the first few. */
function titleLine(lines: Line[], title: string): number {
  const t = lettersOf(title).slice(0, 40);
  if (t.length < 4) return -1;
  return lines.slice(0, 12).findIndex((l) => {
    const x = lettersOf(l.text);
    return x.length >= 4 && (x.includes(t) || t.startsWith(x.slice(0, 40)));
  });
}

interface NameLine extends Line {
  name: string;
}

/** Names listed under an "Authors:" label, or given in a "By …" line. */
function labelled(lines: Line[], notNames: ReadonlySet<string>): NameLine[] {
  for (let i = 0; i < lines.length; i++) {
    const label = LABEL.exec(lines[i].text);
    const byline = label ? null : BYLINE.exec(lines[i].text);
    const rest = (label?.[1] ?? byline?.[1] ?? '').trim();
    if (!label && !byline) continue;
    if (rest) {
      const names = nameList(rest, notNames);
      if (names) return names.map((name) => ({ ...lines[i], name }));
      continue;
    }
    const found: NameLine[] = [];
    for (const line of lines.slice(i + 1)) {
      if (BULLET.test(line.text)) continue;
      const name = personName(line.text, notNames);
      if (!name) break;
      found.push({ ...line, name });
    }
    if (found.length) return [{ ...lines[i], name: '' }, ...found];
  }
  return [];
}

/** Name lines right after the title, with affiliation lines between them. */
function titlePage(lines: Line[], title: string, notNames: ReadonlySet<string>): NameLine[] {
  const at = titleLine(lines, title);
  if (at < 0) return [];
  const found: NameLine[] = [];
  for (const line of lines.slice(at + 1)) {
    if (line.text.length > MAX_FRONT_LINE) break;
    const name = personName(line.text, notNames);
    if (name) found.push({ ...line, name });
    else if (!AFFILIATION.test(line.text) && !BULLET.test(line.text)) break;
  }
  return found;
}

function correspondingAuthor(lines: Line[], named: NameLine[], notNames: ReadonlySet<string>): AuthorsInText['corresponding'] {
  const people = named.filter((n) => n.name);
  if (!people.length) return null;
  for (const line of lines) {
    if (line.start > people[0].start + MARK_WITHIN) break;
    if (!CORRESPONDING.test(line.text)) continue;
    // "Corresponding author: A. Name, email"
    const after = /correspond(?:ing author|ence)(?:\s+to)?\s*[:：]\s*([^,<(]+)/i.exec(line.text);
    const stated = after ? personName(after[1], notNames) : null;
    if (stated) return { name: stated, start: line.start, end: line.end };
    // "A. Name*" among the authors, with "* Corresponding author" below
    const starred = people.find((p) => /\*/.test(p.text));
    if (starred && /^\s*\*/.test(line.text)) return { name: starred.name, start: starred.start, end: line.end };
    // "(Corresponding author)" in the affiliation under a name: the nearest name above it
    const above = people.filter((p) => p.start < line.start).at(-1);
    if (above) return { name: above.name, start: above.start, end: line.end };
  }
  return null;
}

/** The authors the document's opening lines name, or null when they name none. */
export function authorsInText(doc: Pick<SourceDoc, 'text' | 'title'>): AuthorsInText | null {
  const lines = openingLines(doc.text);
  const notNames = new Set(doc.title.toLowerCase().split(/[^\p{L}]+/u).filter((w) => w.length > 2));
  const named = labelled(lines, notNames);
  const list = named.length ? named : titlePage(lines, doc.title, notNames);
  const people = list.filter((n) => n.name);
  if (!people.length) return null;
  const corresponding = correspondingAuthor(lines, list, notNames);
  return {
    authors: [...new Set(people.map((p) => p.name))],
    start: list[0].start,
    end: Math.max(people.at(-1)!.end, corresponding?.end ?? 0),
    corresponding,
  };
}
