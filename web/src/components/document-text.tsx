// A whole document in the viewer: headings as headings, page markers for paged documents, the cited range
// highlighted (in every block it covers) and scrolled into view. Plain text only: documents are untrusted input.
import { useEffect, useMemo, useRef } from 'react';
import type { DocumentDetail } from '../../../server/contract.js';
import { documentBlocks } from '../lib/document-blocks.js';

export interface DocumentTextProps {
  doc: Pick<DocumentDetail, 'text' | 'sections' | 'pages'>;
  range: { start: number; end: number } | null;
}

export function DocumentText({ doc, range }: DocumentTextProps) {
  const blocks = useMemo(() => documentBlocks(doc), [doc]);
  const firstMark = useRef<HTMLElement>(null);
  useEffect(() => {
    firstMark.current?.scrollIntoView?.({ block: 'center' }); // missing in jsdom
  }, [range?.start, range?.end, doc]);

  let marked = 0;
  // the block's text with the part of the range that falls in it marked
  const body = (start: number, end: number) => {
    const from = range ? Math.max(start, Math.min(end, range.start)) : end;
    const to = range ? Math.max(from, Math.min(end, range.end)) : end;
    if (from === to) return doc.text.slice(start, end);
    const first = marked++ === 0;
    return (
      <>
        {doc.text.slice(start, from)}
        <mark ref={first ? firstMark : undefined} className="ra-mark" data-testid={first ? 'highlight' : 'highlight-continued'}>
          {doc.text.slice(from, to)}
        </mark>
        {doc.text.slice(to, end)}
      </>
    );
  };

  return (
    <div className="ra-doc-text" data-testid="document-text">
      {blocks.map((b) => {
        if (b.kind === 'page') {
          return (
            <div key={`page-${b.page}-${b.at}`} className="ra-page-marker" role="separator" aria-label={`Page ${b.page}`} data-testid="page-marker">
              <span>Page {b.page}</span>
            </div>
          );
        }
        if (b.kind === 'heading') {
          const H = `h${b.level}` as const;
          return (
            <H key={`h-${b.start}`} className="ra-doc-heading" data-testid="document-heading">
              {body(b.start, b.end)}
            </H>
          );
        }
        return (
          <p key={`t-${b.start}`} className="ra-doc-block">
            {body(b.start, b.end)}
          </p>
        );
      })}
    </div>
  );
}
