// Questions about a document itself — who wrote it, when and by whom it was published, its title, what kind of
// document it is, where it comes from — are answered from the document's metadata record (sources.json, front
// matter, sidecar files, PDF/DOCX properties), cited as that record. The record is rendered as a passage of
// self-contained sentences ("“Title” was written by A and B."), so the answer quotes it verbatim like any other
// passage, and a document without such metadata says so ("… does not name its author").
import type { Passage } from '../contract.js';
import type { SourceDoc } from '../domain.js';
import { publisherName } from './publisher-name.js';
import { words } from './terms.js';
import { recordFields } from './text-passage.js';

export { publisherName };

export type DocumentAttribute = 'author' | 'corresponding' | 'date' | 'publisher' | 'title' | 'kind' | 'source';

// Nouns by which a question names a document.
const DOC_NOUN = '(?:article|analysis|paper|op-?ed|report|piece|study|document|text|essay|commentary|column|blog(?: post)?|post|editorial|source|book|chapter|publication|story|it|this|that)';
const W = "(?:[\\w'’,-]+\\s+)";
// Each attribute: what the question asks (a question word with the attribute's words), in general English.
const PATTERNS: [DocumentAttribute, RegExp][] = [
  ['corresponding', /\b(?:corresponding|contact) author\b|\bauthor (?:for|of) correspondence\b|\bwho (?:should|do|can) (?:i|we|one) (?:contact|write to)\b/i],
  ['author', /\b(?:who\b.*\b(?:wrote|writes|written|authored|penned|authors?|writers?)\b|whose (?:article|analysis|paper|op-?ed|report|piece|study|essay|commentary|column)|by whom\b|(?:which|what) (?:authors?|writers?|researchers?|scholars?|journalists?)\b.*\b(?:wrote|authored|written)\b|names? of (?:the|its) (?:authors?|writers?)|\bbyline\b)/i],
  ['date', new RegExp(`\\b(?:when|(?:on |in )?(?:what|which) (?:date|year|month|day)|how (?:old|recent))\\b.*\\b(?:published|publish|written|released|posted|issued|dated|come out|came out|appeared?|run|printed)\\b|\\b(?:publication|release) (?:date|year)\\b`, 'i')],
  ['publisher', new RegExp(`\\b(?:who (?:published|publishes|ran|carried|printed)|(?:which|what) (?:newspaper|outlet|journal|publication|publisher|website|site|magazine|news ?paper|organi[sz]ation|press)\\b.*\\b(?:published|publish|ran|run|carried|printed|appeared?|is it|was it)\\b|where (?:was|is|did|were) ${W}{0,16}?(?:published|appear|appeared|come out|run|printed)\\b|(?:who|what) (?:is|was) (?:the|its) publisher|\\bpublished (?:by|in) (?:what|which|whom)\\b)`, 'i')],
  ['title', new RegExp(`\\b(?:what|which)\\b.*\\b(?:title|headline)\\b|\\bwhat (?:is|was) ${W}{0,10}?(?:called|titled|entitled)\\b`, 'i')],
  ['kind', new RegExp(`\\bwhat (?:kind|type|sort|genre) of (?:document|text|source|article|publication|piece|writing|paper)\\b|\\bis (?:the|this|that|it) ${W}{0,8}?(?:an?) (?:opinion|op-?ed|analysis|peer-reviewed|research|news|academic|scholarly|blog)\\b`, 'i')],
  ['source', /\b(?:where can i (?:find|read|get)|(?:url|link|web address|website address)\b|where (?:does|did) (?:the|this|that) [\w-]+ come from)/i],
];
// The words of an attribute question that say what is asked, not which document: left out when matching titles.
const ASKING_WORDS = new Set(
  ('who wrote written write writer writers author authors authored whose whom when published publish publication date year month ' +
    'corresponding contact correspondence ' +
    'released release posted issued dated come came appear appeared publisher newspaper outlet journal website site magazine ' +
    'title headline called titled entitled name names kind type sort genre url link address where find read byline').split(' '),
);

// verbs that may follow "this"/"that" naming the document: "When was that published?"
const ASKING_VERBS = '(?:published|written|released|posted|issued|dated|printed|authored|penned|come|came|appear|appeared|run|about|say|says|said|argue|argues|claim|claims|by|in|on|from)';

export interface DocumentQuestion {
  attribute: DocumentAttribute;
}

// "this"/"that" name the document alone ("When was that published?") or before a document noun, not before another
// noun: "…in which year was that strategy issued?" asks about the strategy.
const NAMES_A_DOCUMENT = new RegExp(`\\b${DOC_NOUN}\\b(?<!\\b(?:this|that)\\b(?=\\s+(?!${DOC_NOUN}\\b|${ASKING_VERBS}\\b)[a-z]))|[“"‘]`, 'i');

/**
 * The attribute a question asks of a document, or null for a question about the documents' content. "Who wrote the
 * National Defense Strategy?" is about content: an attribute question must name a document (a document noun, a
 * pronoun, a quoted title) or name one of `documents` by its title, authors or publisher.
 */
export function documentQuestion(question: string, documents: Iterable<SourceDoc> = []): DocumentQuestion | null {
  for (const [attribute, re] of PATTERNS) {
    if (!re.test(question)) continue;
    if (NAMES_A_DOCUMENT.test(question) || namesByLabel(question, [...documents])) return { attribute };
    return null;
  }
  return null;
}

const label = (d: SourceDoc) => [d.title, ...d.authors, d.publisher ?? '', d.kind ?? '', d.docId.replace(/[-_/]+/g, ' ')].join(' ');
const stems = (text: string) => new Set(words(text).filter((w) => !w.stopword && !ASKING_WORDS.has(w.lower)).map((w) => w.stem));

// "the GPL document" names “GNU General Public License”: a word in capitals in the question may be the initials of
// consecutive words of a title. Kept apart from word stems (prefixed), so "war" never matches "Western Asian Routes".
const ACRONYM = 'acronym:';
const MAX_ACRONYM = 6;

function titleAcronyms(title: string): string[] {
  const initials = words(title)
    .filter((w) => !w.stopword && /^\p{L}/u.test(w.lower))
    .map((w) => w.lower[0]);
  const out: string[] = [];
  for (let i = 0; i < initials.length; i++) {
    for (let n = 2; n <= MAX_ACRONYM && i + n <= initials.length; n++) out.push(ACRONYM + initials.slice(i, i + n).join(''));
  }
  return out;
}

const labelTerms = (d: SourceDoc) => new Set([...stems(label(d)), ...titleAcronyms(d.title)]);
const questionTerms = (question: string) =>
  new Set([...stems(question), ...[...question.matchAll(/\b\p{Lu}{2,}\b/gu)].map((m) => ACRONYM + m[0].toLowerCase())]);
// A document noun in the question ("the GPL document", "the Roomi paper") says what kind of thing is named, not
// which: it counts for little against a name or a title word.
const DOC_NOUN_STEMS = new Set(words(DOC_NOUN.replace(/[^a-z ]+/g, ' ')).map((w) => w.stem));
const termWeight = (term: string) => (DOC_NOUN_STEMS.has(term) ? 0.25 : 1);

/** Most of the question's words (those not asking for the attribute) are in one document's label: its title
 * written out, its author's name. */
function namesByLabel(question: string, docs: SourceDoc[]): boolean {
  const q = questionTerms(question);
  return q.size > 0 && docs.some((d) => {
    const l = labelTerms(d);
    return [...q].filter((s) => l.has(s)).length >= 0.6 * q.size;
  });
}

/** Per document: the question's words found in its label, each weighted by how few labels have it. */
function matchScores(question: string, docs: SourceDoc[]): number[] {
  const labels = docs.map(labelTerms);
  const df = new Map<string, number>();
  for (const l of labels) for (const s of l) df.set(s, (df.get(s) ?? 0) + 1);
  const q = questionTerms(question);
  return labels.map((l) => [...q].reduce((a, s) => a + (l.has(s) ? termWeight(s) * Math.log((docs.length + 1) / df.get(s)!) : 0), 0));
}

/**
 * The document a question names ("the Avdaliani analysis", "the paper on the Resistance Axis"): the one whose
 * title, authors, publisher, kind and file name share the most (rare) words with the question; when the question
 * names none, `fallback` (the document of the best passage found for it, or the one the conversation is about).
 */
export function resolveDocument(question: string, documents: Iterable<SourceDoc>, fallback: string | null): SourceDoc | null {
  const docs = [...documents];
  if (docs.length === 1) return docs[0];
  const scores = matchScores(question, docs);
  let best: SourceDoc | null = null;
  let bestScore = 0;
  let tie = false;
  docs.forEach((d, i) => {
    const score = scores[i];
    if (score > bestScore + 1e-9) [best, bestScore, tie] = [d, score, false];
    else if (Math.abs(score - bestScore) <= 1e-9 && score > 0) tie = true;
  });
  if (best && !tie) return best;
  return docs.find((d) => d.docId === fallback) ?? best;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2024-12-04" → "on 4 December 2024"; "2024-12" → "in December 2024"; "2024" → "in 2024". */
export function whenPublished(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (d && m) return `on ${d} ${MONTHS[m - 1]} ${y}`;
  if (m) return `in ${MONTHS[m - 1]} ${y}`;
  return `in ${y}`;
}

export const listOf = (xs: string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);
const withArticle = (kind: string) => (/^(?:an?|the)\s/i.test(kind) ? kind : `${/^[aeiou]/i.test(kind) ? 'an' : 'a'} ${kind}`);

/** The metadata record as sentences, one per attribute (each on its own line), in a fixed order. */
export function metadataStatements(doc: SourceDoc): Record<DocumentAttribute, string[]> {
  const t = `“${doc.title}”`;
  return {
    title: [`The document ${doc.relPath} is titled ${t}.`],
    kind: [doc.kind ? `${t} is ${withArticle(doc.kind)}.` : `The corpus does not record what kind of document ${t} is.`],
    author: [
      doc.authors.length ? `${t} was written by ${listOf(doc.authors)}.` : `${t} does not name its author.`,
      ...(doc.note ? [`A note on ${t} says: ${doc.note.replace(/\s+/g, ' ').trim().replace(/([^.!?])$/, '$1.')}`] : []),
    ],
    corresponding: [`The corpus does not record which author of ${t} is its corresponding author.`],
    date: [doc.date ? `${t} was published ${whenPublished(doc.date)}.` : `The corpus does not record when ${t} was published.`],
    publisher: [publisherName(doc.publisher) ? `${t} was published by ${publisherName(doc.publisher)}.` : `The corpus does not record who published ${t}.`],
    source: [doc.url ? `${t} is available at ${doc.url}.` : `The corpus does not record a web address for ${t}.`],
  };
}

const ORDER: DocumentAttribute[] = ['title', 'author', 'date', 'publisher', 'kind', 'source'];

/** The document's metadata record as a passage that answers cite. */
export function metadataPassage(doc: SourceDoc): Passage {
  const statements = metadataStatements(doc);
  return {
    chunkId: `${doc.docId}#metadata`,
    docId: doc.docId,
    title: doc.title,
    text: ORDER.flatMap((a) => statements[a]).join('\n'),
    score: 1,
    start: 0,
    end: 0,
    page: null,
    section: 'Document record',
    ...recordFields(doc),
    isMetadata: true,
  };
}

/** What the record has for an attribute (a note counts for the author: "the writer is an MA student at…"). */
export function recordHas(doc: SourceDoc, attribute: DocumentAttribute): boolean {
  switch (attribute) {
    case 'author':
      return doc.authors.length > 0 || !!doc.note;
    case 'date':
      return !!doc.date;
    case 'publisher':
      return !!publisherName(doc.publisher);
    case 'kind':
      return !!doc.kind;
    case 'source':
      return !!doc.url;
    case 'title':
      return true;
    case 'corresponding':
      return false;
  }
}

/** What the answer says for an attribute question: the record's sentences for it. */
export const metadataAnswer = (doc: SourceDoc, attribute: DocumentAttribute) => metadataStatements(doc)[attribute].join(' ');
