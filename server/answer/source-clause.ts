// "…, according to the Roomi paper?", "…, per the Avdaliani piece?", "According to Avdaliani, …", "…named in the
// Jerusalem Post piece?": a clause that names the source the answer should come from. It steers retrieval to that
// document, but no sentence of the document says "according to the Roomi paper", and the answer selector (trained on
// questions without such clauses) scores every sentence lower for it: on the development questions it turned answers
// into abstentions. The selector and the decision read the question without it, and when it names documents of the
// corpus (by author, publisher, or a title with a document noun), only their sentences may be quoted; retrieval still
// reads the whole question. A person who is not one of the corpus's sources is kept: "according to Putin" asks what
// Putin said.
import type { Passage } from '../contract.js';
import { DOCUMENT_NOUN, documentsNamed } from './named-documents.js';
import { sourceTopic, type NamedSource } from './source-topic.js';

export type { NamedSource };

const ATTRIBUTION = String.raw`(?:according to|per|as (?:stated|described|argued|reported|put|said) (?:in|by)|in the view of)`;
// the document and what it is on or by, up to the clause's end: "the paper on the Resistance Axis"
const NAMED = new RegExp(String.raw`^(?:the |this |that |its |their )?(?:[\p{L}\p{N}'’.-]+ ){0,4}?${DOCUMENT_NOUN}(?:\s+(?:on|about|by|of|from)\s+[^,?.!]+)?$`, 'iu');
// what follows the attribution, up to the clause's end
const PHRASE = String.raw`([^,?!]+)`;

// at the end or in the middle, after a comma or a space: "…fall apart, according to the Roomi paper?", "Why, according
// to the op-ed, did…" (both commas go)
const INNER = new RegExp(String.raw`(,?)\s+${ATTRIBUTION}\s+${PHRASE}(\s*,)?(?=\s|[?!]|$)`, 'giu');
// at the start: "According to the paper, what…"
const LEADING = new RegExp(String.raw`^\s*${ATTRIBUTION}\s+${PHRASE}\s*,\s*`, 'iu');

// at the end, where the question says where the thing is named: "Which militias are named in the Jerusalem Post
// piece?" (the phrase holds no further "in": "Who died in the war described in the paper?" keeps "in the war")
const IN_DOCUMENT = new RegExp(
  String.raw`\s+(?:(?:is|are|was|were)\s+)?(?:(?:named|mentioned|listed|cited|discussed|described|covered|quoted|given|reported)\s+)?in\s+((?:(?!\bin\b)[^,?!])+?)(?=\s*[?!.]?\s*$)`,
  'iu',
);

const MIN_WORDS = 3;

/** The question without the clauses that name its source documents, and the documents they name (by author or
 * publisher, from the passages' records; a clause naming a document by a noun alone names none: "the paper"). */
export function sourceClause(question: string, passages: Passage[] = []): NamedSource {
  const docIds = new Set<string>();
  // `asDocument`: the phrase must call itself a document ("in Jerusalem" is a place, "in the Jerusalem Post piece" a
  // source)
  const isSource = (phrase: string, asDocument = false) => {
    phrase = phrase.replace(/[\s.]+$/, '');
    const isDocument = NAMED.test(phrase);
    if (asDocument && !isDocument) return false;
    const named = documentsNamed(phrase, passages);
    named.forEach((d) => docIds.add(d));
    return named.size > 0 || isDocument;
  };
  let q = question.replace(LEADING, (m, phrase: string) => (isSource(phrase) ? '' : m));
  q = q.replace(INNER, (m, before: string, phrase: string, after: string | undefined) => (isSource(phrase) ? (before && after ? ' ' : '') : m));
  q = q.replace(IN_DOCUMENT, (m, phrase: string) => (isSource(phrase, true) ? '' : m));
  q = q.replace(/\s{2,}/g, ' ');
  if (q !== question && /^\p{Ll}/u.test(q)) q = q[0].toUpperCase() + q.slice(1);
  if (q.trim().split(/\s+/).length < MIN_WORDS) return { asked: question, docIds: new Set() };
  return { asked: q.trim(), docIds };
}

/** What a question (part) asks of which documents: a question about what a source says on a topic
 * (source-topic.ts), or one with a clause naming its source, or (no documents named) the question as it is. */
export const namedSource = (question: string, passages: Passage[]): NamedSource => sourceTopic(question, passages) ?? sourceClause(question, passages);
