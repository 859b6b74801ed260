// A .docx's document properties (docProps/core.xml: title, creator, created) as metadata, the way front matter is
// read for Markdown: what the file says about itself, below what the researcher wrote (sources.json, sidecar).
// Word fills these in on its own, so values that name a template, a placeholder or an account rather than the work
// are left out, never shown as an author, title or date.
import JSZip from 'jszip';
import type { MetaFields } from './load-metadata.js';
import { isRealAuthor, isRealTitle, normalizeDate } from './load-metadata.js';


function tag(xml: string, name: string): string | undefined {
  const m = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`).exec(xml);
  if (!m) return undefined;
  const text = m[1]
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return text || undefined;
}

/** Title, authors and date from the package's core properties; {} when there are none (or they are unreadable). */
export async function readDocxProperties(bytes: Uint8Array): Promise<MetaFields> {
  let xml: string | undefined;
  try {
    xml = await (await JSZip.loadAsync(bytes)).file('docProps/core.xml')?.async('string');
  } catch {
    return {};
  }
  if (!xml) return {};
  const meta: MetaFields = {};
  const title = tag(xml, 'dc:title');
  if (isRealTitle(title)) meta.title = title;
  const authors = (tag(xml, 'dc:creator') ?? '').split(/\s*;\s*/).filter(isRealAuthor);
  if (authors.length) meta.authors = authors;
  const date = normalizeDate(tag(xml, 'dcterms:created'));
  if (date && /^\d{4}/.test(date) && !isTemplateStamp(xml)) meta.date = date;
  return meta;
}

/**
 * python-docx copies its template's core properties into every file it writes, and a script that does not set
 * `created` leaves the template's: each such file says it was created on 2013-12-23, years before its text. That
 * date is the template's, not the document's (a script that sets it, as the fixtures do, keeps its own).
 */
const isTemplateStamp = (xml: string) => tag(xml, 'dcterms:created') === PYTHON_DOCX_TEMPLATE_CREATED;

const PYTHON_DOCX_TEMPLATE_CREATED = '2013-12-23T23:15:00Z';
