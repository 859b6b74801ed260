// The date a document's title page gives ("Version 3, 29 June 2007", "4 December 2024"), for when its metadata record
// has none: a full date on one of its first short lines, as written there. Dates of a paper's review history and of
// a copyright line are not its date.
import type { SourceDoc } from '../domain.js';
import type { TextRange } from './authors-in-text.js';

const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December)';
const FULL_DATE = new RegExp(`\\b(?:\\d{1,2} ${MONTH},? \\d{4}|${MONTH} \\d{1,2}, \\d{4}|\\d{4}-\\d{2}-\\d{2})\\b`);
const NOT_ITS_DATE = /\b(?:received|accepted|revised|submitted|accessed|retrieved|copyright)\b|©/i;
const FIRST_LINES = 12;
const MAX_LINE = 120;

export function dateInText(doc: Pick<SourceDoc, 'text'>): ({ date: string } & TextRange) | null {
  const re = /[^\n]+/g;
  let seen = 0;
  for (let m = re.exec(doc.text); m && seen < FIRST_LINES; m = re.exec(doc.text)) {
    const line = m[0].trim();
    if (!line) continue;
    seen++;
    if (line.length > MAX_LINE || NOT_ITS_DATE.test(line)) continue;
    const d = FULL_DATE.exec(line);
    if (!d) continue;
    const start = m.index + m[0].indexOf(line);
    return { date: d[0], start, end: start + line.length };
  }
  return null;
}
