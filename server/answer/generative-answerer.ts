// The LLM answerer: numbered passages in, a streamed answer with [n] markers out, then citations checked against
// their passages. A timeout or an error from the LLM falls back to the extractive answer with a warning; an abort
// from the caller stops the request.
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { attachCitations, findMarkers } from './citations.js';
import type { TextEmbedder } from './embedding-memo.js';
import { abstention, answerExtractively, type ExtractiveDeps } from './extractive-answerer.js';
import { chunkText, createLlmClient, deadline, type LlmClient } from './llm-client.js';
import { checkSupport } from './support-check.js';
import { ABSTENTION_TEXT, type AnswerEvent, type AnswerInput, type AnswerResult, type Answerer } from './types.js';

export interface GenerativeDeps {
  embedder: TextEmbedder | null;
  /** what the fallback (extractive) answer runs with */
  extractive: ExtractiveDeps;
  log: Logger;
  /** the LLM to use instead of the one the config names */
  client?: LlmClient;
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
  const client = deps.client ?? createLlmClient(config);
  const { id, model } = client;

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
      const messages = client.answerMessages(input.question, input.passages);
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
      if (client.abstainWhenUnsupported && !cited.citations.some((c) => c.supported)) {
        yield { type: 'final', result: abstention(id, [`The language model's answer was not supported by the passages it cited, so it is not shown: "${text.trim().slice(0, 300)}"`]) };
        return;
      }
      const warnings = [...cited.warnings];
      if (!cited.citations.length) warnings.push('The answer cites no passage; treat it as unsupported.');
      yield { type: 'final', result: { answer: cited.answer, citations: cited.citations, abstained: false, warnings, answerer: id } };
    },
  };
}
