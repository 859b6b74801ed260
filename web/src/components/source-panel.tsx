// The selected source: what it is (title, authors, date, publisher, URL, page) and the passage with the cited
// span highlighted, plus a link to the whole document scrolled to that span.
import { useEffect, useRef } from 'react';
import type { Citation } from '../../../server/contract.js';
import { formatAuthors } from '../lib/format-reference.js';
import { documentRange } from '../lib/highlight.js';
import { PassageText } from './passage-text.js';

export interface SourcePanelProps {
  citation: Citation;
  /** where "open the whole document" goes; null hides the link */
  documentHref: ((docId: string, range: { start: number; end: number }) => string) | null;
  /** open the document in a new tab (widget, embed) rather than in this page */
  documentInNewTab?: boolean;
  onClose(): void;
  onNavigate?: (href: string) => void;
}

export function SourcePanel({ citation: c, documentHref, documentInNewTab, onClose, onNavigate }: SourcePanelProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Focus follows the click so keyboard and screen-reader users land on what they opened, and returns to the
  // citation button they came from when the panel closes.
  useEffect(() => {
    const root = heading.current?.getRootNode() as Document | ShadowRoot | undefined;
    const opener = root?.activeElement as HTMLElement | null | undefined;
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  useEffect(() => heading.current?.focus(), [c.chunkId, c.n]);
  // passage offsets are in the document; the span is inside the passage (contract.ts, Citation.span)
  const range = documentRange(c, c.span);
  const href = documentHref?.(c.docId, range);
  const facts: [string, React.ReactNode][] = [];
  if (c.authors.length) facts.push(['Authors', formatAuthors(c.authors)]);
  if (c.date) facts.push(['Date', c.date]);
  if (c.publisher) facts.push(['Publisher', c.publisher]);
  if (c.kind) facts.push(['Kind', c.kind]);
  if (c.note) facts.push(['Note', c.note]);
  if (c.page) facts.push(['Page', String(c.page)]);
  if (c.section) facts.push(['Section', c.section]);
  if (c.url)
    facts.push([
      'URL',
      <a href={c.url} target="_blank" rel="noopener noreferrer nofollow" className="ra-break">
        {c.url}
      </a>,
    ]);

  return (
    <div
      className="ra-panel-inner"
      data-testid="source-panel"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <div className="ra-panel-head">
        <span className="ra-chip">Source {c.n}</span>
        <button type="button" className="ra-icon-btn" onClick={onClose} aria-label="Close source" data-testid="close-source">
          ×
        </button>
      </div>
      <h2 className="ra-panel-title" tabIndex={-1} ref={heading} data-testid="source-title">
        {c.title}
      </h2>
      {facts.length > 0 && (
        <dl className="ra-facts">
          {facts.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      )}
      {!c.supported && (
        <p className="ra-warn" data-testid="unsupported-note">
          The check found no sentence in this passage that clearly supports the cited statement. Read it before relying on it.
        </p>
      )}
      {c.sentences.length > 0 && (
        <div className="ra-claim">
          <span className="ra-label">Cited for</span>
          {c.sentences.map((s, i) => (
            <p key={i}>{s}</p>
          ))}
        </div>
      )}
      <span className="ra-label">Passage</span>
      <PassageText className="ra-passage" text={c.text} range={c.span} testId="passage" scroll="box" />
      {href && (
        <a
          className="ra-btn ra-btn-link"
          href={href}
          data-testid="open-document"
          {...(documentInNewTab ? { target: '_blank', rel: 'noopener' } : {})}
          onClick={(e) => {
            // modified clicks keep the browser's meaning (new tab/window); a plain click stays in the app
            if (documentInNewTab || !onNavigate || e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
            e.preventDefault();
            onNavigate(href);
          }}
        >
          Open the whole document at this passage
        </a>
      )}
    </div>
  );
}
