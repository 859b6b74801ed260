import { describe, expect, it } from 'vitest';
import { plainSourceDoc, type SourceDoc } from '../domain.js';
import { documentQuestion, metadataAnswer, metadataPassage, publisherName, recordHas, resolveDocument } from './document-questions.js';

const doc = (o: Partial<SourceDoc> & Pick<SourceDoc, 'docId' | 'title'>): SourceDoc =>
  ({ ...plainSourceDoc({ text: 'Body.', relPath: `${o.docId}.txt`, format: 'txt', ...o }), ...o });

const docs = [
  doc({ docId: 'harbour-report', title: 'Harbour Trade Grows Again', authors: ['Ana Lima', 'Tom Reyes'], date: '2021-03-09', publisher: 'Port Gazette', kind: 'news report' }),
  doc({ docId: 'wetlands', title: 'Restoring Coastal Wetlands: A Field Guide', authors: [], note: 'Written by the volunteers of the river trust.', kind: 'guide' }),
  doc({ docId: 'rail-essay', title: 'Night Trains and the Return of Slow Travel', authors: ['J. Okafor'], date: '2019', kind: 'essay' }),
];

describe('documentQuestion', () => {
  it('recognises questions about a document itself', () => {
    expect(documentQuestion('Who wrote the report on harbour trade?', docs)).toEqual({ attribute: 'author' });
    expect(documentQuestion('Who are the authors of the field guide?', docs)).toEqual({ attribute: 'author' });
    expect(documentQuestion('When was the Okafor essay published?', docs)).toEqual({ attribute: 'date' });
    expect(documentQuestion('Which newspaper ran the article on harbour trade?', docs)).toEqual({ attribute: 'publisher' });
    expect(documentQuestion('What kind of document is the wetlands guide?', docs)).toEqual({ attribute: 'kind' });
    expect(documentQuestion('What is the title of the essay on night trains?', docs)).toEqual({ attribute: 'title' });
    expect(documentQuestion('When was that published?', docs)).toEqual({ attribute: 'date' });
    expect(documentQuestion('In which year was this report issued?', docs)).toEqual({ attribute: 'date' });
  });

  it('tells the corresponding author from the authors', () => {
    expect(documentQuestion('Who is the corresponding author of the harbour report?', docs)).toEqual({ attribute: 'corresponding' });
    expect(documentQuestion('Who are the authors of the harbour report?', docs)).toEqual({ attribute: 'author' });
  });

  it('leaves questions about the content alone', () => {
    for (const q of ['When did the harbour reopen?', 'Who built the first night train?', 'Who wrote the National Rail Act?', 'When did the council publish its plan?', 'What does the author argue about tolls?', 'And in which year was that plan issued?']) {
      expect([q, documentQuestion(q, docs)]).toEqual([q, null]);
    }
  });
});

describe('resolveDocument', () => {
  it('finds the document a question names by title words, author or kind', () => {
    expect(resolveDocument('Who wrote the report on harbour trade?', docs, null)?.docId).toBe('harbour-report');
    expect(resolveDocument('When was the Okafor piece published?', docs, null)?.docId).toBe('rail-essay');
    expect(resolveDocument('Who wrote the guide?', docs, null)?.docId).toBe('wetlands');
  });

  it('finds a document by the initials of its title, and a name outweighs a document noun', () => {
    const more = [
      ...docs,
      doc({ docId: 'license', title: 'GNU General Public License' }),
      doc({ docId: 'python-policy', title: 'Debian Python Policy 0.12.0.0 documentation' }),
    ];
    expect(resolveDocument('When was the GPL document published?', more, 'python-policy')?.docId).toBe('license');
    // initials only in capitals: "gpl" written small is a word, not a name
    expect(resolveDocument('When was the gpl document published?', more, 'python-policy')?.docId).toBe('python-policy');
  });

  it('falls back to the document the conversation is about when the question names none', () => {
    expect(resolveDocument('Who wrote it?', docs, 'rail-essay')?.docId).toBe('rail-essay');
  });
});

describe('metadata answers', () => {
  it('states what the record holds, and says plainly what it lacks', () => {
    expect(metadataAnswer(docs[0], 'author')).toBe('“Harbour Trade Grows Again” was written by Ana Lima and Tom Reyes.');
    expect(metadataAnswer(docs[0], 'date')).toBe('“Harbour Trade Grows Again” was published on 9 March 2021.');
    expect(metadataAnswer(docs[2], 'date')).toBe('“Night Trains and the Return of Slow Travel” was published in 2019.');
    expect(metadataAnswer(docs[1], 'author')).toBe(
      '“Restoring Coastal Wetlands: A Field Guide” does not name its author. A note on “Restoring Coastal Wetlands: A Field Guide” says: Written by the volunteers of the river trust.',
    );
    expect(metadataAnswer(docs[1], 'date')).toBe('The corpus does not record when “Restoring Coastal Wetlands: A Field Guide” was published.');
  });

  it('renders the record as a passage whose sentences the answer quotes verbatim', () => {
    const p = metadataPassage(docs[0]);
    expect(p).toMatchObject({ chunkId: 'harbour-report#metadata', docId: 'harbour-report', isMetadata: true, start: 0, end: 0 });
    for (const attribute of ['author', 'date', 'publisher', 'kind', 'title', 'source'] as const) {
      expect(p.text).toContain(metadataAnswer(docs[0], attribute));
    }
  });
});

describe('recordHas', () => {
  it('tells what the record holds, a note counting for the author', () => {
    expect(recordHas(docs[0], 'author')).toBe(true);
    expect(recordHas(docs[1], 'author')).toBe(true);
    expect(recordHas(docs[1], 'date')).toBe(false);
    expect(recordHas(docs[2], 'publisher')).toBe(false);
    expect(recordHas(docs[2], 'title')).toBe(true);
  });
});

describe('publisherName', () => {
  it('keeps a publisher and drops what is a kind of document or its page numbers', () => {
    expect(publisherName('The Jerusalem Post (Opinion)')).toBe('The Jerusalem Post (Opinion)');
    expect(publisherName('Eurasia Review')).toBe('Eurasia Review');
    expect(publisherName('Policy Analysis Press')).toBe('Policy Analysis Press');
    expect(publisherName('research paper, pp. 521-542 (Shahid Chamran University of Ahvaz authors)')).toBeNull();
    expect(publisherName('Working paper')).toBeNull();
    expect(publisherName('Journal of Peace Research, pages 12-30')).toBeNull();
    expect(publisherName('')).toBeNull();
    const paper = doc({ docId: 'p', title: 'A Paper', publisher: 'research paper, pp. 521-542' });
    expect([recordHas(paper, 'publisher'), metadataAnswer(paper, 'publisher')]).toEqual([false, 'The corpus does not record who published “A Paper”.']);
  });
});
