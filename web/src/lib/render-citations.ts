// Splits answer text into plain text and citation markers: "[1]", "[1, 2]", "[1][2]", "[1–3]".
// Pure, so the markdown renderer, the copy-to-clipboard text and the tests all agree on what a marker is.

export type Segment = { kind: 'text'; text: string } | { kind: 'citation'; numbers: number[]; raw: string };

// One bracket group of numbers separated by commas/semicolons, or a range with - or –. Anything else in
// brackets ("[see above]", "[a]") is ordinary text.
const MARKER = /\[(\d{1,3}(?:\s*(?:[,;]|[-–])\s*\d{1,3})*)\]/g;

function expand(body: string): number[] {
  const numbers: number[] = [];
  for (const part of body.split(/\s*[,;]\s*/)) {
    const range = part.match(/^(\d+)\s*[-–]\s*(\d+)$/);
    if (range) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      // A reversed or huge "range" is more likely a year span or noise than a citation.
      if (to < from || to - from > 20) return [];
      for (let n = from; n <= to; n++) numbers.push(n);
    } else {
      numbers.push(Number(part));
    }
  }
  return [...new Set(numbers)];
}

/**
 * `known`: citation numbers that exist. A marker naming any unknown number stays text, so a stray
 * "[2019]" or a marker the server dropped never becomes a button that opens nothing.
 */
export function renderCitations(text: string, known?: ReadonlySet<number>): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  const pushText = (t: string) => {
    if (!t) return;
    const prev = segments[segments.length - 1];
    if (prev?.kind === 'text') prev.text += t;
    else segments.push({ kind: 'text', text: t });
  };
  for (const m of text.matchAll(MARKER)) {
    const numbers = expand(m[1]);
    const ok = numbers.length > 0 && numbers.every((n) => n >= 1 && (!known || known.has(n)));
    pushText(text.slice(last, m.index));
    if (ok) segments.push({ kind: 'citation', numbers, raw: m[0] });
    else pushText(m[0]);
    last = m.index + m[0].length;
  }
  pushText(text.slice(last));
  return segments;
}

/** The answer without its markers (for places where buttons cannot exist, e.g. a tooltip). */
export function stripCitations(text: string): string {
  return text.replace(MARKER, '').replace(/\s+([.,;:!?])(?=\s|$)/g, '$1').replace(/[ \t]{2,}/g, ' ').trim();
}
