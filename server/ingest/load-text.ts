// Bytes → text for the text formats (.txt, .md, .html), and the .txt loader itself.
// UTF-8 is tried strictly first; text that is not valid UTF-8 is read as Windows-1252 (a superset of Latin-1 for
// printable characters, and what "ANSI" editors save), so every byte becomes a character and nothing is lost.
import { decodeWindows1252 } from '../text/windows-1252.js';
import type { LoadedDocument } from './load-document.js';
import { LoadFailure } from './load-document.js';
import { underlinedHeadings } from './text-headings.js';

export interface DecodedText {
  text: string;
  /** the encoding that was used, when it was not UTF-8 */
  warning?: string;
}

/** Share of control characters above which a file is treated as binary (text files have almost none). */
const MAX_CONTROL_SHARE = 0.05;
const SNIFF_BYTES = 8192;

/** Throws LoadFailure for empty and binary content; decodes BOM-marked UTF-16, UTF-8, else Windows-1252. */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) throw new LoadFailure('the file is empty');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  const head = bytes.subarray(0, SNIFF_BYTES);
  // NUL never occurs in text encodings without a BOM-marked UTF-16 (same test as git and grep)
  if (head.includes(0)) throw new LoadFailure('looks binary, not text (it contains NUL bytes)');
  let control = 0;
  for (const b of head) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  if (control / head.length > MAX_CONTROL_SHARE) {
    throw new LoadFailure(`looks binary, not text (${Math.round((100 * control) / head.length)}% control characters)`);
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    return {
      text: decodeWindows1252(bytes),
      warning: 'not valid UTF-8; read as Windows-1252 (Latin-1)',
    };
  }
}

/**
 * Plain text. A form feed (what pdftotext writes between pages) starts a new page, so text extracted from a PDF
 * keeps its page numbers. Underlined headings ("TRIGGERS\n========") are headings, the first one at the top the title.
 */
export function loadText(bytes: Uint8Array): LoadedDocument {
  const { text, warning } = decodeText(bytes);
  const pages = text.split('\f').map(underlinedHeadings);
  const paged = pages.length > 1;
  const title = pages[0].title;
  return {
    pages: pages.map((p) => p.text),
    paged,
    headings: pages.flatMap((p) => p.headings),
    meta: title ? { title } : {},
    warnings: warning ? [warning] : [],
  };
}
