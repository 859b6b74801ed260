// The words a citation points at: its span inside the passage, or the passage's opening when there is no span.
import type { Citation } from '../../../server/contract.js';

const MAX_CHARS = 280;

export function citedSentence(citation: Pick<Citation, 'text' | 'span'>): string {
  const { text, span } = citation;
  const raw = span ? text.slice(Math.max(0, span.start), Math.max(0, span.end)) : '';
  const sentence = (raw.trim() || text.trim()).replace(/\s+/g, ' ');
  return sentence.length > MAX_CHARS ? `${sentence.slice(0, MAX_CHARS - 1).trimEnd()}…` : sentence;
}
