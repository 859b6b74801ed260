// PDF → text per page with pdf-parse 2.x (pdf.js underneath). Page numbers are kept so every chunk can say which
// page it comes from; the PDF's Info dictionary supplies a title/author fallback. pdf.js gives visual lines, not
// paragraphs: cleaning reflows them.
// pdf-parse directly rather than LangChain's PDFLoader: that loader is a thin wrapper over the same two calls
// (getText, getInfo), and it was the project's only use of @langchain/community, which pulled in
// @langchain/classic, a second @langchain/openai and openai 7 (both refuse Node 20 with engine warnings).
import { PDFParse } from 'pdf-parse';
import { checkPdfStreams } from './check-pdf-streams.js';
import type { IngestLimits } from './ingest-limits.js';
import type { LoadedDocument } from './load-document.js';
import { LoadFailure } from './load-document.js';
import type { MetaFields } from './load-metadata.js';

/** Info titles that name the authoring tool or a file rather than the work. */
const PLACEHOLDER_TITLE = /^(untitled|title|document\d*|microsoft (word|powerpoint) - .*|.*\.(docx?|pdf|tex|indd|rtf|odt))$/i;

function describe(err: unknown): string {
  const e = err as Error;
  if (e?.name === 'PasswordException') return 'the PDF is password-protected';
  return `the PDF is damaged (${(e?.message ?? String(err)).replace(/\s+/g, ' ').trim().replace(/\.$/, '').slice(0, 160)})`;
}

function infoMeta(info: Record<string, unknown> | undefined): MetaFields {
  const meta: MetaFields = {};
  const title = typeof info?.Title === 'string' ? info.Title.replace(/\s+/g, ' ').trim() : '';
  if (title.length >= 3 && !PLACEHOLDER_TITLE.test(title)) meta.title = title;
  const author = typeof info?.Author === 'string' ? info.Author.trim() : '';
  if (author) meta.authors = author.split(/\s*;\s*/).filter(Boolean);
  return meta;
}

export async function loadPdf(bytes: Uint8Array, limits: Pick<IngestLimits, 'maxDecompressedBytes'>): Promise<LoadedDocument> {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (!head.includes('%PDF-')) throw new LoadFailure('not a PDF (the file does not start with %PDF-)');
  await checkPdfStreams(bytes, limits.maxDecompressedBytes);
  // pdf.js may take ownership of (detach) the buffer it is given: hand it a copy
  const parser = new PDFParse({ data: bytes.slice() });
  let pages: { text: string; num: number }[];
  let info: Record<string, unknown> | undefined;
  try {
    pages = (await parser.getText()).pages.filter((p) => p.text.trim().length > 0);
    info = (await parser.getInfo()).info as Record<string, unknown> | undefined;
  } catch (err) {
    throw new LoadFailure(describe(err));
  } finally {
    await parser.destroy().catch(() => undefined);
  }
  if (!pages.length) throw new LoadFailure('the PDF has no text layer (scanned pages?); run OCR on it first');
  return {
    pages: pages.map((p) => p.text),
    pageNumbers: pages.map((p) => p.num),
    paged: true,
    headings: [],
    meta: infoMeta(info),
    warnings: [],
  };
}
