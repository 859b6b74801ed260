// Headings of plain text as people type them: a line underlined (or over- and underlined) with a row of = - ~ ^ * #
// (Setext, reStructuredText, dpkg's "TRIGGERS\n========"). The rule lines go; the heading lines are returned so
// cleaning keeps them apart and sections start at them, as Markdown's and HTML's marked headings do.

export interface TextHeadings {
  /** the text without the rule lines */
  text: string;
  headings: string[];
  /** the first heading, when it is the text's first line (the title of the file) */
  title?: string;
}

const RULE = /^\s*([=\-~^*#+])\1{2,}\s*$/;
const LIST_ITEM = /^\s*(?:[-*+•]|\d{1,3}[.)])\s/;

/** A line that can be a heading: short, not a list item, not ending like a sentence or a clause. */
function canBeHeading(line: string): boolean {
  const t = line.trim();
  return t.length > 0 && t.length <= 80 && /\p{L}/u.test(t) && !LIST_ITEM.test(line) && !/[.,;:]$/.test(t) && !RULE.test(line);
}

export function underlinedHeadings(text: string): TextHeadings {
  const lines = text.split('\n');
  const headings: string[] = [];
  const drop = new Set<number>();
  let title: string | undefined;
  const firstLine = lines.findIndex((l) => l.trim());
  for (let i = 0; i + 1 < lines.length; i++) {
    const rule = RULE.exec(lines[i + 1]);
    if (!rule || !canBeHeading(lines[i]) || drop.has(i)) continue;
    const t = lines[i].trim();
    // the rule is about as long as the heading (a shorter one under a long line is a separator)
    if (lines[i + 1].trim().length < Math.min(3, t.length) || lines[i + 1].trim().length < 0.6 * t.length) continue;
    // an overline of the same character above (reStructuredText) goes too
    if (i > 0 && lines[i - 1].trim() === lines[i + 1].trim()) drop.add(i - 1);
    drop.add(i + 1);
    headings.push(t);
    if (title === undefined && (i === firstLine || (drop.has(i - 1) && i - 1 === firstLine))) title = t;
  }
  if (!headings.length) return { text, headings };
  return { text: lines.filter((_, i) => !drop.has(i)).join('\n'), headings, ...(title ? { title } : {}) };
}
