// Does a question ask for several things ("Which groups…", "What types of weapons…", "Who are the authors…",
// "List the…")? Then an extractive answer quotes every sentence that names one, not only the best. Decided on the
// question's form in general English: the noun the wh-word asks about is plural (compromise's part-of-speech
// tagger tells "groups" from "group"), or the question asks for kinds/types, or it says "list"/"name".
import nlp from 'compromise';

// "what types of…" asks for several; "what kind of plane…" for one, unless the thing it names is plural ("what kind of
// weapons…")
const KINDS = /\b(?:what|which)\s+(?:\w+\s+)?(?:types|kinds|sorts|forms|categories|varieties|examples)\s+of\b/i;
const KIND = /\b(?:what|which)\s+(?:\w+\s+)?(?:type|kind|sort|form|category|variety)\s+of\s+/i;
const IMPERATIVE = /^(?:please\s+)?(?:list|name|enumerate|give(?:\s+me)?\s+(?:a\s+list|all|the\s+\w+s\b))\b/i;
const WHO_PLURAL = /^(?:who|what)\s+(?:are|were)\s+(?:the\s+)?(?:\w+\s+)?\w+s\b/i;
// "which of the documents…" asks for one of them; "what else…" is not a noun phrase
const WH_NOUN = /^(?:(?:in|on|at|from|to|with|for|by|of|among|between)\s+)?(?:which|what)\s+(?!of\b|else\b)/i;

interface Term {
  text: string;
  tags: Set<string>;
}

const termsOf = (text: string): Term[] =>
  (nlp(text).terms().json() as { text: string; terms: { tags: string[] }[] }[]).map((t) => ({ text: t.text, tags: new Set(t.terms[0]?.tags ?? []) }));

/**
 * Is the noun phrase that `text` starts with plural? Its head is the last noun of the leading run of nouns,
 * adjectives and numbers ("two theories", "Iraqi Popular Mobilization Units loyal…"); a verb first ("did Israeli
 * authorities say…": the wh-word is the object), a verb read as a noun ("What links the…") and coordinated singulars
 * ("month and year") are not.
 */
function startsWithPluralNoun(text: string): boolean {
  let head: Term | null = null;
  for (const t of termsOf(text)) {
    // "What links the two parties…": a noun phrase is not followed by an article; a verb is
    if (t.tags.has('Determiner') && head) return false;
    if (t.tags.has('Pronoun') || !(t.tags.has('Noun') || t.tags.has('Adjective') || t.tags.has('Value'))) break;
    if (t.tags.has('Noun')) head = t;
    // "Units?" ends the phrase with the question
    if (/[?.,;:!]$/.test(t.text)) break;
  }
  if (!head) return false;
  if (head.tags.has('Plural')) return true;
  // a capitalised name is tagged a proper noun, not plural ("Units"): its lower-case word tells
  return head.tags.has('ProperNoun') && termsOf(head.text.toLowerCase().replace(/[^\p{L}'-]/gu, '')).some((t) => t.tags.has('Plural'));
}

export function asksForList(question: string): boolean {
  const q = question.trim();
  if (KINDS.test(q) || IMPERATIVE.test(q)) return true;
  const kind = KIND.exec(q);
  if (kind) return startsWithPluralNoun(q.slice(kind.index + kind[0].length));
  if (WHO_PLURAL.test(q) && nlp(q).nouns().isPlural().found) return true;
  const m = WH_NOUN.exec(q);
  return m ? startsWithPluralNoun(q.slice(m[0].length)) : false;
}
