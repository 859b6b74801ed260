// Under an abstention: the passages the search found closest, folded away and marked as not an answer, so a
// reader can see where the assistant looked and judge for themselves.
import type { Passage } from '../../../server/contract.js';

const SNIPPET_CHARS = 280;

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= SNIPPET_CHARS) return flat;
  const cut = flat.lastIndexOf(' ', SNIPPET_CHARS);
  return `${flat.slice(0, cut > 0 ? cut : SNIPPET_CHARS)}…`;
}

export function ClosestPassages({ passages, max = 3 }: { passages: Passage[]; max?: number }) {
  if (!passages.length) return null;
  const shown = passages.slice(0, max);
  return (
    <details className="ra-closest" data-testid="closest-passages">
      <summary>Closest passages found ({shown.length}), none of which answers the question</summary>
      <ol>
        {shown.map((p) => (
          <li key={p.chunkId}>
            <span className="ra-closest-title">
              {p.title}
              {p.page != null ? `, p. ${p.page}` : ''}
            </span>
            <span className="ra-closest-text">{snippet(p.text)}</span>
          </li>
        ))}
      </ol>
    </details>
  );
}
