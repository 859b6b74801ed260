import { describe, expect, it } from 'vitest';
import { corpusQuestion } from './corpus-questions.js';

describe('corpusQuestion', () => {
  it('recognises questions about the corpus as a whole', () => {
    const asked = {
      'Which documents are in the corpus?': 'list',
      'What documents do you have?': 'list',
      'How many documents are there?': 'list',
      "What's in the collection?": 'list',
      'List the documents.': 'list',
      'What are the titles of the documents?': 'list',
      'Who wrote the documents?': 'authors',
      'Who are the authors of these papers?': 'authors',
      'Who are the authors in the corpus?': 'authors',
      'What is this collection about?': 'about',
      'What are the documents about?': 'about',
      'What topics do the documents cover?': 'about',
      'Summarise the corpus.': 'about',
      'Which of the documents was published most recently?': 'newest',
      'Which document is the newest?': 'newest',
      'What is the latest paper in the collection?': 'newest',
      'Which one was published first?': 'oldest',
      'Which is the oldest document?': 'oldest',
    };
    expect(Object.fromEntries(Object.keys(asked).map((q) => [q, corpusQuestion(q)]))).toEqual(asked);
  });

  it('leaves questions about the content, and about one document, alone', () => {
    for (const q of [
      'Who wrote the letter to Putin?',
      'Which documents mention Hezbollah?',
      'What do the documents say about Soleimani?',
      'Who wrote the Avdaliani analysis?',
      'What are the sources?',
      'What is the Axis of Resistance about?',
      'Which documents are about Iran?',
      'Which group was the first to fight?',
      'What is the newest weapon?',
    ]) {
      expect([q, corpusQuestion(q)]).toEqual([q, null]);
    }
  });
});
