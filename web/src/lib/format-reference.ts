// Plain-text citation lines, used by "copy answer" and the source panel.
import type { Citation, DocumentMeta, Passage } from '../../../server/contract.js';

type Meta = Pick<Passage | DocumentMeta, 'title' | 'authors' | 'date' | 'url'> & { publisher?: string | null };

/** "Avdaliani, E." style would need name parsing we cannot do reliably; names are given as written. */
export function formatAuthors(authors: readonly string[]): string {
  if (authors.length <= 2) return authors.join(' and ');
  return `${authors.slice(0, -1).join(', ')} and ${authors[authors.length - 1]}`;
}

/** Title — Authors (date). Publisher. URL — leaving out what is unknown, never inventing it. */
export function formatReference(meta: Meta): string {
  const parts = [meta.title];
  if (meta.authors.length) parts.push(` — ${formatAuthors(meta.authors)}`);
  if (meta.date) parts.push(` (${meta.date})`);
  parts.push('.');
  if (meta.publisher) parts.push(` ${meta.publisher}.`);
  if (meta.url) parts.push(` ${meta.url}`);
  return parts.join('');
}

/** The answer followed by its numbered references, as a reader would paste it into notes. */
export function formatAnswerForCopy(answer: string, citations: readonly Citation[]): string {
  const body = answer.trim();
  if (!citations.length) return body;
  const refs = [...citations].sort((a, b) => a.n - b.n).map((c) => `[${c.n}] ${formatReference(c)}`);
  return `${body}\n\nReferences\n${refs.join('\n')}`;
}
