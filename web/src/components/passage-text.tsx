// Passage or document text with one range highlighted (<mark>), scrolled into view when it appears.
// Plain text only: passages come from untrusted documents.
import { useEffect, useRef } from 'react';
import { splitHighlight } from '../lib/highlight.js';

export interface PassageTextProps {
  text: string;
  range: { start: number; end: number } | null;
  className?: string;
  /** bring the highlight into view when the range changes: by scrolling the page, or only this box */
  scroll?: 'page' | 'box' | false;
  testId?: string;
}

export function PassageText({ text, range, className, scroll = 'page', testId }: PassageTextProps) {
  const mark = useRef<HTMLElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const { before, marked, after } = splitHighlight(text, range);
  useEffect(() => {
    const m = mark.current;
    if (!m || !scroll) return;
    if (scroll === 'page') {
      m.scrollIntoView?.({ block: 'center' }); // missing in jsdom
      return;
    }
    // Scroll the passage box only: scrollIntoView would also scroll the panel and hide its title and close button.
    const b = box.current;
    // the box is position: relative, so the mark's offsetTop is measured from the box's top
    if (b) b.scrollTop = Math.max(0, m.offsetTop - b.clientHeight / 4);
  }, [scroll, range?.start, range?.end, text]);
  return (
    <div className={className} data-testid={testId} ref={box}>
      {before}
      {marked && (
        <mark ref={mark} className="ra-mark" data-testid="highlight">
          {marked}
        </mark>
      )}
      {after}
    </div>
  );
}
