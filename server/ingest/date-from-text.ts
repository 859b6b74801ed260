// The date a document prints in its title block ("Version 3, 29 June 2007", "Version 2.0, January 2004"), for a
// document whose metadata has none: the title block is the short lines above the first paragraph of running text.
// Only English month names and ISO dates are read; a date further down (a changelog, a letter's body) is not the
// document's.

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = `(${MONTHS.join('|')}|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\\.?`;
const YEAR = '((?:1[6-9]|20)\\d{2})';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';

const PATTERNS: { re: RegExp; iso: (m: RegExpExecArray) => string | null }[] = [
  { re: /\b((?:1[6-9]|20)\d{2})-(\d{2})-(\d{2})\b/, iso: (m) => `${m[1]}-${m[2]}-${m[3]}` },
  { re: new RegExp(`\\b${DAY} ${MONTH},? ${YEAR}\\b`, 'i'), iso: (m) => ymd(m[3], m[2], m[1]) },
  { re: new RegExp(`\\b${MONTH} ${DAY},? ${YEAR}\\b`, 'i'), iso: (m) => ymd(m[3], m[1], m[2]) },
  { re: new RegExp(`\\b${MONTH},? ${YEAR}\\b`, 'i'), iso: (m) => ymd(m[2], m[1]) },
];

function ymd(year: string, month: string, day?: string): string | null {
  const key = month.toLowerCase().replace(/\.$/, '');
  const index = MONTHS.findIndex((name) => name === key || name.startsWith(key));
  if (index < 0 || key.length < 3) return null;
  const mm = String(index + 1).padStart(2, '0');
  if (day === undefined) return `${year}-${mm}`;
  const dd = Number(day);
  return dd >= 1 && dd <= 31 ? `${year}-${mm}-${String(dd).padStart(2, '0')}` : null;
}

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
/** Running text: a paragraph of a dozen words or more, or a sentence of eight. */
const isRunningText = (p: string) => words(p) >= 12 || (words(p) >= 8 && /[.!?]["'”’)]*$/u.test(p));

/** ISO date (YYYY-MM-DD or YYYY-MM) of the first date in the title block, or null. */
export function dateFromText(text: string): string | null {
  for (const para of text.split(/\n{2,}/).slice(0, 8)) {
    const p = para.replace(/\s+/g, ' ').trim();
    if (isRunningText(p)) return null;
    for (const { re, iso } of PATTERNS) {
      const m = re.exec(p);
      const date = m && iso(m);
      if (date) return date;
    }
  }
  return null;
}
