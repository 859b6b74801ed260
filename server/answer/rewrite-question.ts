// STUB (owned by the answer helper): a follow-up question + conversation → a standalone question.
import type { Config } from '../config.js';
import type { HistoryMessage } from '../contract.js';
import type { Logger } from '../log.js';

export type QuestionRewriter = (question: string, history: HistoryMessage[], signal?: AbortSignal) => Promise<string>;

export function createQuestionRewriter(config: Config, deps: { log: Logger }): QuestionRewriter {
  void config;
  void deps;
  return async (question) => question;
}
