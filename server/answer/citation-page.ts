// The page a citation shows: the page of the sentence it highlights. A chunk records only the page it starts on,
// and a chunk that crosses a page break may be cited for a sentence on the next page.
import type { Citation } from '../contract.js';
import type { SourceDoc } from '../domain.js';

export function withSpanPage(c: Citation, doc: Pick<SourceDoc, 'pages'> | undefined): Citation {
  if (!c.span || !doc?.pages.length) return c;
  const at = c.start + c.span.start;
  const page = doc.pages.find((p) => at >= p.start && at < p.end)?.page;
  return page === undefined || page === c.page ? c : { ...c, page };
}
