// The conversation as a pure reducer, so every transition (ask, stream, stop, fail, retry, reset) is testable
// without React. Overall status: idle (nothing asked) | streaming | done | error, read off the last turn.
import type { ChatEvent, Citation, HistoryMessage, Passage } from '../../../server/contract.js';

export interface TurnError {
  code: string;
  message: string;
  status?: number;
}

export interface Turn {
  id: string;
  question: string;
  /** stopped = the reader pressed stop; the partial answer is kept */
  status: 'streaming' | 'done' | 'stopped' | 'error';
  answer: string;
  citations: Citation[];
  passages: Passage[];
  abstained: boolean;
  /** answered, but the evidence is weak: the answer may not answer the question */
  uncertain: boolean;
  rewrittenQuery: string | null;
  answerer: string | null;
  warnings: string[];
  error: TurnError | null;
}

export interface ChatState {
  turns: Turn[];
}

export type ChatStatus = 'idle' | 'streaming' | 'done' | 'error';

export type ChatAction =
  | { type: 'ask'; id: string; question: string }
  | { type: 'event'; id: string; event: ChatEvent }
  | { type: 'fail'; id: string; error: TurnError }
  | { type: 'stop'; id: string }
  /** drop the last turn (before asking its question again) */
  | { type: 'drop-last' }
  | { type: 'reset' };

export const initialChatState: ChatState = { turns: [] };

// Derived, not stored: one source of truth (the turns), so status and turns can never disagree.
export function chatStatus(state: ChatState): ChatStatus {
  const last = state.turns[state.turns.length - 1];
  if (!last) return 'idle';
  if (last.status === 'streaming') return 'streaming';
  if (last.status === 'error') return 'error';
  return 'done';
}

function applyEvent(turn: Turn, event: ChatEvent): Turn {
  switch (event.type) {
    case 'meta':
      return { ...turn, rewrittenQuery: event.rewrittenQuery, answerer: event.answerer, passages: event.passages };
    case 'token':
      return { ...turn, answer: turn.answer + event.text };
    case 'citations':
      return { ...turn, citations: event.citations, abstained: event.abstained };
    case 'done': {
      const r = event.response;
      // The final text replaces the streamed one: citation renumbering may have changed it.
      return {
        ...turn,
        status: 'done',
        answer: r.answer,
        citations: r.citations,
        abstained: r.abstained,
        uncertain: r.uncertain ?? false,
        passages: r.passages,
        rewrittenQuery: r.rewrittenQuery,
        answerer: r.answerer,
        warnings: r.warnings,
      };
    }
    case 'error':
      return { ...turn, status: 'error', error: { ...event.error } };
  }
}

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'ask': {
      const turn: Turn = {
        id: action.id,
        question: action.question,
        status: 'streaming',
        answer: '',
        citations: [],
        passages: [],
        abstained: false,
        uncertain: false,
        rewrittenQuery: null,
        answerer: null,
        warnings: [],
        error: null,
      };
      return { turns: [...state.turns, turn] };
    }
    case 'event':
    case 'fail':
    case 'stop':
      return {
        turns: state.turns.map((t) => {
          // Events that arrive after a stop or failure belong to an answer the reader no longer waits for.
          if (t.id !== action.id || t.status !== 'streaming') return t;
          if (action.type === 'event') return applyEvent(t, action.event);
          if (action.type === 'fail') return { ...t, status: 'error', error: action.error };
          return { ...t, status: 'stopped' };
        }),
      };
    case 'drop-last':
      return { turns: state.turns.slice(0, -1) };
    case 'reset':
      return initialChatState;
  }
}

/** Mirrors MAX_HISTORY_MESSAGES / MAX_HISTORY_MESSAGE_CHARS in server/contract.ts (web imports only its types). */
export const HISTORY_LIMITS = { messages: 20, chars: 8000 };

/** The conversation so far, as the server's `history`: completed turns only, newest kept when it is too long. */
export function historyOf(turns: readonly Turn[]): HistoryMessage[] {
  const messages: HistoryMessage[] = [];
  for (const t of turns) {
    // stopped and failed answers are not what the assistant said: sending them would mislead the rewriter
    if (t.status !== 'done') continue;
    messages.push({ role: 'user', content: t.question.slice(0, HISTORY_LIMITS.chars) });
    messages.push({ role: 'assistant', content: t.answer.slice(0, HISTORY_LIMITS.chars) });
  }
  return messages.slice(-HISTORY_LIMITS.messages);
}
