// The sources under an answer: one entry per document (title, byline), with the passages cited from it under it,
// each by its number and the words it is cited for. Clicking a passage opens it in the source panel. A document cited
// once is one button, with its byline and those words.
import type { Citation } from '../../../server/contract.js';
import { formatAuthors } from '../lib/format-reference.js';

export interface SourceListProps {
  citations: readonly Citation[];
  selectedN: number | null;
  onSelect(n: number): void;
}

const EXCERPT_CHARS = 90;

/** what a reader uses to judge a source at a glance; unknown parts are left out, never guessed */
const bylineOf = (c: Citation, withPage: boolean) =>
  [formatAuthors(c.authors), c.date, withPage && c.page ? `p. ${c.page}` : null].filter(Boolean).join(' · ');

/** Where in the document a passage is (its page unless the byline already gives it), and the words it is cited for. */
function passageLabel(c: Citation, withPage = true): string {
  const quoted = (c.span ? c.text.slice(c.span.start, c.span.end) : c.text).replace(/\s+/g, ' ').trim();
  const excerpt = quoted.length > EXCERPT_CHARS ? `${quoted.slice(0, EXCERPT_CHARS).replace(/\s+\S*$/, '')}…` : quoted;
  const where = c.isMetadata ? 'document record' : [withPage && c.page ? `p. ${c.page}` : null, c.section].filter(Boolean).join(' · ');
  return [where, `“${excerpt}”`].filter(Boolean).join(' — ');
}

/** Citations grouped by document, in the order of each document's first citation. */
export function groupByDocument(citations: readonly Citation[]): Citation[][] {
  const groups = new Map<string, Citation[]>();
  for (const c of [...citations].sort((a, b) => a.n - b.n)) groups.set(c.docId, [...(groups.get(c.docId) ?? []), c]);
  return [...groups.values()];
}

function Number_({ c }: { c: Citation }) {
  return (
    <span className="ra-source-n" aria-hidden="true">
      {c.n}
    </span>
  );
}

export function SourceList({ citations, selectedN, onSelect }: SourceListProps) {
  if (!citations.length) return null;
  const button = (c: Citation, className: string, label: string | undefined, body: React.ReactNode) => (
    <button
      type="button"
      className={`${className}${selectedN === c.n ? ' is-selected' : ''}${c.supported ? '' : ' is-unsupported'}`}
      data-testid={`source-${c.n}`}
      aria-pressed={selectedN === c.n}
      aria-label={label}
      onClick={() => onSelect(c.n)}
    >
      <Number_ c={c} />
      <span className="ra-source-body">
        {body}
        {!c.supported && <span className="ra-tag ra-tag-warn">not supported by the passage</span>}
      </span>
    </button>
  );
  return (
    <section className="ra-sources" aria-label="Sources">
      <h3 className="ra-sources-heading">Sources</h3>
      <ol className="ra-sources-list">
        {groupByDocument(citations).map((group) => {
          const [first] = group;
          const byline = bylineOf(first, group.length === 1);
          if (group.length === 1) {
            return (
              <li key={first.docId} data-testid="source-document">
                {button(
                  first,
                  'ra-source',
                  undefined,
                  <>
                    <span className="ra-source-title">{first.title}</span>
                    {byline && <span className="ra-source-byline">{byline}</span>}
                    <span className="ra-source-excerpt">{passageLabel(first, false)}</span>
                  </>,
                )}
              </li>
            );
          }
          return (
            <li key={first.docId} className="ra-source-group" data-testid="source-document">
              <span className="ra-source-title">{first.title}</span>
              {byline && <span className="ra-source-byline">{byline}</span>}
              <ul className="ra-source-passages">
                {group.map((c) => (
                  <li key={c.n}>
                    {button(c, 'ra-source ra-source-passage', `Source ${c.n}: ${first.title}, ${passageLabel(c)}`, <span className="ra-source-excerpt">{passageLabel(c)}</span>)}
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
