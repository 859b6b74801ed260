// The chat column and the source panel, wired to one conversation. Used by the chat page, the /embed page and
// the <research-assistant> widget; they differ only in layout (variant) and where document links go.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ApiClient } from '../api/client.js';
import { useChat } from '../hooks/use-chat.js';
import { useHealth } from '../hooks/use-health.js';
import { useSuggestions } from '../hooks/use-suggestions.js';
import { useScrollToBottom } from '../hooks/use-scroll-to-bottom.js';
import type { AssistantEvent } from './assistant-events.js';
import { Composer } from './composer.js';
import { EmptyState } from './empty-state.js';
import { SourcePanel } from './source-panel.js';
import { TurnView } from './turn-view.js';

export interface AssistantProps {
  client: ApiClient;
  variant?: 'page' | 'compact';
  placeholder?: string;
  documentHref: ((docId: string, range: { start: number; end: number }) => string) | null;
  documentInNewTab?: boolean;
  onNavigate?: (href: string) => void;
  onEvent?: (event: AssistantEvent) => void;
  /** lets a host page ask a question programmatically (embed page's "ask" message) */
  askRef?: React.MutableRefObject<((question: string) => void) | null>;
}

export function Assistant({ client, variant = 'page', placeholder, documentHref, documentInNewTab, onNavigate, onEvent, askRef }: AssistantProps) {
  const emit = useRef(onEvent);
  emit.current = onEvent;
  const health = useHealth(client);
  const chat = useChat({
    client,
    onAnswer: (r, question) =>
      emit.current?.({
        type: 'answer',
        question,
        answer: r.answer,
        abstained: r.abstained,
        citations: r.citations.map((c) => ({ n: c.n, docId: c.docId, title: c.title, url: c.url })),
      }),
    onError: (e) => emit.current?.({ type: 'error', code: e.code, message: e.message }),
  });
  // A citation number means something only within its answer, so the selection names the turn too.
  const [selected, setSelected] = useState<{ turnId: string; n: number } | null>(null);
  const [focusKey, setFocusKey] = useState(0);
  const scroll = useScrollToBottom<HTMLDivElement>(chat.turns);
  const suggestions = useSuggestions(client, health.state === 'ok' && health.health.documents > 0);

  useEffect(() => {
    if (health.state === 'ok') emit.current?.({ type: 'ready', documents: health.health.documents, answerer: health.health.answerer });
    if (health.state === 'error') emit.current?.({ type: 'error', code: health.error.code, message: health.error.message });
  }, [health]);

  const send = useCallback(
    (q: string) => {
      scroll.resume();
      chat.send(q);
    },
    [chat, scroll],
  );
  useEffect(() => {
    if (askRef) askRef.current = send;
  }, [askRef, send]);

  const citation = useMemo(() => {
    if (!selected) return null;
    return chat.turns.find((t) => t.id === selected.turnId)?.citations.find((c) => c.n === selected.n) ?? null;
  }, [selected, chat.turns]);

  const onSelect = useCallback(
    (turnId: string, n: number) => {
      setSelected({ turnId, n });
      const c = chat.turns.find((t) => t.id === turnId)?.citations.find((x) => x.n === n);
      if (c) {
        const start = c.start + (c.span?.start ?? 0);
        const end = c.span ? c.start + c.span.end : c.end;
        emit.current?.({ type: 'citation-click', n, docId: c.docId, title: c.title, url: c.url, start, end });
      }
    },
    [chat.turns],
  );

  const closePanel = useCallback(() => setSelected(null), []);
  // A new conversation also drops the history sent with follow-ups, and puts the reader back in the question box.
  const newConversation = () => {
    chat.reset();
    setSelected(null);
    setFocusKey((k) => k + 1);
  };

  return (
    <div className={`ra-assistant ra-variant-${variant}${citation ? ' has-panel' : ''}`} data-testid="assistant" data-status={chat.status}>
      <section className="ra-chat" aria-label="Conversation">
        <div className="ra-chat-bar">
          <span className="ra-status" data-testid="chat-status">
            {chat.status === 'streaming' ? 'Answering…' : health.state === 'ok' ? `${health.health.documents} documents · ${health.health.answerer}` : ''}
          </span>
          <button type="button" className="ra-btn ra-btn-quiet" onClick={newConversation} disabled={!chat.turns.length} data-testid="new-conversation">
            New conversation
          </button>
        </div>
        <div className="ra-scroll" ref={scroll.ref} onScroll={scroll.onScroll} data-testid="conversation">
          {chat.turns.length === 0 ? (
            <EmptyState health={health} suggestions={suggestions} onAsk={send} />
          ) : (
            chat.turns.map((t, i) => (
              <TurnView
                key={t.id}
                turn={t}
                isLast={i === chat.turns.length - 1}
                selectedN={selected?.turnId === t.id ? selected.n : null}
                onSelect={onSelect}
                onRetry={chat.retry}
              />
            ))
          )}
        </div>
        <Composer streaming={chat.status === 'streaming'} placeholder={placeholder} onSend={send} onStop={chat.stop} focusKey={focusKey} />
      </section>
      {citation && (
        <aside className="ra-panel" aria-label="Source">
          <SourcePanel
            citation={citation}
            documentHref={documentHref}
            documentInNewTab={documentInNewTab}
            onClose={closePanel}
            onNavigate={onNavigate}
          />
        </aside>
      )}
    </div>
  );
}
