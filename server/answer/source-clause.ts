// "…, according to the Roomi paper?", "…, per the Avdaliani piece?": a clause that names the document the answer should
// come from. It steers retrieval to that document, but no sentence of the document says "according to the Roomi
// paper", and the answer selector (trained on questions without such clauses) scores every sentence lower for it:
// on the development questions it turned answers into abstentions. The selector and the decision read the question
// without it; retrieval still reads the whole question.

// what a question calls a document (a person's name alone is kept: "according to Putin" asks what Putin said)
export const DOCUMENT_NOUN = String.raw`(?:paper|piece|article|op-?ed|report|analysis|study|document|essay|commentary|text|book|chapter|manual|guide|handbook|readme|author|authors|writer|corpus|documents|sources?)`;
const ATTRIBUTION = String.raw`(?:according to|per|as (?:stated|described|argued|reported|put|said) (?:in|by)|in the view of)`;
// the document and what it is on or by, up to the clause's end: "the paper on the Resistance Axis"
const NAMED = String.raw`(?:the |this |that |its |their )?(?:[\p{L}\p{N}'’.-]+ ){0,4}?${DOCUMENT_NOUN}(?:\s+(?:on|about|by|of|from)\s+[^,?.!]+)?`;

// at the end or in the middle, after a comma or a space: "…fall apart, according to the Roomi paper?", "Why, according
// to the op-ed, did…" (both commas go)
const INNER = new RegExp(String.raw`(,?)\s+${ATTRIBUTION}\s+${NAMED}(\s*,)?(?=[\s?.!]|$)`, 'giu');
// at the start: "According to the paper, what…"
const LEADING = new RegExp(String.raw`^\s*${ATTRIBUTION}\s+${NAMED}\s*,\s*`, 'iu');

const MIN_WORDS = 3;

/** The question without the clauses that name its source document; the question itself when nothing would be left. */
export function withoutSourceClause(question: string): string {
  let q = question.replace(LEADING, '').replace(INNER, (_m, before: string, after: string | undefined) => (before && after ? ' ' : ''));
  q = q.replace(/\s{2,}/g, ' ');
  if (q !== question && /^\p{Ll}/u.test(q)) q = q[0].toUpperCase() + q.slice(1);
  return q.trim().split(/\s+/).length >= MIN_WORDS ? q.trim() : question;
}
