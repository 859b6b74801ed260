// The seam between retrieval and answering: numbered passages in, a cited answer out (streamed).
import type { Citation, Passage } from '../contract.js';

/** One question of a multi-part question, answered (or not) on its own. */
export interface AnswerPart {
  question: string;
  /** a question about a document itself (author, date…) or about the corpus, answered from metadata: the statement
   * to make and the passage (by index: a metadata record, or the lines of a document's text it was read from) to
   * cite, `span` being the range of that passage's text that states it; `known: false` when nothing states it (the
   * statement then says so, and the part counts as unanswered: no citation) */
  document?: { statement: string; passage: number; known: boolean; span?: { start: number; end: number } };
}

export interface AnswerInput {
  /** the standalone question (already rewritten from the conversation) */
  question: string;
  /** the question split into its parts ("When did X happen, and who met him?"); absent = one part, `question` */
  parts?: AnswerPart[];
  /** retrieved passages in rank order; [n] in the answer refers to passages[n-1] before renumbering */
  passages: Passage[];
  signal?: AbortSignal;
}

export interface AnswerResult {
  /** text with [n] markers that refer to citations[].n */
  answer: string;
  citations: Citation[];
  abstained: boolean;
  /** answered, but the evidence is in the middle band: the answer may not answer the question */
  uncertain?: boolean;
  warnings: string[];
  /** extractive | llm:<model> (the one that actually produced this answer) */
  answerer: string;
}

/** token: a piece of answer text as it is produced; final: the whole, checked answer (its text may differ
 * from the concatenated tokens after citation renumbering, so clients should replace their text with it). */
export type AnswerEvent = { type: 'token'; text: string } | { type: 'final'; result: AnswerResult };

export interface Answerer {
  /** extractive | llm:<model> */
  readonly id: string;
  answer(input: AnswerInput): AsyncIterable<AnswerEvent>;
}

/** What the user is told when the corpus does not answer the question. */
export const ABSTENTION_TEXT = 'The documents in the corpus do not answer this.';
