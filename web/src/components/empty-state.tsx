// What the reader sees before the first question: what the corpus holds, which answerer answers, and example
// questions drawn from the documents (one click asks one).
import type { HealthState } from '../hooks/use-health.js';
import { ErrorNotice } from './error-notice.js';

export interface EmptyStateProps {
  health: HealthState;
  suggestions?: readonly string[];
  onAsk?: (question: string) => void;
}

const ANSWERER_LABEL: Record<string, string> = {
  extractive: 'quoted from the documents (offline)',
};

function builtAt(iso: string | null): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function EmptyState({ health, suggestions = [], onAsk }: EmptyStateProps) {
  // a refusal (origin, key) or a dead server is shown before the reader wastes a question on it
  if (health.state === 'error') return <ErrorNotice error={health.error} />;
  const h = health.state === 'ok' ? health.health : null;
  const docs = h?.documents ?? null;
  const indexed = builtAt(h?.indexBuiltAt ?? null);
  return (
    <div className="ra-empty" data-testid="empty-state">
      <p className="ra-empty-title">Ask about the documents</p>
      <p className="ra-empty-text">
        {docs === null ? 'Answers quote the corpus and cite their sources.' : `Answers quote ${docs} document${docs === 1 ? '' : 's'} and cite their sources.`}{' '}
        Select a number like <span className="ra-chip ra-chip-inline">1</span> to read the passage it comes from.
      </p>
      {h && (
        <p className="ra-empty-corpus" data-testid="corpus-summary">
          {[
            `${h.documents} document${h.documents === 1 ? '' : 's'}, ${h.chunks} passages`,
            indexed ? `indexed ${indexed}` : null,
            `answers ${ANSWERER_LABEL[h.answerer] ?? `by ${h.answerer}`}`,
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
      )}
      {suggestions.length > 0 && onAsk && (
        <div className="ra-suggestions" data-testid="suggestions">
          <p className="ra-suggestions-label">Try asking</p>
          <ul>
            {suggestions.map((q) => (
              <li key={q}>
                <button type="button" className="ra-suggestion" onClick={() => onAsk(q)}>
                  {q}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
