// Markdown → readable plain text: YAML front matter becomes metadata (gray-matter), `#`/setext headings are
// recorded, and inline syntax (emphasis, links, images, code spans) is reduced to the words a reader sees.
// A line-based reduction rather than a full Markdown parser: the output only needs to be readable text with its
// headings, and every construct that survives unrecognised is still readable as written.
import matter from 'gray-matter';
import type { LoadedDocument } from './load-document.js';
import { normalizeMeta } from './load-metadata.js';
import { decodeText } from './load-text.js';

/** Inline Markdown → text (also used for heading text). `defined`: the labels of the file's link reference
 * definitions (lower case), so that a shortcut reference ("built with [gcc] 9.3.0") reads as its word. */
export function stripInlineMarkdown(line: string, defined: ReadonlySet<string> = new Set()): string {
  return line
    // a linked image is a badge ("[![Build Status][travisBadge]][travisLink]"): status furniture, not text
    .replace(/\[!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])\](?:\([^)]*\)|\[[^\]]*\])/g, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1') // image → its alt text
    .replace(/!\[([^\]]*)\]\[[^\]]*\]/g, '$1') // reference image → its alt text
    .replace(/<img\b[^>]*?\balt=["']([^"']*)["'][^>]*>/gi, '$1') // an HTML image ("<img src=… alt="Zstandard">") → its alt text
    .replace(/\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)/g, '$1') // link → its text
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1') // reference link
    .replace(/\[\^[^\]]+\]/g, '') // footnote marker
    .replace(/\[([^\]]+)\](?![(:[])/g, (all, label: string) => (defined.has(label.toLowerCase()) ? label : all)) // shortcut reference
    .replace(/<(https?:\/\/[^>\s]+)>/g, '$1') // autolink
    .replace(/`([^`]+)`/g, '$1')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?!\w)/g, '$1$2')
    .replace(/(^|[^\w])_(?=\S)([^_]+?)(?<=\S)_(?!\w)/g, '$1$2')
    .replace(/~~(?=\S)(.+?)(?<=\S)~~/g, '$1')
    .replace(/<\/?[a-zA-Z][^>]*>/g, '');
}

export interface MarkdownText {
  text: string;
  headings: string[];
  /** lines of code blocks (fenced or indented), as written: cleaning keeps each a line of its own */
  code: string[];
  /** the first heading, when the file starts with it and it is of the first level */
  title?: string;
}

const LIST_ITEM = /^\s*([-*+]|\d+[.)])\s/;

export function markdownToText(source: string): MarkdownText {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const defined = new Set(lines.flatMap((l) => /^ {0,3}\[([^\]^]+)\]:\s*\S+/.exec(l)?.[1].toLowerCase() ?? []));
  const strip = (l: string) => stripInlineMarkdown(l, defined);
  const out: string[] = [];
  const headings: string[] = [];
  const code: string[] = [];
  let title: string | undefined;
  let fence: string | null = null;
  // the previous line was a list item or its continuation, so an indented line continues it
  let inItem = false;
  const heading = (raw: string, level: number) => {
    const h = strip(raw).trim();
    if (!h) return;
    if (level === 1 && !headings.length && !out.some((l) => l.trim())) title = h;
    headings.push(h);
    out.push('', h, '');
  };
  const codeLine = (l: string) => {
    out.push(l);
    if (l.trim()) code.push(l.trim());
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (fenceMatch && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length) {
        fence = null;
        out.push('');
      } else codeLine(line);
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1];
      out.push('');
      inItem = false;
      continue;
    }
    if (!line.trim()) {
      inItem = false;
      out.push('');
      continue;
    }
    // a list item's wrapped line ("* For more information, check the\n  [PyYAML homepage](…).") is part of it
    if (inItem && /^\s+\S/.test(line) && !LIST_ITEM.test(line)) {
      out[out.length - 1] += ` ${strip(line.trim())}`;
      continue;
    }
    // an indented code block ("    >>> yaml.safe_load(stream)") after a blank line or more code
    const prevOut = out[out.length - 1];
    if (/^( {4}|\t)/.test(line) && (prevOut === undefined || !prevOut.trim() || code.includes(prevOut.trim()))) {
      codeLine(line.replace(/^( {4}|\t)/, ''));
      continue;
    }
    const atx = /^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/.exec(line);
    if (atx) {
      heading(atx[2], atx[1].length);
      continue;
    }
    const next = lines[i + 1] ?? '';
    const setext = /^ {0,3}(=+|-+)\s*$/.exec(next);
    if (line.trim() && setext && !/^\s*([-*+]|\d+[.)])\s/.test(line)) {
      heading(line, setext[1][0] === '=' ? 1 : 2);
      i++;
      continue;
    }
    if (/^ {0,3}([-*_])( *\1){2,}\s*$/.test(line)) continue; // horizontal rule
    if (/^\s*\[[^\]]+\]:\s*\S+/.test(line)) continue; // link reference definition
    if (/^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(line) && line.includes('-')) continue; // table rule
    let l = line.replace(/^\s*(>\s?)+/, ''); // blockquote
    l = l.replace(/^(\s*)[*+](\s+)/, '$1-$2'); // bullets read the same whichever marker was used
    if (/^\s*\|.*\|\s*$/.test(l)) l = l.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim()).join(' | ');
    inItem = LIST_ITEM.test(l) || (inItem && !!l.trim());
    const plain = strip(l);
    // a line that was only badges leaves nothing: no empty line in its place inside a paragraph
    if (l.trim() && !plain.trim()) continue;
    out.push(plain);
  }
  return { text: out.join('\n'), headings, code, ...(title ? { title } : {}) };
}

export function loadMarkdown(bytes: Uint8Array): LoadedDocument {
  const { text, warning } = decodeText(bytes);
  const warnings = warning ? [warning] : [];
  let body = text;
  let meta = {};
  try {
    // gray-matter caches by input string; a fresh options object disables that cache
    const parsed = matter(text, {});
    body = parsed.content;
    meta = normalizeMeta(parsed.data);
  } catch (err) {
    warnings.push(`front matter is not valid YAML (${(err as Error).message.split('\n')[0]}); it was read as text`);
  }
  const { text: plain, headings, code, title } = markdownToText(body);
  // the file's first heading is its title unless the front matter names one
  return { pages: [plain], paged: false, headings, preformatted: code, meta: title ? { title, ...meta } : meta, warnings };
}
