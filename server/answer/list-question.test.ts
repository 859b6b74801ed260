import { describe, expect, it } from 'vitest';
import { asksForList } from './list-question.js';

describe('asksForList', () => {
  it('recognises questions that ask for several things', () => {
    for (const q of [
      'Which groups of the Axis has Russia engaged with?',
      'Which universities are the authors affiliated with?',
      'What types of weapons were in the Hezbollah cache?',
      'What kinds of triggers are there?',
      'Who are the authors of the paper?',
      'What countries border Iran?',
      'List the members of the axis',
      'Name the militias that fight in Syria.',
      'What kind of weapons did the army find?',
      'Which two treaties did the ministers sign?',
      'Which Iraqi Popular Mobilization Units does he advise?',
    ]) {
      expect(asksForList(q), q).toBe(true);
    }
  });

  it('leaves questions about one thing alone', () => {
    for (const q of [
      'Which group did Russia meet?',
      'Which of the documents discusses Hamas?',
      'Which newspaper ran the op-ed?',
      'What is the Axis of Resistance?',
      'What does Russia want?',
      'When did Soleimani go to Moscow?',
      'Who wrote the documents?',
      'Why does Tehran back Hamas?',
      'What news did they report?',
      // one thing, though a word of it looks plural or the form names kinds
      'In what month and year was the treaty signed?',
      'What kind of aircraft did the general board?',
      'What type of document is the report?',
      'What did the officials say they had found?',
      'What links the two parties to the rebels?',
    ]) {
      expect(asksForList(q), q).toBe(false);
    }
  });
});
