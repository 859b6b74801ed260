// Does a question ask for several things ("Which groups…", "What types of weapons…", "Who are the authors…",
// "List the…")? Then an extractive answer quotes every sentence that names one, not only the best. Decided on the
// question's form in general English: the noun the wh-word asks about is plural (compromise's part-of-speech
// tagger tells "groups" from "group"), or the question asks for kinds/types, or it says "list"/"name".
import nlp from 'compromise';

const KINDS = /\b(?:what|which)\s+(?:\w+\s+)?(?:types?|kinds?|sorts?|forms?|categories|varieties|examples)\s+of\b/i;
const IMPERATIVE = /^(?:please\s+)?(?:list|name|enumerate|give(?:\s+me)?\s+(?:a\s+list|all|the\s+\w+s\b))\b/i;
const WHO_PLURAL = /^(?:who|what)\s+(?:are|were)\s+(?:the\s+)?(?:\w+\s+)?\w+s\b/i;
// "which of the documents…" asks for one of them; "what else…" is not a noun phrase
const WH_NOUN = /^(?:(?:in|on|at|from|to|with|for|by|of|among|between)\s+)?(?:which|what)\s+(?!of\b|else\b)/i;

export function asksForList(question: string): boolean {
  const q = question.trim();
  if (KINDS.test(q) || IMPERATIVE.test(q)) return true;
  if (WHO_PLURAL.test(q) && nlp(q).nouns().isPlural().found) return true;
  const m = WH_NOUN.exec(q);
  if (!m) return false;
  // the noun phrase right after the wh-word: "Which groups of the Axis…", "What countries…"
  const rest = q.slice(m[0].length);
  const nouns = nlp(rest).nouns();
  const first = nouns.eq(0);
  if (!first.found) return false;
  const at = rest.toLowerCase().indexOf(first.text('normal').split(' ')[0] ?? '');
  const firstIsPlural = nouns.isPlural().eq(0).text() === first.text();
  return at >= 0 && at <= 20 && firstIsPlural && !/^(?:they|them|these|those|we|you)\b/i.test(first.text());
}
