// The page and section a citation shows: those of the sentence it highlights. A chunk records the page it starts on
// and one section label, and a chunk that crosses a page break or a heading may be cited for a sentence on the next
// page or under the next heading (zstd's README: "dual-licensed under BSD and GPLv2" was labelled "Contributing",
// the section its chunk starts in, not "License").
import type { Citation } from '../contract.js';
import type { SourceDoc } from '../domain.js';

export function withSpanPlace(c: Citation, doc: Partial<Pick<SourceDoc, 'pages' | 'sections'>> | undefined): Citation {
  if (!c.span || !doc) return c;
  const at = c.start + c.span.start;
  const page = doc.pages?.find((p) => at >= p.start && at < p.end)?.page;
  // the innermost section holding the sentence: the one that starts last before it
  const section = (doc.sections ?? []).filter((s) => at >= s.start && at < s.end).sort((a, b) => b.start - a.start)[0]?.heading;
  const placed = { ...(page !== undefined && page !== c.page ? { page } : {}), ...(section !== undefined && section !== c.section ? { section } : {}) };
  return Object.keys(placed).length ? { ...c, ...placed } : c;
}
