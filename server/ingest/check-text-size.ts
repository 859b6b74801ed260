// MAX_TEXT_BYTES: the text one file may yield. A 50 MB log dump or an extraction that explodes (a PDF that repeats
// its text layer) would otherwise become tens of thousands of chunks to embed — hours of work for one file.
import { formatBytes } from './format-bytes.js';
import { LoadFailure, type LoadedDocument } from './load-document.js';

export function checkTextSize(doc: Pick<LoadedDocument, 'pages'>, maxTextBytes: number): void {
  let total = 0;
  for (const page of doc.pages) {
    total += Buffer.byteLength(page, 'utf8');
    if (total > maxTextBytes) break;
  }
  if (total > maxTextBytes) {
    throw new LoadFailure(`its text is larger than the ${formatBytes(maxTextBytes)} limit (MAX_TEXT_BYTES); split the file or raise the limit`);
  }
}
