// The LLM answerer: numbered passages in, a streamed answer with [n] markers out, then citations checked against
// their passages. A timeout or an error from the LLM falls back to the extractive answer with a warning; an abort
// from the caller stops the request.
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { attachCitations, findMarkers } from './citations.js';
import type { TextEmbedder } from './embedding-memo.js';
import { abstention, answerExtractively, type ExtractiveDeps } from './extractive-answerer.js';
import { chunkText, createChatModel, deadline } from './llm-client.js';
import { ANSWER_SYSTEM_PROMPT, answerUserPrompt } from './prompts.js';
import { checkSupport } from './support-check.js';
import { ABSTENTION_TEXT, type AnswerEvent, type AnswerInput, type AnswerResult, type Answerer } from './types.js';

export interface GenerativeDeps {
  embedder: TextEmbedder | null;
  /** what the fallback (extractive) answer runs with */
  extractive: ExtractiveDeps;
  log: Logger;
  /** a chat model to use instead of ChatOpenAI from the config */
  model?: Pick<BaseChatModel, 'stream'>;
}

const normalise = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const ABSTENTION_NORMALISED = normalise(ABSTENTION_TEXT);
// Models asked to say the passages don't answer often word it their own way.
const DECLINE_RE =
  /\b(?:(?:passages?|documents?|sources?|context|texts?|corpus)\b.{0,40}\b(?:do(?:es)?n['’]?t|do(?:es)? not|never)\s+(?:answer|contain|mention|say|state|provide|include|specify|address|discuss)|no (?:information|mention|answer)|not (?:mentioned|stated|specified|provided|answered)|cannot (?:be )?(?:answer|determine|find))/i;

/** True when the model said the passages don't answer (the instructed sentence, or its own wording with no citation). */
export function isDecline(text: string): boolean {
  if (normalise(text).includes(ABSTENTION_NORMALISED)) return true;
  return findMarkers(text).length === 0 && DECLINE_RE.test(text);
}

export function createGenerativeAnswerer(config: Readonly<Config>, deps: GenerativeDeps): Answerer {
  const model = deps.model ?? createChatModel(config);
  const id = `llm:${config.LLM_MODEL}`;

  async function fallback(input: AnswerInput, why: string): Promise<AnswerResult> {
    deps.log.warn(`answerer: ${id} ${why}; using the extractive answer`);
    const result = await answerExtractively(input, deps.extractive);
    return { ...result, warnings: [`The language model ${why}; this is the extractive answer instead.`, ...result.warnings] };
  }

  return {
    id,
    async *answer(input: AnswerInput): AsyncIterable<AnswerEvent> {
      if (!input.passages.length) {
        yield { type: 'token', text: ABSTENTION_TEXT };
        yield { type: 'final', result: abstention(id) };
        return;
      }
      const messages = [new SystemMessage(ANSWER_SYSTEM_PROMPT), new HumanMessage(answerUserPrompt(input.question, input.passages))];
      const timer = deadline(config.LLM_TIMEOUT_MS, input.signal);
      let text = '';
      let failure: string | null = null;
      try {
        const stream = await model.stream(messages, { signal: timer.signal });
        for await (const chunk of stream) {
          const piece = chunkText(chunk.content);
          if (!piece) continue;
          text += piece;
          yield { type: 'token', text: piece };
        }
      } catch (err) {
        if (input.signal?.aborted) return;
        failure = timer.timedOut()
          ? `did not answer within ${config.LLM_TIMEOUT_MS} ms (LLM_TIMEOUT_MS)`
          : `failed (${(err as Error).message.split('\n')[0].slice(0, 200)})`;
      } finally {
        timer.clear();
      }
      if (input.signal?.aborted) return;
      if (!failure && !text.trim()) failure = 'returned an empty answer';
      if (failure) {
        yield { type: 'final', result: await fallback(input, failure) };
        return;
      }
      if (isDecline(text)) {
        yield { type: 'final', result: abstention(id) };
        return;
      }
      const cited = await attachCitations(text.trim(), input.passages, (sentence, passage) =>
        checkSupport(sentence, passage, { embedder: deps.embedder }),
      );
      const warnings = [...cited.warnings];
      if (!cited.citations.length) warnings.push('The answer cites no passage; treat it as unsupported.');
      yield { type: 'final', result: { answer: cited.answer, citations: cited.citations, abstained: false, warnings, answerer: id } };
    },
  };
}
