// One loader per format; each turns the file's bytes into raw text pages plus what the format says about
// structure (headings) and the document (title, authors…). Cleaning, sections and chunking come after.
import type { IngestLimits } from './ingest-limits.js';
import type { MetaFields } from './load-metadata.js';

export interface LoadedDocument {
  /** raw text per page; one entry when the format has no pages */
  pages: string[];
  /** true when `pages` are real pages (PDF, form-feed separated text): page numbers are then kept */
  paged: boolean;
  /** page number of each entry of `pages` (1-based; PDF pages without text are absent) */
  pageNumbers?: number[];
  /** heading texts the format marks as such (Markdown #, HTML h1–h6, Word heading styles) */
  headings: string[];
  /** lines the format marks as preformatted (HTML <pre>, Markdown code blocks): never joined with their neighbours */
  preformatted?: string[];
  /** what the file itself says: front matter, HTML <title>/<meta>, PDF info */
  meta: MetaFields;
  /** things a person should know, e.g. the encoding that was assumed */
  warnings: string[];
}

/** A loader's "this file cannot be ingested", with the reason in words; prepareDocument adds the file name. */
export class LoadFailure extends Error {
  override name = 'LoadFailure';
}

/** Runs inside the loader process (load-in-subprocess.ts); `limits` are the ingest's per-file limits. */
export type Loader = (bytes: Uint8Array, limits: IngestLimits) => Promise<LoadedDocument> | LoadedDocument;

/** Loaders are imported on first use: pdf.js and mammoth are large and most corpora need only some formats. */
export async function loaderFor(ext: string): Promise<Loader> {
  switch (ext) {
    case 'txt':
      return (await import('./load-text.js')).loadText;
    case 'md':
    case 'markdown':
      return (await import('./load-markdown.js')).loadMarkdown;
    case 'html':
    case 'htm':
      return (await import('./load-html.js')).loadHtml;
    case 'pdf':
      return (await import('./load-pdf.js')).loadPdf;
    case 'docx':
      return (await import('./load-docx.js')).loadDocx;
    default:
      throw new LoadFailure(`unsupported file type ".${ext}"`);
  }
}
