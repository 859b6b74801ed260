// Answer-level metrics: which expected facts the answer states, and whether it abstained when it should have.
import { containsPhrase, normaliseText } from './normalise-text.js';

/** Citation markers are not part of what the answer says. */
export const stripMarkers = (answer: string) => answer.replace(/\[\s*\d+(?:\s*,\s*\d+)*\s*\]/g, ' ');

export interface FactCheck {
  /** facts found, each as the phrasing that matched */
  found: string[];
  /** facts not found, each with all its phrasings */
  missing: string[][];
  /** found / all facts; null when the case lists no facts */
  recall: number | null;
}

/** A fact is present when any of its phrasings occurs in the answer (normalised, whole words). */
export function checkFacts(answer: string, facts: readonly string[][]): FactCheck {
  const text = normaliseText(stripMarkers(answer));
  const found: string[] = [];
  const missing: string[][] = [];
  for (const phrasings of facts) {
    const hit = phrasings.find((p) => containsPhrase(text, p));
    if (hit === undefined) missing.push([...phrasings]);
    else found.push(hit);
  }
  return { found, missing, recall: facts.length ? found.length / facts.length : null };
}

/** What went wrong with abstention, if anything: the contract counts an abstention only when nothing is cited. */
export function abstentionError(
  answerable: boolean,
  response: { abstained: boolean; citations: readonly unknown[] },
): 'should-abstain' | 'should-answer' | null {
  if (!answerable) return response.abstained && response.citations.length === 0 ? null : 'should-abstain';
  return response.abstained ? 'should-answer' : null;
}
