// What the reader sees before the first question: what the assistant knows and how to use it.
import type { HealthState } from '../hooks/use-health.js';
import { ErrorNotice } from './error-notice.js';

export function EmptyState({ health }: { health: HealthState }) {
  // a refusal (origin, key) or a dead server is shown before the reader wastes a question on it
  if (health.state === 'error') return <ErrorNotice error={health.error} />;
  const docs = health.state === 'ok' ? health.health.documents : null;
  return (
    <div className="ra-empty" data-testid="empty-state">
      <p className="ra-empty-title">Ask about the documents</p>
      <p className="ra-empty-text">
        {docs === null ? 'Answers quote the corpus and cite their sources.' : `Answers quote ${docs} document${docs === 1 ? '' : 's'} and cite their sources.`}{' '}
        Select a number like <span className="ra-chip ra-chip-inline">1</span> to read the passage it comes from.
      </p>
    </div>
  );
}
