// Which documents of the corpus a phrase of a question names: "Avdaliani", "the Jerusalem Post and Avdaliani", "the
// Roomi paper", "the paper on Iran's regional policy", "the 2024 analysis". Read from the documents' records: a
// document is named by its authors or publisher, and by its title, kind or year only when the phrase calls itself a
// document ("the Russia article"), since a title word alone is no source ("What did Russia say…" asks what Russia said).
import type { Passage } from '../contract.js';
import { words } from './terms.js';

// what a question calls a document
export const DOCUMENT_NOUN = String.raw`(?:paper|piece|article|op-?ed|report|analysis|study|document|essay|commentary|text|book|chapter|manual|guide|handbook|readme|author|authors|writer|corpus|documents|sources?)`;
const DOCUMENT_WORD = new RegExp(String.raw`^${DOCUMENT_NOUN}$`, 'iu');

const contentWords = (text: string) => words(text).filter((w) => !w.stopword && w.text.length > 2);
const stemsOf = (text: string) => new Set(contentWords(text).map((w) => w.stem));

/** What names a document: its record, as a retrieved passage or the index's documents carry it. */
export type DocumentLabel = Pick<Passage, 'docId' | 'title' | 'authors' | 'publisher' | 'date'> & { kind?: string | null; isMetadata?: boolean };

/** Stands for a document the phrase names by name that no retrieved passage is from: nothing may be quoted for it. */
export const NOT_RETRIEVED = '\u0000not-retrieved';

/** Does the phrase call itself a document ("the paper", "the authors", "the op-ed")? */
export const callsItselfADocument = (phrase: string) => contentWords(phrase).some((w) => DOCUMENT_WORD.test(w.text));

/** The ids of the documents the phrase names: each of its conjuncts ("X and Y") names the document(s) whose record
 * holds every word of it (besides the document noun); NOT_RETRIEVED for a conjunct that calls itself a document and
 * names one ("the Jerusalem Post piece") of which no passage was retrieved. */
export function documentsNamed(phrase: string, passages: readonly DocumentLabel[]): Set<string> {
  const asDocument = callsItselfADocument(phrase);
  const labels = new Map<string, { names: Set<string>; title: Set<string> }>();
  for (const p of passages) {
    if (p.isMetadata || labels.has(p.docId)) continue;
    labels.set(p.docId, { names: stemsOf([...p.authors, p.publisher ?? ''].join(' ')), title: asDocument ? stemsOf(`${p.title} ${p.kind ?? ''} ${p.date?.slice(0, 4) ?? ''}`) : new Set() });
  }
  const named = new Set<string>();
  for (const conjunct of phrase.split(/\s*(?:,|\band\b|&)\s*/i)) {
    const ws = contentWords(conjunct).filter((w) => !DOCUMENT_WORD.test(w.text));
    // an author or publisher is named by a capitalised word ("Israeli authorities" names no "… authors" publisher)
    const hits = (l: { names: Set<string>; title: Set<string> }) => ws.filter((w) => (w.capitalized && l.names.has(w.stem)) || l.title.has(w.stem)).length;
    // every word of it: "Jerusalem residents" is no "Jerusalem Post"
    const before = named.size;
    if (ws.length) for (const [docId, l] of labels) if (hits(l) === ws.length) named.add(docId);
    // "the Jerusalem Post piece" when no passage of it was retrieved: a document, but none of these
    // ("the paper's conclusion", "the op-ed's speculation" name no particular document: a name is capitalised)
    if (asDocument && ws.some((w) => w.capitalized) && named.size === before) named.add(NOT_RETRIEVED);
  }
  return named;
}
