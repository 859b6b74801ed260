// [n] markers in an answer → citations: parse [n], [n, m], [n][m] (and ranges [n-m]); drop markers that point at
// no passage; renumber so the reader sees 1..k in order of first use; attach each citation to the answer
// sentences that carry it and check that its passage supports them.
import type { Citation, Passage } from '../contract.js';
import { splitSentences } from '../text/sentences.js';
import type { SupportResult } from './support-check.js';

export interface MarkerGroup {
  /** offsets of the whole group ("[1, 2]") in the text */
  start: number;
  end: number;
  /** numbers as written, in order */
  numbers: number[];
}

const MARKER_RE = /\[\s*(\d{1,3}(?:\s*(?:[,;]|[-–])\s*\d{1,3})*)\s*\]/g;
const MAX_RANGE = 20;

export function findMarkers(text: string): MarkerGroup[] {
  const out: MarkerGroup[] = [];
  for (const m of text.matchAll(MARKER_RE)) {
    const numbers: number[] = [];
    for (const part of m[1].split(/\s*[,;]\s*/)) {
      const range = /^(\d+)\s*[-–]\s*(\d+)$/.exec(part);
      if (range) {
        const [a, b] = [Number(range[1]), Number(range[2])];
        if (b >= a && b - a <= MAX_RANGE) for (let n = a; n <= b; n++) numbers.push(n);
      } else numbers.push(Number(part));
    }
    out.push({ start: m.index, end: m.index + m[0].length, numbers });
  }
  return out;
}

export interface CitedSentence {
  /** the sentence without its markers */
  text: string;
  /** citation numbers (after renumbering) attached to it */
  citations: number[];
}

export interface Renumbered {
  /** the answer with markers renumbered 1..k and invalid ones removed */
  text: string;
  /** order[n - 1] = 0-based index of the passage that citation n points at */
  order: number[];
  sentences: CitedSentence[];
  /** numbers that pointed at no passage, as written */
  dropped: number[];
}

const stripMarkers = (s: string) =>
  s
    .replace(MARKER_RE, '')
    .replace(/\s+([.,;:!?])(?=\s|$)/g, '$1') // "text [7]." → "text.", not "using .requiredOption()"
    .replace(/\s{2,}/g, ' ')
    .trim();

/**
 * Renumbers the markers of `answer` for `passageCount` passages (markers are 1-based passage numbers).
 * `passageSentences[i]`: the sentences of passage i, so that a quoted line without a final full stop still ends
 * where its marker is (see citedSentences).
 */
export function renumberCitations(answer: string, passageCount: number, passageSentences: readonly (readonly string[])[] = []): Renumbered {
  const newNumber = new Map<number, number>();
  const order: number[] = [];
  const dropped: number[] = [];
  let text = '';
  let last = 0;
  for (const g of findMarkers(answer)) {
    const kept: number[] = [];
    for (const n of g.numbers) {
      if (!Number.isInteger(n) || n < 1 || n > passageCount) {
        dropped.push(n);
        continue;
      }
      if (!newNumber.has(n)) {
        order.push(n - 1);
        newNumber.set(n, order.length);
      }
      kept.push(newNumber.get(n)!);
    }
    const unique = [...new Set(kept)].sort((a, b) => a - b);
    let before = answer.slice(last, g.start);
    // A group that loses every number disappears with the space before it: "text [7]." → "text."
    if (!unique.length) before = before.replace(/[ \t]+$/, '');
    text += before + (unique.length ? `[${unique.join(', ')}]` : '');
    last = g.end;
  }
  text += answer.slice(last);
  return { text, order, sentences: citedSentences(text, (n) => passageSentences[order[n - 1]] ?? []), dropped };
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The markers at the end of `before`'s text quote a whole sentence of a passage they cite. */
function endsQuote(before: string, numbers: number[], quotes: (n: number) => readonly string[]): boolean {
  const said = squash(before.replace(MARKER_RE, ' '));
  if (!said) return false;
  return numbers.some((n) => quotes(n).some((q) => q.length >= 3 && said.endsWith(squash(q))));
}

/**
 * Sentences of an answer with the markers each carries; a marker that opens a sentence ("… end. [1] Next")
 * belongs to the sentence before it. `quotes(n)`: the sentences of the passage [n] points at. A marker right after
 * a whole quoted sentence ends it even when it has no full stop — a heading, a list item, a code line ("Explicit
 * triggers [1] These can be activated… [2]") — so the next quote is not read as part of it (issue 22: such a
 * sentence was checked against both passages and flagged as unsupported).
 */
export function citedSentences(text: string, quotes: (n: number) => readonly string[] = () => []): CitedSentence[] {
  const pieces: string[] = [];
  let from = 0;
  let said = 0;
  for (const g of findMarkers(text)) {
    if (endsQuote(text.slice(said, g.start), g.numbers, quotes)) {
      pieces.push(text.slice(from, g.end));
      from = g.end;
    }
    said = g.end;
  }
  pieces.push(text.slice(from));
  const out: CitedSentence[] = [];
  for (const s of pieces.flatMap((p) => splitSentences(p))) {
    let body = s.text;
    const leading = /^(?:\s*\[[^\]]*\])+/.exec(body);
    if (leading && out.length) {
      for (const g of findMarkers(leading[0])) out[out.length - 1].citations.push(...g.numbers);
      body = body.slice(leading[0].length);
    }
    const clean = stripMarkers(body);
    const citations = findMarkers(body).flatMap((g) => g.numbers);
    if (clean) out.push({ text: clean, citations });
    else if (out.length) out[out.length - 1].citations.push(...citations);
  }
  for (const s of out) s.citations = [...new Set(s.citations)].sort((a, b) => a - b);
  return out;
}

export type SupportChecker = (sentence: string, passageText: string) => Promise<SupportResult>;

export interface CitedAnswer {
  answer: string;
  citations: Citation[];
  warnings: string[];
}

/** The answer with renumbered markers and one checked citation per cited passage. */
export async function attachCitations(answer: string, passages: Passage[], check: SupportChecker): Promise<CitedAnswer> {
  const r = renumberCitations(
    answer,
    passages.length,
    passages.map((p) => splitSentences(p.text).map((s) => s.text)),
  );
  const warnings: string[] = [];
  if (r.dropped.length) {
    const list = [...new Set(r.dropped)].map((n) => `[${n}]`).join(', ');
    warnings.push(
      `The answer cited ${list}, but only ${passages.length} passage${passages.length === 1 ? ' was' : 's were'} given; ` +
        'those markers were removed.',
    );
  }
  const citations: Citation[] = [];
  for (let i = 0; i < r.order.length; i++) {
    const n = i + 1;
    const passage = passages[r.order[i]];
    const sentences = r.sentences.filter((s) => s.citations.includes(n)).map((s) => s.text);
    const results = await Promise.all(sentences.map((s) => check(s, passage.text)));
    const supported = results.length > 0 && results.every((x) => x.supported);
    const supportScore = results.length ? Math.min(...results.map((x) => x.score)) : 0;
    for (const [j, res] of results.entries()) {
      if (!res.supported) {
        warnings.push(`Citation [${n}] (${passage.title}) does not appear to support: "${sentences[j]}"`);
      }
    }
    citations.push({ ...passage, n, span: results[0]?.span ?? null, sentences, supported, supportScore: round(supportScore) });
  }
  return { answer: r.text, citations, warnings };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
