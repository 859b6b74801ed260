// "…, according to the Roomi paper?", "…, per the Avdaliani piece?", "According to Avdaliani, …", "…named in the
// Jerusalem Post piece?", "…question of the Roomi paper?": a clause that names the source the answer should come
// from. Retrieval reads the whole question, in the named documents alone (documentsAskedOf). But no sentence of the
// document says "according to the Roomi paper", and the answer selector (trained on questions without such clauses)
// scores every sentence lower for it: on the development questions it turned answers into abstentions. So the
// selector and the decision read the question without it, and when it names documents of the corpus (by author,
// publisher, or a title, kind or year with a document noun), only their sentences may be quoted. A person who is not
// one of the corpus's sources is kept: "according to Putin" asks what Putin said.
import { DOCUMENT_NOUN, documentsNamed, NOT_RETRIEVED, type DocumentLabel } from './named-documents.js';
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

// at the end, the document the thing asked is of or from: "What is the central research question of the Roomi
// paper?" (only a document named by name: "What is the purpose of the study?" needs its "of the study")
const OF_DOCUMENT = new RegExp(String.raw`\s+(?:of|from|by)\s+((?:(?!\b(?:of|from|by|in)\b)[^,?!])+?)(?=\s*[?!.]?\s*$)`, 'iu');

const MIN_WORDS = 3;

/** The question without the clauses that name its source documents, and the documents they name (by author or
 * publisher, from the passages' records; a clause naming a document by a noun alone names none: "the paper"). */
export function sourceClause(question: string, passages: readonly DocumentLabel[] = []): NamedSource {
  const docIds = new Set<string>();
  // `asDocument`: the phrase must call itself a document ("in Jerusalem" is a place, "in the Jerusalem Post piece" a
  // source)
  // `byName`: it must name particular documents
  const isSource = (phrase: string, asDocument = false, byName = false) => {
    phrase = phrase.replace(/[\s.]+$/, '');
    const isDocument = NAMED.test(phrase);
    if (asDocument && !isDocument) return false;
    const named = documentsNamed(phrase, passages);
    if (byName && ![...named].some((d) => d !== NOT_RETRIEVED)) return false;
    named.forEach((d) => docIds.add(d));
    return named.size > 0 || isDocument;
  };
  let q = question.replace(LEADING, (m, phrase: string) => (isSource(phrase) ? '' : m));
  q = q.replace(INNER, (m, before: string, phrase: string, after: string | undefined) => (isSource(phrase) ? (before && after ? ' ' : '') : m));
  q = q.replace(IN_DOCUMENT, (m, phrase: string) => (isSource(phrase, true) ? '' : m));
  q = q.replace(OF_DOCUMENT, (m, phrase: string) => (isSource(phrase, true, true) ? '' : m));
  q = q.replace(/\s{2,}/g, ' ');
  if (q !== question && /^\p{Ll}/u.test(q)) q = q[0].toUpperCase() + q.slice(1);
  if (q.trim().split(/\s+/).length < MIN_WORDS) return { asked: question, docIds: new Set() };
  return { asked: q.trim(), docIds };
}

/** What a question (part) asks of which documents: a question about what a source says on a topic
 * (source-topic.ts), or one with a clause naming its source, or (no documents named) the question as it is. */
export const namedSource = (question: string, passages: readonly DocumentLabel[]): NamedSource => sourceTopic(question, passages) ?? sourceClause(question, passages);

/** The documents of the corpus a question (part) asks about by name ("…, according to Avdaliani?", "What does the
 * Roomi paper say about Hamas?"), read from all the documents' records, so that retrieval can search them alone; null
 * when it names none of them. */
export function documentsAskedOf(question: string, documents: Iterable<DocumentLabel>): Set<string> | null {
  const named = new Set(namedSource(question, [...documents]).docIds);
  named.delete(NOT_RETRIEVED);
  return named.size ? named : null;
}
