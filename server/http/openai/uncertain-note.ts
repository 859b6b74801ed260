// An answer whose evidence is weak (`uncertain`) says so in its text wherever only the text is read: an OpenAI
// client shows `content`, an MCP client the tool's text. The same line leads it on both, as the UI's label does.
import type { ChatResponse } from '../../contract.js';

export const UNCERTAIN_NOTE = 'Possibly not an answer (weak evidence); check the sources.';

/** The line (and blank line) that leads an uncertain answer's text; empty otherwise. */
export const uncertainNote = (r: Pick<ChatResponse, 'uncertain' | 'abstained'>): string =>
  r.uncertain && !r.abstained ? `${UNCERTAIN_NOTE}\n\n` : '';

/** The answer without the note we put before it (a follow-up sends our earlier answer back). */
export function withoutUncertainNote(text: string): string {
  return text.startsWith(`${UNCERTAIN_NOTE}\n\n`) ? text.slice(UNCERTAIN_NOTE.length + 2) : text;
}
