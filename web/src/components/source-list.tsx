// The numbered sources under an answer. Clicking one opens it in the source panel.
import type { Citation } from '../../../server/contract.js';
import { formatAuthors } from '../lib/format-reference.js';

export interface SourceListProps {
  citations: readonly Citation[];
  selectedN: number | null;
  onSelect(n: number): void;
}

export function SourceList({ citations, selectedN, onSelect }: SourceListProps) {
  if (!citations.length) return null;
  return (
    <section className="ra-sources" aria-label="Sources">
      <h3 className="ra-sources-heading">Sources</h3>
      <ol className="ra-sources-list">
        {citations.map((c) => {
          // what a reader uses to judge a source at a glance; unknown parts are left out, never guessed
          const byline = [formatAuthors(c.authors), c.date, c.page ? `p. ${c.page}` : null].filter(Boolean).join(' · ');
          return (
            <li key={c.n}>
              <button
                type="button"
                className={`ra-source${selectedN === c.n ? ' is-selected' : ''}${c.supported ? '' : ' is-unsupported'}`}
                data-testid={`source-${c.n}`}
                aria-pressed={selectedN === c.n}
                onClick={() => onSelect(c.n)}
              >
                <span className="ra-source-n" aria-hidden="true">
                  {c.n}
                </span>
                <span className="ra-source-body">
                  <span className="ra-source-title">{c.title}</span>
                  {byline && <span className="ra-source-byline">{byline}</span>}
                  {!c.supported && <span className="ra-tag ra-tag-warn">not supported by the passage</span>}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
