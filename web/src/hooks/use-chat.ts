// Conversation state + the effects that drive it: one streaming request at a time, stop via AbortController,
// retry of the last question, follow-ups carrying the history, new conversation.
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type { ChatEvent, ChatRequest, ChatResponse } from '../../../server/contract.js';
import { ApiError, isAbort } from '../api/api-error.js';
import { streamChat } from '../api/chat-stream.js';
import type { ApiClient } from '../api/client.js';
import { chatReducer, chatStatus, historyOf, initialChatState, type ChatStatus, type Turn, type TurnError } from './chat-state.js';

export type StreamFn = (client: ApiClient, request: ChatRequest, signal?: AbortSignal) => AsyncIterable<ChatEvent>;

export interface UseChatOptions {
  client: ApiClient;
  /** replaceable for tests; defaults to the SSE client */
  stream?: StreamFn;
  onAnswer?: (response: ChatResponse, question: string) => void;
  onError?: (error: TurnError) => void;
}

export interface UseChat {
  turns: Turn[];
  status: ChatStatus;
  send(question: string): void;
  stop(): void;
  retry(): void;
  reset(): void;
}

// Turn ids only need to be unique within this page's lifetime.
let counter = 0;
const nextId = () => `turn-${Date.now().toString(36)}-${++counter}`;

export function useChat({ client, stream = streamChat, onAnswer, onError }: UseChatOptions): UseChat {
  const [state, dispatch] = useReducer(chatReducer, initialChatState);
  // Callbacks read the latest turns through refs so they keep one identity (no re-subscribing children).
  const stateRef = useRef(state);
  stateRef.current = state;
  const controller = useRef<AbortController | null>(null);
  const active = useRef<string | null>(null);
  const callbacks = useRef({ onAnswer, onError });
  callbacks.current = { onAnswer, onError };

  const run = useCallback(
    async (question: string, turns: readonly Turn[]) => {
      const id = nextId();
      const history = historyOf(turns);
      const abort = new AbortController();
      controller.current = abort;
      active.current = id;
      dispatch({ type: 'ask', id, question });
      try {
        for await (const event of stream(client, { question, ...(history.length ? { history } : {}) }, abort.signal)) {
          if (abort.signal.aborted) break;
          dispatch({ type: 'event', id, event });
          if (event.type === 'done') callbacks.current.onAnswer?.(event.response, question);
          if (event.type === 'error') callbacks.current.onError?.(event.error);
        }
        // A server that closed the stream without done/error is reported by the stream itself (STREAM_ENDED).
      } catch (err) {
        if (!(isAbort(err) || abort.signal.aborted)) {
          const error: TurnError =
            err instanceof ApiError
              ? { code: err.code, message: err.message, status: err.status }
              : { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
          dispatch({ type: 'fail', id, error });
          callbacks.current.onError?.(error);
        }
      } finally {
        if (active.current === id) {
          active.current = null;
          controller.current = null;
        }
      }
    },
    [client, stream],
  );

  const stop = useCallback(() => {
    const id = active.current;
    controller.current?.abort();
    // Free the slot now, not when the aborted request unwinds, so the next question is accepted at once.
    active.current = null;
    controller.current = null;
    if (id) dispatch({ type: 'stop', id });
  }, []);

  const send = useCallback(
    (text: string) => {
      const question = text.trim();
      if (!question || active.current) return;
      void run(question, stateRef.current.turns);
    },
    [run],
  );

  const retry = useCallback(() => {
    const turns = stateRef.current.turns;
    const last = turns[turns.length - 1];
    if (!last || active.current) return;
    dispatch({ type: 'drop-last' });
    void run(last.question, turns.slice(0, -1));
  }, [run]);

  const reset = useCallback(() => {
    controller.current?.abort();
    active.current = null;
    dispatch({ type: 'reset' });
  }, []);

  // Leaving the page must not leave a request streaming into a component that no longer exists.
  useEffect(() => () => controller.current?.abort(), []);

  const status = chatStatus(state);
  return useMemo(() => ({ turns: state.turns, status, send, stop, retry, reset }), [state.turns, status, send, stop, retry, reset]);
}
