// Links to a document's page, scrolled to a character range: /documents/<docId>?start=&end=
export function documentHref(docId: string, range?: { start: number; end: number }, base = ''): string {
  const path = `${base}/documents/${encodeURIComponent(docId)}`;
  return range ? `${path}?start=${range.start}&end=${range.end}` : path;
}

/** The docId of a /documents/<docId> path, or null. */
export function docIdFromPath(pathname: string): string | null {
  const m = pathname.match(/^\/documents\/(.+)$/);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return null;
  }
}

/** A ?start=&end= range, or null when absent or not numbers. */
export function rangeFromSearch(search: URLSearchParams): { start: number; end: number } | null {
  const start = Number(search.get('start'));
  const end = Number(search.get('end'));
  if (!search.has('start') || !search.has('end') || !Number.isInteger(start) || !Number.isInteger(end) || end < start) return null;
  return { start, end };
}
