// HTML → readable text (cheerio): scripts, styles, navigation, cookie banners, share bars, sidebars and site
// header/footer are dropped; the article (or <main>, or <body>) is walked so that block elements become paragraphs,
// list items become "- " lines, table rows become lines, and h1–h6 are recorded as headings.
// Also used for .docx, which mammoth converts to HTML (headings survive that way).
import { load, loadBuffer, type CheerioAPI } from 'cheerio';
import type { LoadedDocument } from './load-document.js';
import { normalizeDate, type MetaFields } from './load-metadata.js';
import { decodeText } from './load-text.js';

/** The parts of a parsed node this walker reads (domhandler's shape, without depending on that package). */
interface HtmlNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: HtmlNode[];
}

const ALWAYS_DROP =
  'script, style, noscript, template, svg, canvas, iframe, object, embed, nav, aside, form, button, select, input, ' +
  'textarea, dialog, [hidden], [aria-hidden="true"], [role="navigation"], [role="banner"], [role="contentinfo"], ' +
  '[role="complementary"], [role="search"], [role="dialog"], [role="alert"]';

// Class/id words of page chrome, as used by readability-style extractors; matched as whole words of the
// class/id so "shared-data" or "adaptive" do not match.
const CHROME_WORD =
  /(?:^|[\s_-])(nav|navbar|menu|breadcrumbs?|cookies?|consent|gdpr|banner|sidebar|share|sharing|social|comments?|related|recommended|newsletter|subscribe|subscription|advert|advertisement|ads?|sponsor(?:ed)?|promo|popup|modal|overlay|footer|masthead|skip-link|sr-only|visually-hidden|print-only|paywall)(?:$|[\s_-])/i;

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'header', 'hr', 'li', 'main', 'ol', 'p', 'pre', 'section', 'summary', 'table',
  'tbody', 'thead', 'tfoot', 'tr', 'ul', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
]);

/** A permalink anchor beside a heading: Sphinx's "¶", others' "#", "§" or "🔗". It is no part of the heading. */
const PERMALINK = /^[¶§#🔗]$/u;

/** What a footnote marker reads: "1", "[12]", "a", "*", "†". */
const FOOTNOTE_MARK = /^\[?\s*(?:\d{1,3}|\p{Ll}|[*†‡§])\s*\]?$/u;

function removeChrome($: CheerioAPI): void {
  $(ALWAYS_DROP).remove();
  $('a').each((_, el) => {
    if (PERMALINK.test($(el).text().trim()) && ($(el).attr('href') ?? '').startsWith('#')) $(el).remove();
  });
  // a footnote or citation marker ("<sup><a href="#fn1">1</a></sup>", Wikipedia's "[1]") is a link, not text: left
  // in, it glues to the word before ("architecture1"); a superscript that links nowhere (an exponent) stays
  $('sup').each((_, el) => {
    if (FOOTNOTE_MARK.test($(el).text().trim()) && $(el).find('a[href^="#"]').length) $(el).remove();
  });
  // a site header/footer is chrome; the <header> of an article holds its title and byline
  $('header, footer').each((_, el) => {
    if (!$(el).closest('article, main, [role="main"]').length) $(el).remove();
  });
  const total = $('body').text().length || 1;
  $('[class], [id]').each((_, el) => {
    const names = `${$(el).attr('class') ?? ''} ${$(el).attr('id') ?? ''}`;
    if (!CHROME_WORD.test(names)) return;
    // a wrapper that holds the page's title or most of its text is not chrome, whatever its class says
    if ($(el).is('body, html, main, article') || $(el).find('h1').length || $(el).text().length > total / 2) return;
    $(el).remove();
  });
}

function pickRoot($: CheerioAPI): HtmlNode {
  const main = $('main, [role="main"]').first();
  if (main.length) return main[0] as unknown as HtmlNode;
  let best: HtmlNode | null = null;
  let bestLength = 0;
  $('article').each((_, el) => {
    const length = $(el).text().length;
    if (length > bestLength) [best, bestLength] = [el as unknown as HtmlNode, length];
  });
  if (best) return best;
  return ($('body')[0] ?? $.root()[0]) as unknown as HtmlNode;
}

const MARKER_ONLY = /^(?:-|\d+\.)$/;

/** An author's name in the page's byline (DocBook's <h3 class="author">, class="author", rel/itemprop author). */
const isByline = (node: HtmlNode) =>
  /(?:^|\s)author(?:\s|$)/i.test(node.attribs?.class ?? '') || /^author$/i.test(node.attribs?.rel ?? '') || /^author$/i.test(node.attribs?.itemprop ?? '');

/** Names in the byline, when the page's <meta> names no author: at most ten short lines of two to five words. */
function bylineAuthors($: CheerioAPI): string[] {
  const names: string[] = [];
  $('[class], [rel], [itemprop]').each((_, el) => {
    if (!isByline(el as unknown as HtmlNode) || $(el).find('[class], [rel], [itemprop]').filter((__, c) => isByline(c as unknown as HtmlNode)).length) return;
    const name = $(el).text().replace(/\s+/g, ' ').trim().replace(/^by\s+/i, '');
    const words = name.split(' ');
    if (words.length >= 2 && words.length <= 5 && name.length <= 60 && !/[@:/|]/.test(name) && !names.includes(name)) names.push(name);
  });
  return names.length <= 10 ? names : [];
}

/**
 * A definition list's term goes at the head of its definition ("utmp: This group can write to /run/utmp…"): left a
 * paragraph of its own, the definition's sentences ("This group can write…") never said which group they are about.
 */
function joinDefinitionTerms($: CheerioAPI): void {
  $('dt').each((_, el) => {
    const dd = $(el).nextAll('dd').first();
    const term = $(el).text().replace(/\s+/g, ' ').trim();
    if (!dd.length || !term || dd.prevAll('dt').first()[0] !== el) return;
    // a definition that is a list or a table ("Authors:" over a list of names) keeps its term as a line of its own
    if (dd.children().first().is('ul, ol, dl, table, pre')) return;
    const first = dd.children('p, div').first();
    (first.length ? first : dd).prepend($('<span></span>').text(/[:：]$/.test(term) ? `${term} ` : `${term}: `));
    $(el).remove();
  });
}

/** Walks the DOM and writes paragraphs; `headings` collects h1–h6 text, `preformatted` the lines of <pre>. */
function walk(root: HtmlNode): { text: string; headings: string[]; preformatted: string[] } {
  const blocks: string[] = [];
  const headings: string[] = [];
  const preformatted: string[] = [];
  let line = '';
  let lines: string[] = [];
  // `keepMarker`: a list item's first block (Sphinx writes <li><p>…</p></li>) goes on its marker's line
  const flushLine = (keepMarker = false) => {
    const t = line.replace(/[ \t\r\n\f]+/g, ' ').trim();
    if (keepMarker && MARKER_ONLY.test(t)) return;
    if (t && !MARKER_ONLY.test(t)) lines.push(t);
    line = '';
  };
  const flushBlock = () => {
    flushLine();
    if (lines.length) blocks.push(lines.join('\n'));
    lines = [];
  };
  const listDepth: { ordered: boolean; n: number }[] = [];

  const visit = (node: HtmlNode): void => {
    if (node.type === 'text') {
      line += node.data ?? '';
      return;
    }
    if (node.type !== 'tag' && node.type !== 'root') return;
    const name = node.name ?? '';
    if (name === 'br') {
      flushLine();
      return;
    }
    if (/^h[1-6]$/.test(name) && !isByline(node)) {
      flushBlock();
      const before = blocks.length;
      for (const c of node.children ?? []) visit(c);
      flushBlock();
      const h = blocks.slice(before).join(' ').replace(/\s+/g, ' ').trim();
      blocks.length = before;
      if (h) {
        headings.push(h);
        blocks.push(h);
      }
      return;
    }
    if (name === 'pre') {
      flushBlock();
      // preformatted text keeps its line breaks
      const collected: string[] = [];
      const collect = (n: HtmlNode) => {
        if (n.type === 'text') collected.push(n.data ?? '');
        else if (n.name === 'br') collected.push('\n');
        else for (const c of n.children ?? []) collect(c);
      };
      collect(node);
      const text = collected.join('').replace(/\s+$/g, '');
      if (text.trim()) blocks.push(text.replace(/^\n+/, ''));
      for (const l of text.split('\n')) if (l.trim()) preformatted.push(l.trim());
      return;
    }
    if (name === 'ul' || name === 'ol') {
      flushLine();
      listDepth.push({ ordered: name === 'ol', n: 0 });
      for (const c of node.children ?? []) visit(c);
      listDepth.pop();
      flushLine();
      if (!listDepth.length) flushBlock();
      return;
    }
    if (name === 'li') {
      flushLine();
      const list = listDepth[listDepth.length - 1];
      const marker = list?.ordered ? `${++list.n}. ` : '- ';
      line += marker;
      for (const c of node.children ?? []) visit(c);
      flushLine();
      return;
    }
    if (name === 'td' || name === 'th') {
      if (line.trim()) line += ' | ';
      for (const c of node.children ?? []) visit(c);
      return;
    }
    if (name === 'tr') {
      flushLine();
      for (const c of node.children ?? []) visit(c);
      flushLine();
      return;
    }
    const block = BLOCK.has(name);
    if (block && !listDepth.length) flushBlock();
    else if (block) flushLine(true);
    for (const c of node.children ?? []) visit(c);
    if (block && !listDepth.length) flushBlock();
    else if (block) flushLine(true);
  };
  visit(root);
  flushBlock();
  return { text: blocks.join('\n\n'), headings, preformatted };
}

function readMeta($: CheerioAPI): MetaFields {
  const metaContent = (selector: string) => $(selector).first().attr('content')?.trim() || undefined;
  const meta: MetaFields = {};
  const title = metaContent('meta[property="og:title"]') ?? ($('title').first().text().replace(/\s+/g, ' ').trim() || undefined);
  if (title) meta.title = title;
  const author = metaContent('meta[name="author"]') ?? metaContent('meta[name="dc.creator"]') ?? metaContent('meta[name="citation_author"]');
  if (author) meta.authors = author.split(/\s*;\s*/).filter(Boolean);
  const date = normalizeDate(
    metaContent('meta[property="article:published_time"]') ??
      metaContent('meta[name="citation_publication_date"]') ??
      metaContent('meta[name="dc.date"]') ??
      metaContent('meta[name="date"]') ??
      $('time[datetime]').first().attr('datetime'),
  );
  if (date) meta.date = date;
  const publisher = metaContent('meta[property="og:site_name"]') ?? metaContent('meta[name="citation_publisher"]');
  if (publisher) meta.publisher = publisher;
  const url = $('link[rel="canonical"]').first().attr('href')?.trim() || metaContent('meta[property="og:url"]');
  if (url && /^https?:\/\//i.test(url)) meta.url = url;
  return meta;
}

/** Parsed HTML → text, headings and the page's own metadata. */
export function htmlToDocument($: CheerioAPI): { text: string; headings: string[]; preformatted: string[]; meta: MetaFields } {
  const meta = readMeta($);
  if (!meta.authors?.length) {
    const byline = bylineAuthors($);
    if (byline.length) meta.authors = byline;
  }
  removeChrome($);
  joinDefinitionTerms($);
  const h1 = $('h1').first().text().replace(/\s+/g, ' ').trim();
  const { text, headings, preformatted } = walk(pickRoot($));
  // "<h1> | Site name" in <title>: the article's own heading is the title
  if (h1 && (!meta.title || (meta.title !== h1 && meta.title.includes(h1)))) meta.title = h1;
  if (!meta.title && headings.length) meta.title = headings[0];
  return { text, headings, preformatted, meta };
}

export function loadHtml(bytes: Uint8Array): LoadedDocument {
  const { text, warning } = decodeText(bytes);
  // not UTF-8: let cheerio honour the page's own <meta charset> (it falls back to Windows-1252)
  const $ = warning ? loadBuffer(Buffer.from(bytes)) : load(text);
  const doc = htmlToDocument($);
  return {
    pages: [doc.text],
    paged: false,
    headings: doc.headings,
    preformatted: doc.preformatted,
    meta: doc.meta,
    warnings: warning ? ['not valid UTF-8; decoded with the charset the page declares (else Windows-1252)'] : [],
  };
}
