// Test helper: passages that carry only a document's record (title, authors, publisher), for tests of how a question
// names a source (source-clause.ts, source-topic.ts, named-documents.ts).
import type { Passage } from '../../contract.js';

export const recordPassage = (docId: string, title: string, authors: string[], publisher: string | null): Passage => ({
  chunkId: `${docId}#0`, docId, title, text: 'Some text.', score: 1, start: 0, end: 10, page: null, section: null,
  authors, date: null, url: null, publisher, kind: null, note: null,
});

/** Three documents like the shipped corpus's: a paper ('paper'), an op-ed ('oped'), an analysis ('analysis'). */
export const RECORD_PASSAGES = [
  recordPassage('paper', 'The Resistance Axis and Iran’s Regional Policy', ['Farshad Roomi', 'Ehsan Kazemi'], 'Journal of Politics'),
  recordPassage('oped', 'Russia and Iran converge in the Middle East', [], 'The Jerusalem Post (Opinion)'),
  recordPassage('analysis', "Russia Increases Ties With Iran's Axis of Resistance", ['Emil Avdaliani'], 'The Jamestown Foundation'),
];
