// The official SQuAD v1.1 answer normalisation and EM/F1 (evaluate-v1.1.py), plus "the answer is in this text".

/** Lowercase, drop punctuation and the articles a/an/the, squash whitespace. */
export function normalizeAnswer(s: string): string {
  return s
    .toLowerCase()
    .replace(/[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g, '')
    .replace(/\b(a|an|the)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export const exactMatch = (prediction: string, gold: string) => normalizeAnswer(prediction) === normalizeAnswer(gold);

export function f1(prediction: string, gold: string): number {
  const p = normalizeAnswer(prediction).split(' ').filter(Boolean);
  const g = normalizeAnswer(gold).split(' ').filter(Boolean);
  const counts = new Map<string, number>();
  for (const t of g) counts.set(t, (counts.get(t) ?? 0) + 1);
  let same = 0;
  for (const t of p) {
    const c = counts.get(t) ?? 0;
    if (c > 0) {
      same++;
      counts.set(t, c - 1);
    }
  }
  if (same === 0) return 0;
  const precision = same / p.length;
  const recall = same / g.length;
  return (2 * precision * recall) / (precision + recall);
}

export const best = (prediction: string, golds: string[], metric: (p: string, g: string) => number | boolean) =>
  Math.max(0, ...golds.map((g) => Number(metric(prediction, g))));

/** Lowercase, punctuation read as a word break (as a tokenizer reads it), articles dropped, whitespace squashed. */
const tokenText = (s: string) => normalizeAnswer(s.replace(/[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~’‘“”]/g, ' '));

/**
 * True when some gold answer occurs in `text` as whole normalised tokens, either as the official normalisation reads
 * them (punctuation dropped: "U.S." is "us") or with punctuation as a word break, as DrQA's has_answer tokenises:
 * "Ahmadinejad's" holds "Ahmadinejad", "political focus.[further explanation needed]" holds "political focus".
 */
export function containsAnswer(text: string, golds: string[]): boolean {
  const hay = ` ${normalizeAnswer(text)} `;
  const tokens = ` ${tokenText(text)} `;
  return golds.some((g) => {
    const n = normalizeAnswer(g);
    const t = tokenText(g);
    return (n.length > 0 && hay.includes(` ${n} `)) || (t.length > 0 && tokens.includes(` ${t} `));
  });
}
