// A range of a document's own text as a passage an answer cites (the lines that name its authors, the sentence that
// says what it is about), placed like a chunk: its offsets index the document's text, with the page and section it
// lies in.
import type { Passage } from '../contract.js';
import type { SourceDoc } from '../domain.js';

/** The document's record as every passage of it carries it (authors, date, address, publisher, kind, note). */
export function recordFields(doc: SourceDoc): Pick<Passage, 'authors' | 'date' | 'url' | 'publisher' | 'kind' | 'note'> {
  return { authors: doc.authors, date: doc.date, url: doc.url, publisher: doc.publisher, kind: doc.kind, note: doc.note };
}

export function textPassage(doc: SourceDoc, start: number, end: number): Passage {
  return {
    chunkId: `${doc.docId}#text-${start}-${end}`,
    docId: doc.docId,
    title: doc.title,
    text: doc.text.slice(start, end),
    score: 1,
    start,
    end,
    page: doc.pages.find((p) => start >= p.start && start < p.end)?.page ?? null,
    section: doc.sections.find((s) => start >= s.start && start < s.end)?.heading ?? null,
    ...recordFields(doc),
  };
}
