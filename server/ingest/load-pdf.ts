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
import { isRealAuthor, isRealTitle, type MetaFields } from './load-metadata.js';


function describe(err: unknown): string {
  const e = err as Error;
  if (e?.name === 'PasswordException') return 'the PDF is password-protected';
  return `the PDF is damaged (${(e?.message ?? String(err)).replace(/\s+/g, ' ').trim().replace(/\.$/, '').slice(0, 160)})`;
}

function infoMeta(info: Record<string, unknown> | undefined): MetaFields {
  const meta: MetaFields = {};
  const title = typeof info?.Title === 'string' ? info.Title.replace(/\s+/g, ' ').trim() : '';
  if (isRealTitle(title)) meta.title = title;
  const author = typeof info?.Author === 'string' ? info.Author.trim() : '';
  const authors = author.split(/\s*;\s*/).filter(isRealAuthor);
  if (authors.length) meta.authors = authors;
  return meta;
}

/** XMP metadata's dc:title (pdf.js Metadata object), when the Info dictionary has none. */
function xmpTitle(metadata: unknown): string | undefined {
  const get = (metadata as { get?: (name: string) => unknown } | null | undefined)?.get;
  const t = typeof get === 'function' ? get.call(metadata, 'dc:title') : undefined;
  return typeof t === 'string' ? t.replace(/\s+/g, ' ').trim() : undefined;
}

/** A man page's running header, its name and section at both ends ("TAR(1) GNU TAR Manual TAR(1)", groff -man). */
const MAN_HEADER = /^(\S+\(\w+\)) .* \1$/;

/**
 * The title as page 1 shows it, read before page furniture is removed: on many PDFs the title is also the running
 * header of every page, so cleaning strips it and the first paragraph left (an affiliation, an author) would be
 * taken for the title. The first of page 1's top lines that reads like a title: a few words, no sentence
 * punctuation at the end, not a date, address or page number, not a man page's header (its NAME line follows).
 */
export function firstPageTitle(page: string): string | undefined {
  const lines = page.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean).slice(0, 6);
  return lines.find((l) => {
    const words = l.match(/\p{L}{2,}/gu) ?? [];
    return (
      words.length >= 2 && words.length <= 30 && l.length <= 200 && !/[.,;:]$/.test(l) && !/https?:|www\.|@/.test(l) && !MAN_HEADER.test(l) &&
      !/^(?:page\s+)?\d+(?:\s*(?:of|\/)\s*\d+)?$/i.test(l) && !/^\d{1,4}[-/. ]\d{1,2}[-/. ]\d{1,4}$/.test(l)
    );
  });
}

export async function loadPdf(bytes: Uint8Array, limits: Pick<IngestLimits, 'maxDecompressedBytes'>): Promise<LoadedDocument> {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (!head.includes('%PDF-')) throw new LoadFailure('not a PDF (the file does not start with %PDF-)');
  await checkPdfStreams(bytes, limits.maxDecompressedBytes);
  // pdf.js may take ownership of (detach) the buffer it is given: hand it a copy
  const parser = new PDFParse({ data: bytes.slice() });
  let pages: { text: string; num: number }[];
  let info: Record<string, unknown> | undefined;
  let xmp: string | undefined;
  try {
    pages = (await parser.getText()).pages.filter((p) => p.text.trim().length > 0);
    const result = await parser.getInfo();
    info = result.info as Record<string, unknown> | undefined;
    xmp = xmpTitle(result.metadata);
  } catch (err) {
    throw new LoadFailure(describe(err));
  } finally {
    await parser.destroy().catch(() => undefined);
  }
  if (!pages.length) throw new LoadFailure('the PDF has no text layer (scanned pages?); run OCR on it first');
  // the title: the PDF's metadata (Info dictionary, then XMP), else page 1 as printed
  const meta = infoMeta(info);
  if (!meta.title) {
    const title = [xmp, firstPageTitle(pages[0].text)].find(isRealTitle);
    if (title) meta.title = title;
  }
  return {
    pages: pages.map((p) => p.text),
    pageNumbers: pages.map((p) => p.num),
    paged: true,
    headings: [],
    meta,
    warnings: [],
  };
}
