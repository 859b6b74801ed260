// What cleaning removed from a file, for the ingest report and log: nothing leaves a document without being counted
// (issue 22: a licence lost sentences as "running headers" and nobody was told).
import type { CleaningStats } from './clean.js';

export interface RemovedText {
  relPath: string;
  /** whole lines removed, by reason (page furniture, web chrome, noise lines, duplicates, glyph runs) */
  lines: Record<string, number>;
  /** characters removed, by reason, whole lines and pieces of lines (glyph runs, markup, photo credits…) */
  chars: Record<string, number>;
  /** a few of the lines removed, by reason */
  examples: Record<string, string[]>;
}

/** null when cleaning removed nothing from the file. */
export function removedTextOf(relPath: string, stats: CleaningStats): RemovedText | null {
  if (!Object.keys(stats.removed).length) return null;
  return { relPath, lines: { ...stats.linesRemoved }, chars: { ...stats.removed }, examples: { ...stats.examples } };
}

/** One log line: `tar.pdf: removed 34 lines of page furniture (e.g. "TAR(1) GNU TAR Manual TAR(1)"); 24 characters of markup`. */
export function describeRemovedText(r: RemovedText): string {
  const parts = Object.keys(r.chars)
    .sort()
    .map((reason) => {
      const lines = r.lines[reason];
      const what = lines ? `${lines} line${lines === 1 ? '' : 's'} of ${reason}` : `${r.chars[reason]} characters of ${reason}`;
      const examples = r.examples[reason]?.map((e) => JSON.stringify(e)).join(', ');
      return examples ? `${what} (e.g. ${examples})` : what;
    });
  return `${r.relPath}: removed ${parts.join('; ')}`;
}
