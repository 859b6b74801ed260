// One [n] in an answer: a button that shows the source title and the cited sentence on hover or focus, and
// opens the source panel on click. An unsupported citation looks different and says so.
import { useId, useLayoutEffect, useRef, useState } from 'react';
import type { Citation } from '../../../server/contract.js';
import { citedSentence } from '../lib/cited-sentence.js';

export interface CitationMarkerProps {
  n: number;
  citation: Citation | undefined;
  selected: boolean;
  onSelect(n: number): void;
}

export function CitationMarker({ n, citation, selected, onSelect }: CitationMarkerProps) {
  const [open, setOpen] = useState(false);
  const tipId = useId();
  const tip = useRef<HTMLSpanElement>(null);
  useKeepInside(tip, open);
  const unsupported = citation?.supported === false;
  const label = citation ? `Source ${n}: ${citation.title}${unsupported ? ' (not supported by the passage)' : ''}` : `Source ${n}`;
  return (
    <span className="ra-cite" onMouseEnter={() => setOpen(true)} onMouseLeave={() => setOpen(false)}>
      <button
        type="button"
        className={`ra-cite-btn${unsupported ? ' is-unsupported' : ''}${selected ? ' is-selected' : ''}`}
        data-testid={`cite-${n}`}
        aria-label={label}
        aria-describedby={open && citation ? tipId : undefined}
        aria-pressed={selected}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setOpen(false);
        }}
        onClick={() => onSelect(n)}
      >
        {n}
      </button>
      {open && citation && (
        <span role="tooltip" id={tipId} className="ra-cite-tip" data-testid="cite-tooltip" ref={tip}>
          <strong className="ra-cite-tip-title">{citation.title}</strong>
          <span className="ra-cite-tip-quote">“{citedSentence(citation)}”</span>
          {unsupported && <span className="ra-cite-tip-warn">This passage does not clearly support the sentence.</span>}
        </span>
      )}
    </span>
  );
}

const MARGIN = 8;

/**
 * The tooltip sits above its marker; inside a scrolling conversation that can cut it off (first line, narrow
 * screens). After it renders, flip it below the marker or shift it sideways so it stays inside the scroll area.
 */
function useKeepInside(tip: React.RefObject<HTMLSpanElement | null>, open: boolean) {
  useLayoutEffect(() => {
    const el = tip.current;
    if (!open || !el) return;
    const bounds = (el.closest('.ra-scroll, .ra-panel') ?? el.ownerDocument.documentElement).getBoundingClientRect();
    const r = el.getBoundingClientRect();
    if (r.top < bounds.top + MARGIN) el.classList.add('is-below');
    let shift = 0;
    if (r.left < bounds.left + MARGIN) shift = bounds.left + MARGIN - r.left;
    else if (r.right > bounds.right - MARGIN) shift = bounds.right - MARGIN - r.right;
    if (shift) el.style.marginLeft = `${shift}px`;
  }, [open, tip]);
}
