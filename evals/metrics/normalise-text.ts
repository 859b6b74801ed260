// The contract's matching rule for expected facts: case-insensitive, whitespace and punctuation normalised.
// Punctuation becomes a space (not nothing) so "Shoigu's" still contains the word "Shoigu", and matches are
// whole words: "Iran" is not found inside "Iranian".

export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether `phrase` occurs as whole words in `normalisedText` (already passed through normaliseText). */
export function containsPhrase(normalisedText: string, phrase: string): boolean {
  const p = normaliseText(phrase);
  return p.length > 0 && ` ${normalisedText} `.includes(` ${p} `);
}
