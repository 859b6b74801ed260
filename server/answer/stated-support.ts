// Support known where a statement is made. A statement about a document (or the corpus) is made from the passage it
// cites: a line of the metadata record, or the lines of the text its authors were read from. The support check,
// fitted on claims against single evidence sentences, cannot see that a list of names on six lines supports
// "written by A, B and C"; here the statement says itself where its support lies.
import type { Passage } from '../contract.js';
import type { SupportResult } from './support-check.js';
import type { AnswerPart } from './types.js';

const normal = (s: string) => s.replace(/\s+/g, ' ').trim();

/** For a sentence of the answer and a passage's text: the support its document part states, or null. */
export function statedSupport(parts: readonly AnswerPart[], passages: readonly Passage[]) {
  const stated = parts.flatMap((p) =>
    p.document?.known && passages[p.document.passage]
      ? [{ statement: normal(p.document.statement), text: passages[p.document.passage].text, span: p.document.span ?? null }]
      : [],
  );
  return (sentence: string, passageText: string): SupportResult | null => {
    const s = normal(sentence);
    const hit = s && stated.find((x) => x.text === passageText && x.statement.includes(s));
    return hit ? { supported: true, score: 1, span: hit.span } : null;
  };
}
