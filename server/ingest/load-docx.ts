// Word .docx → HTML with mammoth → the HTML loader's text. mammoth directly rather than LangChain's DocxLoader,
// because DocxLoader uses mammoth's extractRawText, which drops the heading styles that give a document its
// sections; convertToHtml keeps them as h1–h6.
import { load } from 'cheerio';
import mammoth from 'mammoth';
import { checkZipSize } from './check-zip-size.js';
import type { IngestLimits } from './ingest-limits.js';
import type { LoadedDocument } from './load-document.js';
import { LoadFailure } from './load-document.js';
import { htmlToDocument } from './load-html.js';
import { readDocxProperties } from './read-docx-properties.js';

// Word's "Title"/"Subtitle" paragraph styles are not in mammoth's default map; the title becomes the fallback title
const STYLE_MAP = ["p[style-name='Title'] => h1.doc-title:fresh", "p[style-name='Subtitle'] => h2:fresh"];

export async function loadDocx(bytes: Uint8Array, limits: Pick<IngestLimits, 'maxDecompressedBytes'>): Promise<LoadedDocument> {
  if (bytes.length === 0) throw new LoadFailure('the file is empty');
  // a .docx is a ZIP package; anything else (an old binary .doc renamed, plain text) is not one
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) {
    throw new LoadFailure('not a Word .docx file (it is not a ZIP package; an old .doc must be saved as .docx)');
  }
  // JSZip inflates every part whole into memory before mammoth reads it: a bomb must be refused before that.
  await checkZipSize(bytes, limits.maxDecompressedBytes);
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { styleMap: STYLE_MAP })).value;
  } catch (err) {
    throw new LoadFailure(`the .docx is damaged (${(err as Error).message.replace(/\s+/g, ' ').trim().slice(0, 160)})`);
  }
  const $ = load(html);
  const title = $('h1.doc-title').first().text().replace(/\s+/g, ' ').trim();
  const doc = htmlToDocument($);
  // the title: a paragraph in Word's Title style, else the document properties' title, else the first heading
  // (mammoth's HTML has no <title>); authors and date from the document properties
  const props = await readDocxProperties(bytes);
  const meta = { ...doc.meta, ...props, title: title || props.title || doc.meta.title };
  if (!meta.title) delete meta.title;
  return { pages: [doc.text], paged: false, headings: doc.headings, preformatted: doc.preformatted, meta, warnings: [] };
}
