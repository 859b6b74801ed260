// One question and its answer: streamed markdown with citation buttons, sources, and the actions on it.
// An abstention is shown as a notice ("not in the documents"), not as an answer; a weakly supported answer is shown
// marked as possibly not answering the question.
import { useState } from 'react';
import type { Turn } from '../hooks/chat-state.js';
import { copyText } from '../lib/copy-text.js';
import { formatAnswerForCopy } from '../lib/format-reference.js';
import { AnswerMarkdown } from './answer-markdown.js';
import { ClosestPassages } from './closest-passages.js';
import { ErrorNotice } from './error-notice.js';
import { SourceList } from './source-list.js';

export interface TurnViewProps {
  turn: Turn;
  isLast: boolean;
  selectedN: number | null;
  onSelect(turnId: string, n: number): void;
  onRetry(): void;
}

export function TurnView({ turn, isLast, selectedN, onSelect, onRetry }: TurnViewProps) {
  const [copied, setCopied] = useState<'idle' | 'ok' | 'failed'>('idle');
  const streaming = turn.status === 'streaming';
  const select = (n: number) => onSelect(turn.id, n);
  const abstained = turn.status === 'done' && turn.abstained;
  const uncertain = turn.status === 'done' && !turn.abstained && turn.uncertain;
  const waiting = streaming && !turn.answer;

  return (
    <article className="ra-turn" data-testid="turn" data-status={turn.status}>
      <p className="ra-question" data-testid="question">
        {turn.question}
      </p>
      <div
        className={`ra-answer${abstained ? ' is-abstained' : ''}`}
        data-testid="answer"
        data-abstained={abstained ? 'true' : 'false'}
        // polite + busy: screen readers read the answer once it is complete, not every streamed token
        aria-live="polite"
        aria-busy={streaming}
      >
        {abstained && (
          <p className="ra-abstain-label" data-testid="abstention">
            <span aria-hidden="true">∅ </span>Not found in the documents
          </p>
        )}
        {uncertain && (
          <p className="ra-uncertain-label" data-testid="uncertain">
            <span aria-hidden="true">? </span>Possibly not an answer: the passages below may not say what was asked. Check the sources.
          </p>
        )}
        {waiting && (
          <p className="ra-thinking" data-testid="thinking">
            Searching the documents…
          </p>
        )}
        {turn.answer && (
          <div className={`ra-answer-text${streaming ? ' is-streaming' : ''}`} data-testid="answer-text">
            <AnswerMarkdown text={turn.answer} citations={turn.citations} selectedN={selectedN} onSelect={select} streaming={streaming} />
            {streaming && <span className="ra-caret" aria-hidden="true" />}
          </div>
        )}
        {abstained && <ClosestPassages passages={turn.passages} />}
        {turn.status === 'stopped' && <p className="ra-note">Stopped. The answer above is incomplete.</p>}
        {turn.error && <ErrorNotice error={turn.error} onRetry={isLast ? onRetry : undefined} />}
        {turn.warnings.map((w) => (
          <p className="ra-note" key={w}>
            {w}
          </p>
        ))}
      </div>
      {/* sources and actions only once the answer is settled: streamed citations may still be renumbered */}
      {turn.status !== 'streaming' && !turn.error && (
        <>
          <SourceList citations={turn.citations} selectedN={selectedN} onSelect={select} />
          <div className="ra-actions">
            {turn.answer && (
              <button
                type="button"
                className="ra-btn ra-btn-quiet"
                data-testid="copy"
                onClick={async () => setCopied((await copyText(formatAnswerForCopy(turn.answer, turn.citations))) ? 'ok' : 'failed')}
              >
                {copied === 'ok' ? 'Copied' : copied === 'failed' ? 'Copy failed' : 'Copy answer'}
              </button>
            )}
            {isLast && (
              <button type="button" className="ra-btn ra-btn-quiet" data-testid="retry" onClick={onRetry}>
                {turn.status === 'stopped' ? 'Ask again' : 'Retry'}
              </button>
            )}
          </div>
        </>
      )}
    </article>
  );
}
