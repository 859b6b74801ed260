// The plain-text source list that ends an answer on /v1, so that any OpenAI client shows where the [n] markers
// point; and its removal when the answer comes back as history.
import type { Citation } from '../../contract.js';

const HEADING = 'Sources:';

/** "\n\nSources:\n[1] Title, p. 3 — https://…" (empty when nothing is cited). */
export function sourceList(citations: readonly Citation[]): string {
  if (!citations.length) return '';
  const lines = citations.map((c) => {
    const page = c.page !== null ? `, p. ${c.page}` : '';
    const where = c.url ? ` — ${c.url}` : ` (${c.docId})`;
    return `[${c.n}] ${c.title}${page}${where}`;
  });
  return `\n\n${HEADING}\n${lines.join('\n')}`;
}

/** The answer without a source list we appended (a follow-up sends our earlier answer back). */
export function withoutSourceList(text: string): string {
  const at = text.lastIndexOf(`\n\n${HEADING}\n`);
  return at >= 0 && /^(?:\[\d+\] .*(?:\n|$))+$/.test(text.slice(at + HEADING.length + 3)) ? text.slice(0, at) : text;
}
