// SourceDoc → Chunk[]: whole sentences packed into chunks that fit the embedding model, never crossing a section
// boundary, each an exact slice of the cleaned text (doc.text.slice(start, end) === text), so the UI can
// highlight it and citations can point into it.
//
// Sizes, in word-pieces of the embedding model (all-MiniLM-L6-v2 was trained on ≤ 256):
//  - maxTokens 256: the hard limit; the model truncates beyond it, and text past the window would be invisible to
//    dense retrieval.
//  - targetTokens 200: leaves room for the document title that the dense index prepends to each chunk, and is
//    about two paragraphs of prose — enough context for a passage to stand on its own as a citation, small enough
//    that one chunk is about one thing. A section is cut into equal parts of at most this size rather than
//    greedily, so no chunk is a leftover scrap.
//  - overlapSentences 1: when a cut falls inside a paragraph, the next chunk repeats the last sentence, so a fact
//    stated across the cut is whole in one of them; cuts at paragraph or section boundaries get no overlap.
// A heading opens the chunk that follows it (Chunk.section names it); it is never a chunk on its own.
import type { Chunk, SourceDoc, TokenCounter } from '../domain.js';
import { splitSentences } from '../text/sentences.js';

export interface ChunkingOptions {
  /** bump when chunk output changes (cleaning, sectioning or chunking): every file is then re-chunked */
  version: number;
  targetTokens: number;
  maxTokens: number;
  overlapSentences: number;
}

/** Recorded in the index manifest: changing any value re-chunks every file. */
export const CHUNKING = { version: 4, targetTokens: 200, maxTokens: 256, overlapSentences: 1 } as const satisfies ChunkingOptions;

interface Unit {
  start: number;
  end: number;
  tokens: number;
  /** first sentence of a paragraph (or of a line) */
  paraStart: boolean;
  /** the section's heading line */
  heading: boolean;
  /** a short line of its own that is not a sentence (a date, a byline, a label): it belongs with what follows */
  label: boolean;
  /** a piece of a word too long for the window, cut between characters */
  cutInWord?: boolean;
}

interface Region {
  start: number;
  end: number;
  section: string | null;
  isReferences: boolean;
}

const SEPARATORS: RegExp[] = [/(?<=[;:])\s+/g, /(?<=,)\s+|\s+(?=[–—(])/g, /\s+/g];

/**
 * A sentence longer than the window, cut at clause boundaries, else between words, else between characters,
 * keeping exact offsets (LangChain's RecursiveCharacterTextSplitter does the same cuts but returns strings only,
 * and asynchronously).
 */
export function splitLongSpan(
  text: string,
  start: number,
  end: number,
  countTokens: TokenCounter,
  maxTokens: number,
  level = 0,
): { start: number; end: number; tokens: number; cutInWord?: boolean }[] {
  const tokens = countTokens(text.slice(start, end));
  if (tokens <= maxTokens) return [{ start, end, tokens }];
  if (level >= SEPARATORS.length) {
    // one "word" longer than the window (a URL, a base64 blob): cut by characters
    let lo = 1;
    let hi = end - start;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (countTokens(text.slice(start, start + mid)) <= maxTokens) lo = mid;
      else hi = mid - 1;
    }
    const head = { start, end: start + lo, tokens: countTokens(text.slice(start, start + lo)), cutInWord: true };
    return [head, ...splitLongSpan(text, start + lo, end, countTokens, maxTokens, level).map((p) => ({ ...p, cutInWord: true }))];
  }
  const piece = text.slice(start, end);
  const parts: { start: number; end: number }[] = [];
  let at = 0;
  for (const m of piece.matchAll(SEPARATORS[level])) {
    if (m.index > at) parts.push({ start: start + at, end: start + m.index });
    at = m.index + m[0].length;
  }
  if (at < piece.length) parts.push({ start: start + at, end });
  if (parts.length <= 1) return splitLongSpan(text, start, end, countTokens, maxTokens, level + 1);
  // pack consecutive parts; a part that alone is too long goes one level finer
  const out: { start: number; end: number; tokens: number; cutInWord?: boolean }[] = [];
  let cur: { start: number; end: number } | null = null;
  const flush = () => {
    if (cur) out.push(...splitLongSpan(text, cur.start, cur.end, countTokens, maxTokens, level + 1));
    cur = null;
  };
  for (const p of parts) {
    if (cur && countTokens(text.slice(cur.start, p.end)) <= maxTokens) cur.end = p.end;
    else {
      flush();
      cur = { ...p };
    }
  }
  flush();
  return out;
}

function regionsOf(doc: SourceDoc): Region[] {
  const regions: Region[] = [];
  const sections = [...doc.sections].sort((a, b) => a.start - b.start);
  if (!sections.length || sections[0].start > 0) {
    regions.push({ start: 0, end: sections[0]?.start ?? doc.text.length, section: null, isReferences: false });
  }
  for (const s of sections) regions.push({ start: s.start, end: s.end, section: s.heading, isReferences: s.isReferences });
  return regions.filter((r) => r.end > r.start);
}

function unitsOf(doc: SourceDoc, region: Region, countTokens: TokenCounter, maxTokens: number): Unit[] {
  const text = doc.text;
  const units: Unit[] = [];
  // a section starts with its heading, a line of its own
  const lineEnd = text.indexOf('\n', region.start);
  const headingEnd = region.section ? (lineEnd === -1 || lineEnd > region.end ? region.end : lineEnd) : -1;
  for (const s of splitSentences(text.slice(region.start, region.end))) {
    const start = region.start + s.start;
    const end = region.start + s.end;
    const paraStart = start === 0 || text[start - 1] === '\n';
    const heading = end <= headingEnd;
    const pieces = splitLongSpan(text, start, end, countTokens, maxTokens);
    const wholeLine = paraStart && (end === text.length || text[end] === '\n');
    const label = wholeLine && pieces.length === 1 && pieces[0].tokens <= LABEL_TOKENS && !/[.!?]["'”’)\]]*$/u.test(s.text);
    pieces.forEach((p, i) => units.push({ ...p, paraStart: paraStart && i === 0, heading, label }));
  }
  return units;
}

function pageAt(doc: SourceDoc, offset: number): number | null {
  for (const p of doc.pages) if (offset >= p.start && offset < p.end) return p.page;
  const last = doc.pages[doc.pages.length - 1];
  return last && offset >= last.end ? last.page : null;
}

/** Cost of cutting inside a paragraph, relative to a chunk 100% off its goal size (which costs 1). */
const MID_PARAGRAPH_COST = 0.15;
/** Cost of a chunk at maxTokens, on top of its distance from the goal (0 at or below targetTokens). */
const OVER_TARGET_COST = 0.5;
/** Ending a chunk on a heading is allowed only when nothing else fits (a huge sentence right after it). */
const HEADING_END_COST = 100;
/** Ending a chunk on a short label line ("4 December 2024", "Dr. Emil Avdaliani") is avoided when it can be. */
const LABEL_END_COST = 0.5;
const LABEL_TOKENS = 12;

/**
 * Packs one region's units into chunks of whole units. Dynamic programming over cut points: the chunks are as
 * close as possible to equal sizes (the section's total split into the fewest parts of at most targetTokens), cut
 * preferably where a paragraph starts, never right after a heading, never above maxTokens (with the overlap).
 */
function pack(units: Unit[], options: ChunkingOptions): Unit[][] {
  const m = units.length;
  const total = units.reduce((n, u) => n + u.tokens, 0);
  if (!m) return [];
  if (total <= options.maxTokens) return [units];
  const goal = total / Math.ceil(total / options.targetTokens);
  const prefix = [0];
  for (const u of units) prefix.push(prefix[prefix.length - 1] + u.tokens);

  // the sentences a chunk starting at unit i repeats from before the cut (only when the cut is inside a paragraph)
  const overlapStart = (i: number): number => {
    if (i === 0 || units[i].paraStart || options.overlapSentences <= 0) return i;
    let k = i;
    while (k > 0 && i - k < options.overlapSentences && !units[k - 1].heading && prefix[i] - prefix[k - 1] <= goal / 2) k--;
    return k;
  };

  const best = new Array<number>(m + 1).fill(Infinity);
  const from = new Array<number>(m + 1).fill(-1);
  best[0] = 0;
  for (let j = 1; j <= m; j++) {
    // a chunk should not end on a heading: the heading opens the chunk that follows it
    const endsOnHeading = j < m ? (units[j - 1].heading ? HEADING_END_COST : units[j - 1].label ? LABEL_END_COST : 0) : 0;
    for (let i = j - 1; i >= 0; i--) {
      if (best[i] === Infinity) continue;
      // the overlap is dropped when it would not fit
      let size = prefix[j] - prefix[overlapStart(i)];
      if (size > options.maxTokens) size = prefix[j] - prefix[i];
      if (size > options.maxTokens && j - i > 1) break; // longer chunks only get bigger
      // above the target the title that the dense index prepends would push the tail out of the model's window
      const over = Math.max(0, size - options.targetTokens) / Math.max(1, options.maxTokens - options.targetTokens);
      const cost =
        best[i] + endsOnHeading + ((size - goal) / goal) ** 2 + OVER_TARGET_COST * over ** 2 + (i > 0 && !units[i].paraStart ? MID_PARAGRAPH_COST : 0);
      if (cost < best[j]) {
        best[j] = cost;
        from[j] = i;
      }
    }
  }
  const cuts: number[] = [];
  for (let j = m; j > 0; j = from[j]) cuts.unshift(from[j]);
  return cuts.map((i, n) => {
    const j = cuts[n + 1] ?? m;
    const o = prefix[j] - prefix[overlapStart(i)] > options.maxTokens ? i : overlapStart(i);
    return units.slice(o, j);
  });
}

/** A section smaller than this (a title block, a one-line section) joins the chunk that follows it. */
const MIN_SECTION_TOKENS = 32;

export function chunkDocument(doc: SourceDoc, countTokens: TokenCounter, options: Partial<ChunkingOptions> = CHUNKING): Chunk[] {
  const opts: ChunkingOptions = { ...CHUNKING, ...options };
  const chunks: Chunk[] = [];
  const emit = (group: Unit[], region: Region): void => {
    const start = group[0].start;
    const end = group[group.length - 1].end;
    const text = doc.text.slice(start, end);
    // units are cut at whitespace, where a BERT tokenizer's counts add up; recount only near the limit (or for a
    // word cut by characters), as the tokenizer is the slowest part of chunking
    const sum = group.reduce((n, u) => n + u.tokens, 0);
    const tokens = sum >= 0.9 * opts.maxTokens || group.some((u) => u.cutInWord) ? countTokens(text) : sum;
    if (tokens > opts.maxTokens && group.length > 1) {
      const half = Math.ceil(group.length / 2);
      emit(group.slice(0, half), region);
      emit(group.slice(half), region);
      return;
    }
    chunks.push({
      chunkId: `${doc.docId}#${chunks.length}`,
      docId: doc.docId,
      text,
      start,
      end,
      page: pageAt(doc, start),
      section: region.section,
      isReferences: region.isReferences,
      tokens,
    });
  };
  const regions = regionsOf(doc);
  let carried: { units: Unit[]; region: Region; headingOnly: boolean } | null = null;
  regions.forEach((region, r) => {
    const units = [...(carried?.units ?? []), ...unitsOf(doc, region, countTokens, opts.maxTokens)];
    // a chunk is labelled with the section it starts in, unless that section is only a heading ("Part II") or most
    // of the chunk is the next section's text (below)
    const label: Region = carried && !carried.headingOnly && carried.region.section ? { ...region, section: carried.region.section } : region;
    carried = null;
    const next = regions[r + 1];
    const tokens = units.reduce((n, u) => n + u.tokens, 0);
    // a heading with no text under it, or a tiny section, opens the next chunk instead of being one; never across
    // the boundary between body text and references
    const tiny = tokens < MIN_SECTION_TOKENS && !!next && next.isReferences === region.isReferences;
    const headingOnly = units.every((u) => u.heading);
    if (units.length && (tiny || headingOnly)) {
      carried = { units: units.map((u) => ({ ...u, heading: true })), region: label, headingOnly };
      return;
    }
    // the first chunk is labelled with the section most of its text sits under: a carried one-line section
    // ("1.1. Version") does not name a chunk that is mostly the next section's text
    const majority = (group: Unit[]): Region => {
      if (label === region) return label;
      const carriedTokens = group.filter((u) => u.start < region.start).reduce((n, u) => n + u.tokens, 0);
      const own = group.reduce((n, u) => n + u.tokens, 0) - carriedTokens;
      return carriedTokens > own ? label : region;
    };
    pack(units, opts).forEach((group, g) => emit(group, g === 0 ? majority(group) : region));
  });
  const rest = carried as { units: Unit[]; region: Region; headingOnly: boolean } | null;
  if (rest) {
    const last = chunks[chunks.length - 1];
    const end = rest.units[rest.units.length - 1].end;
    if (last && last.isReferences === rest.region.isReferences && countTokens(doc.text.slice(last.start, end)) <= opts.maxTokens) {
      // trailing headings with nothing after them stay with the text before
      last.end = end;
      last.text = doc.text.slice(last.start, end);
      last.tokens = countTokens(last.text);
    } else emit(rest.units, rest.region);
  }
  return chunks;
}
