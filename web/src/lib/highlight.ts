// Cuts a text into before / highlighted / after around a character range, clamped so bad offsets never throw.
export interface HighlightParts {
  before: string;
  marked: string;
  after: string;
}

export function splitHighlight(text: string, range: { start: number; end: number } | null | undefined): HighlightParts {
  if (!range) return { before: text, marked: '', after: '' };
  const start = Math.max(0, Math.min(text.length, Math.floor(range.start)));
  const end = Math.max(start, Math.min(text.length, Math.floor(range.end)));
  return { before: text.slice(0, start), marked: text.slice(start, end), after: text.slice(end) };
}

/** The cited span in document coordinates: passage offsets are in the document, span offsets in the passage. */
export function documentRange(passage: { start: number; end: number }, span: { start: number; end: number } | null): { start: number; end: number } {
  return span ? { start: passage.start + span.start, end: passage.start + span.end } : { start: passage.start, end: passage.end };
}
