// A document's text as the viewer lays it out: its section headings as headings, a marker where each page of a
// paged document (PDF) begins, and the text between them. Every block keeps its offsets into the text, so a cited
// range is highlighted wherever it falls, across blocks too.
import type { DocumentDetail } from '../../../server/contract.js';

export type DocumentBlock =
  | { kind: 'heading'; start: number; end: number; level: 2 | 3 | 4 }
  | { kind: 'text'; start: number; end: number }
  | { kind: 'page'; page: number; at: number };

/** "2.1. Removal of…" is a level below "2. Completing…"; the document's title is the page's h1. */
function levelOf(heading: string): 2 | 3 | 4 {
  const numbering = /^(?:(?:chapter|section|part)\s+)?(\d+(?:\.\d+)*)[.)]?\s/i.exec(heading);
  const depth = numbering ? numbering[1].split('.').length : 1;
  return Math.min(4, depth + 1) as 2 | 3 | 4;
}

export function documentBlocks(doc: Pick<DocumentDetail, 'text' | 'sections' | 'pages'>): DocumentBlock[] {
  const { text } = doc;
  // a section's heading is a block when the text at the section's start is that heading
  const headings = doc.sections
    .filter((s) => s.heading.trim() && text.startsWith(s.heading, s.start))
    .map((s) => ({ start: s.start, end: s.start + s.heading.length, level: levelOf(s.heading) }));
  // only paged formats (PDF) have pages
  const pageAt = new Map(doc.pages.map((p) => [p.start, p.page]));
  const cuts = [...new Set([0, text.length, ...headings.flatMap((h) => [h.start, h.end]), ...pageAt.keys()])]
    .filter((c) => c >= 0 && c <= text.length)
    .sort((a, b) => a - b);
  const blocks: DocumentBlock[] = [];
  for (let i = 0; i < cuts.length; i++) {
    const start = cuts[i];
    const page = pageAt.get(start);
    if (page !== undefined) blocks.push({ kind: 'page', page, at: start });
    const end = cuts[i + 1];
    if (end === undefined) break;
    const heading = headings.find((h) => h.start === start);
    if (heading && heading.end === end) {
      blocks.push({ kind: 'heading', start, end, level: heading.level });
      continue;
    }
    // blank lines around a block are the layout's business: leave them out of the block
    const body = text.slice(start, end);
    const lead = body.length - body.replace(/^\s+/, '').length;
    const trail = body.length - body.replace(/\s+$/, '').length;
    if (lead + trail < body.length) blocks.push({ kind: 'text', start: start + lead, end: end - trail });
  }
  return blocks;
}
