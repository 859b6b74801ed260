// An OpenAI conversation (`messages`) → the engine's ChatRequest: the last message is the question, the earlier
// user/assistant messages are the history (the last MAX_HISTORY_MESSAGES of them, each cut to the length the engine
// takes), system/developer/tool messages are ignored, and the source list we appended to our own earlier answers is
// taken off again (and the note that leads an uncertain one) so that only the answer text is read as the conversation.
import { MAX_HISTORY_MESSAGE_CHARS, MAX_HISTORY_MESSAGES, MAX_QUESTION_CHARS, type ChatRequest, type HistoryMessage } from '../../contract.js';
import { AppError } from '../../errors.js';
import type { ChatCompletionRequest, OpenAiMessage } from './schemas.js';
import { withoutSourceList } from './source-list.js';
import { withoutUncertainNote } from './uncertain-note.js';

function textOf(message: OpenAiMessage, strict: boolean): string {
  if (typeof message.content === 'string') return message.content;
  if (message.content === null) return '';
  const parts = message.content;
  if (strict && parts.some((p) => p.type !== 'text')) {
    throw new AppError('BAD_REQUEST', 'Only text content is supported in the question (no images, audio or files).');
  }
  return parts
    .filter((p) => p.type === 'text' && typeof p.text === 'string')
    .map((p) => p.text)
    .join('\n');
}

export function toChatRequest(body: ChatCompletionRequest): ChatRequest {
  const last = body.messages.filter((m) => m.role !== 'system' && m.role !== 'developer').at(-1);
  const conversation = body.messages.filter((m) => m.role === 'user' || m.role === 'assistant');
  if (!last || last.role !== 'user') {
    throw new AppError('BAD_REQUEST', 'The last message must be the question, with role "user".');
  }
  const question = textOf(last, true).trim();
  if (!question) throw new AppError('EMPTY_QUESTION');
  if (question.length > MAX_QUESTION_CHARS) {
    throw new AppError('QUESTION_TOO_LONG', `The question is too long: at most ${MAX_QUESTION_CHARS} characters are accepted.`);
  }
  const history: HistoryMessage[] = conversation
    .slice(0, -1)
    .slice(-MAX_HISTORY_MESSAGES)
    .map((m) => {
      const text = textOf(m, false);
      const content = m.role === 'assistant' ? withoutUncertainNote(withoutSourceList(text)) : text;
      return { role: m.role as HistoryMessage['role'], content: content.slice(0, MAX_HISTORY_MESSAGE_CHARS) };
    })
    .filter((m) => m.content.trim());
  return { question, history, ...(body.k ? { k: body.k } : {}) };
}
