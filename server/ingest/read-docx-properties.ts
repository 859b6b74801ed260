// A .docx's document properties (docProps/core.xml: title, creator, created) as metadata, the way front matter is
// read for Markdown: what the file says about itself, below what the researcher wrote (sources.json, sidecar).
// Word fills these in on its own, so values that name a template, a placeholder or an account rather than the work
// are left out, never shown as an author or title.
import JSZip from 'jszip';
import type { MetaFields } from './load-metadata.js';
import { isRealTitle, normalizeDate } from './load-metadata.js';

/** creators that are an account or a program, not a person or organisation */
const NOT_AN_AUTHOR = /^(user|admin|administrator|owner|windows user|microsoft office user|unknown|author|python-docx|default|guest|[a-z]?\d*)$/i;

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
  const authors = (tag(xml, 'dc:creator') ?? '').split(/\s*;\s*/).filter((a) => a && !NOT_AN_AUTHOR.test(a));
  if (authors.length) meta.authors = authors;
  const date = normalizeDate(tag(xml, 'dcterms:created'));
  if (date && /^\d{4}/.test(date)) meta.date = date;
  return meta;
}
