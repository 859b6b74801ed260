// What a researcher writes about a document (sources.json entry, <file>.meta.json sidecar, Markdown front matter)
// → Partial<DocMeta>. Lenient on shape (a single author as a string, `author_note` for `note`, YAML dates), strict
// on meaning: a field that is absent, empty or null stays absent, so the caller's fallback applies; nothing is guessed.
import type { DocMeta } from '../domain.js';

export type MetaFields = Partial<Omit<DocMeta, 'docId'>>;

const TEXT_FIELDS = ['title', 'publisher', 'url', 'kind', 'note'] as const;

function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return undefined;
  const t = value.replace(/\s+/g, ' ').trim();
  return t || undefined;
}

/**
 * Titles an authoring tool fills in by itself (a placeholder, a file name), not the work's: never shown as a title.
 * reportlab writes "(anonymous)" and "untitled" when the script sets no title.
 */
const PLACEHOLDER_TITLE = /^(\(?untitled\)?|\(?anonymous\)?|title|document\d*|microsoft (word|powerpoint) - .*|.*\.(docx?|dotx?|pdf|tex|indd|rtf|odt))$/i;

/** A title from a file's own properties (PDF Info/XMP, DOCX core properties) worth showing. */
export const isRealTitle = (title: string | undefined): title is string => !!title && title.length >= 3 && !PLACEHOLDER_TITLE.test(title);

/** Creators that are an account, a program or a placeholder, not a person or organisation (reportlab: "(anonymous)"). */
const NOT_AN_AUTHOR = /^(user|admin|administrator|owner|windows user|microsoft office user|\(?unknown\)?|\(?anonymous\)?|author|python-docx|reportlab|default|guest|[a-z]?\d*)$/i;

/** An author from a file's own properties (PDF Info, DOCX core properties) worth showing. */
export const isRealAuthor = (author: string): boolean => !!author.trim() && !NOT_AN_AUTHOR.test(author.trim());

/** ISO date (YYYY, YYYY-MM, YYYY-MM-DD) when the value is one or starts with one; other text is kept as written. */
export function normalizeDate(value: unknown): string | undefined {
  // YAML parses `date: 2020-04-15` into a Date at UTC midnight
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (typeof value === 'number' && Number.isInteger(value) && value > 999 && value < 10000) return String(value);
  const t = text(value);
  if (!t) return undefined;
  const iso = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?=$|[T\s])/.exec(t);
  if (iso) return iso[0];
  return t;
}

function authors(value: unknown): string[] | undefined {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/\s*;\s*/) : [];
  const out = list.map((a) => text(a)).filter((a): a is string => !!a);
  return out.length ? out : undefined;
}

/** An absolute http(s) URL. */
export function isWebAddress(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && /^https?:\/\//i.test(value);
  } catch {
    return false;
  }
}

/** Normalises one metadata object; unknown keys are ignored. */
export function normalizeMeta(raw: unknown): MetaFields {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const r = raw as Record<string, unknown>;
  const out: MetaFields = {};
  for (const key of TEXT_FIELDS) {
    const v = text(r[key]);
    if (v) out[key] = v;
  }
  // A link every client renders: only a web address (a `javascript:` or `data:` URL in front matter would run or
  // load something in the reader's browser). Anything else is dropped, as if unknown.
  if (out.url && !isWebAddress(out.url)) delete out.url;
  // sources.json uses author_note; also accept the singular `author` that front matter often has
  out.note ??= text(r.author_note);
  if (!out.note) delete out.note;
  const a = authors(r.authors ?? r.author);
  if (a) out.authors = a;
  const d = normalizeDate(r.date);
  if (d) out.date = d;
  return out;
}

/** Field-wise merge: the first source that has a field wins. */
export function mergeMeta(...sources: (MetaFields | undefined)[]): MetaFields {
  const out: MetaFields = {};
  for (const s of sources) {
    if (!s) continue;
    for (const [k, v] of Object.entries(s) as [keyof MetaFields, MetaFields[keyof MetaFields]][]) {
      if (v !== undefined && out[k] === undefined) (out as Record<string, unknown>)[k] = v;
    }
  }
  return out;
}
