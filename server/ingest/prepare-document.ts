// One corpus file → cleaned SourceDoc + its chunks: load (per format) → clean → sections → metadata → chunk.
// Metadata written for the file wins over what the file says about itself, which wins over what its text shows
// (a title-like first line, a date in the title block).
// Every way a file can fail becomes an IngestError naming the file and the reason in words, so the caller can
// warn once, skip the file and go on with the rest of the corpus.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Chunk, DiscoveredFile, SourceDoc, TokenCounter } from '../domain.js';
import { chunkDocument } from './chunk.js';
import { cleanDocument, type CleaningStats } from './clean.js';
import { dateFromText } from './date-from-text.js';
import { formatBytes } from './format-bytes.js';
import { DEFAULT_INGEST_LIMITS, type IngestLimits } from './ingest-limits.js';
import { LoadFailure, type LoadedDocument } from './load-document.js';
import { loadInSubprocess } from './load-in-subprocess.js';
import { mergeMeta } from './load-metadata.js';
import { detectSections } from './sections.js';

/** A file that cannot be ingested; `message` says which file and why, in words. */
export class IngestError extends Error {
  override name = 'IngestError';
  constructor(
    readonly relPath: string,
    readonly reason: string,
  ) {
    super(`${relPath}: ${reason}`);
  }
}

export interface PreparedDocument {
  doc: SourceDoc;
  chunks: Chunk[];
  /** the file was ingested, but a person may want to know (e.g. the encoding that was assumed) */
  warnings: string[];
  cleaning: CleaningStats;
}

const DATE_LINE = /^(?:\d{1,2}\s+\p{L}+\.?,?\s+\d{4}|\p{L}+\.?\s+\d{1,2},?\s+\d{4}|\d{4}(?:-\d{2}){0,2})$/u;

// words a title case leaves in lower case
const MINOR_WORD = /^(?:a|an|the|and|or|nor|but|of|in|on|at|to|for|from|by|with|as|via|vs)$/u;

/**
 * The first line of the text that reads like a title: a short line of words, not a date, not a sentence (also not
 * one in brackets, "(NB: Triggers are intended for … operation.)"), without a web address, of three words or more,
 * or of two in title case ("Apache License", not "Research paper").
 */
/** "GZIP(1) General Commands Manual GZIP(1)", "TAR(1) GNU TAR Manual TAR(1)" */
const MAN_HEADER = /^([\w.-]+)\((\d\w*)\)\s+.*\s\1\(\2\)$/;

export function titleFromText(text: string): string | null {
  const paragraphs = text.split(/\n{2,}/).slice(0, 12).map((p) => p.trim());
  // a manual page opens with its running header ("GZIP(1) General Commands Manual GZIP(1)"); its NAME line ("gzip,
  // gunzip, zcat - compress or expand files") is what a reader calls it
  const name = paragraphs.findIndex((p) => /^NAME$/.test(p));
  if (MAN_HEADER.test(paragraphs[0] ?? '') && name > 0 && paragraphs[name + 1]) return paragraphs[name + 1].replace(/\s+/g, ' ');
  const titleCased = (p: string) => (p.match(/\p{L}[\p{L}'’-]*/gu) ?? []).every((w) => MINOR_WORD.test(w) || /^\p{Lu}/u.test(w));
  const looksLikeTitle = (p: string, minWords: number) => {
    if (!p || p.includes('\n') || p.length > 200 || DATE_LINE.test(p) || /https?:\/\/|www\./iu.test(p)) return false;
    const words = p.match(/\p{L}{2,}/gu) ?? [];
    return (
      words.length >= minWords && words.length <= 30 && !/[.,;:]["'”’)\]]*$/u.test(p) && !/^(?:[-*•]|\d+[.)])\s/.test(p) && !/^[([]/.test(p)
    );
  };
  return paragraphs.find((p) => looksLikeTitle(p, 3) || (looksLikeTitle(p, 2) && titleCased(p))) ?? paragraphs.find((p) => looksLikeTitle(p, 1)) ?? null;
}

export function titleFromFileName(relPath: string): string {
  const base = path.posix.basename(relPath).replace(/\.[^.]+$/, '');
  return base.replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim() || base;
}

async function load(file: DiscoveredFile, limits: IngestLimits): Promise<LoadedDocument> {
  let bytes: Uint8Array;
  try {
    // a file bigger than anything a loader may inflate to is not read at all
    const { size } = await stat(file.path);
    if (size > limits.maxDecompressedBytes) {
      throw new IngestError(file.relPath, `the file is ${formatBytes(size)}, over the ${formatBytes(limits.maxDecompressedBytes)} limit (MAX_DECOMPRESSED_BYTES)`);
    }
    bytes = await readFile(file.path);
  } catch (err) {
    if (err instanceof IngestError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new IngestError(file.relPath, `could not be read (${code === 'EACCES' ? 'permission denied' : (code ?? (err as Error).message)})`);
  }
  if (bytes.length === 0) throw new IngestError(file.relPath, 'the file is empty');
  try {
    return await loadInSubprocess(file.ext, bytes, limits);
  } catch (err) {
    if (err instanceof LoadFailure) throw new IngestError(file.relPath, err.message);
    throw new IngestError(file.relPath, `could not be read (${(err as Error).message ?? String(err)})`);
  }
}

export interface PrepareOptions {
  /** per-file limits (default: the documented defaults of MAX_DECOMPRESSED_BYTES, MAX_TEXT_BYTES, LOADER_*) */
  limits?: IngestLimits;
}

export async function prepareDocument(
  file: DiscoveredFile,
  countTokens: TokenCounter,
  options: PrepareOptions = {},
): Promise<PreparedDocument> {
  const loaded = await load(file, options.limits ?? DEFAULT_INGEST_LIMITS);
  if (!loaded.pages.some((p) => p.trim())) throw new IngestError(file.relPath, 'the file has no text (only whitespace)');
  try {
    return build(file, loaded, countTokens);
  } catch (err) {
    if (err instanceof IngestError) throw err;
    // a bug in cleaning or chunking must not stop the rest of the corpus either
    throw new IngestError(file.relPath, `could not be processed (${(err as Error).message ?? String(err)})`);
  }
}

function build(file: DiscoveredFile, loaded: LoadedDocument, countTokens: TokenCounter): PreparedDocument {
  const cleaned = cleanDocument(loaded.pages, {
    paged: loaded.paged,
    pageNumbers: loaded.pageNumbers,
    headings: loaded.headings,
    preformatted: loaded.preformatted,
  });
  if (!cleaned.text.trim()) {
    throw new IngestError(file.relPath, 'no readable text left after cleaning (only extraction noise or page furniture)');
  }
  // metadata written for the file (sidecar, sources.json) wins over what the file says about itself
  const meta = mergeMeta(file.meta, loaded.meta);
  const doc: SourceDoc = {
    docId: file.docId,
    title: meta.title ?? titleFromText(cleaned.text) ?? titleFromFileName(file.relPath),
    authors: meta.authors ?? [],
    publisher: meta.publisher ?? null,
    url: meta.url ?? null,
    date: meta.date ?? dateFromText(cleaned.text),
    kind: meta.kind ?? null,
    note: meta.note ?? null,
    relPath: file.relPath,
    format: file.ext,
    hash: file.hash,
    text: cleaned.text,
    pages: cleaned.pages,
    sections: detectSections(cleaned.text, loaded.headings),
  };
  return { doc, chunks: chunkDocument(doc, countTokens), warnings: loaded.warnings, cleaning: cleaned.stats };
}
