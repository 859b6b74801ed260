import { describe, expect, it } from 'vitest';
import { sourceClause } from './source-clause.js';
import { RECORD_PASSAGES as PASSAGES } from './testing/record-passages.js';

// the question as judged, with no records at hand (a clause naming a document by a document noun)
const withoutSourceClause = (question: string) => sourceClause(question).asked;

describe('sourceClause', () => {
  it('drops a clause naming the source document, wherever it stands', () => {
    expect(withoutSourceClause('In what year did the USSR fall apart, according to the Roomi paper?')).toBe('In what year did the USSR fall apart?');
    expect(withoutSourceClause('In which month and year did Russia invade Ukraine, per the Avdaliani piece?')).toBe(
      'In which month and year did Russia invade Ukraine?',
    );
    expect(withoutSourceClause("According to Avdaliani's analysis, what does Russia supply to the Houthis?")).toBe(
      'What does Russia supply to the Houthis?',
    );
    expect(withoutSourceClause('Why, according to the op-ed, did Soleimani go to Moscow?')).toBe('Why did Soleimani go to Moscow?');
    // the whole clause, with what the document is on
    expect(withoutSourceClause('When did the Soviet Union collapse, according to the paper on the Resistance Axis?')).toBe(
      'When did the Soviet Union collapse?',
    );
  });

  it('keeps a person the question attributes words to, and questions with nothing else left', () => {
    expect(withoutSourceClause('What did Iran gain, according to Putin?')).toBe('What did Iran gain, according to Putin?');
    expect(withoutSourceClause('Who wrote the report?')).toBe('Who wrote the report?');
    expect(withoutSourceClause('According to the paper?')).toBe('According to the paper?');
  });

  it('drops a clause naming an author or outlet of the corpus, and says which documents it names', () => {
    expect(sourceClause('How is Moscow trying to expand its clout in the Middle East, according to Avdaliani?', PASSAGES)).toEqual({
      asked: 'How is Moscow trying to expand its clout in the Middle East?',
      docIds: new Set(['analysis']),
    });
    expect(sourceClause('According to Avdaliani, what does Russia supply to the Houthis?', PASSAGES)).toEqual({
      asked: 'What does Russia supply to the Houthis?',
      docIds: new Set(['analysis']),
    });
    expect(sourceClause('Who did Soleimani meet, according to the Jerusalem Post op-ed?', PASSAGES).docIds).toEqual(new Set(['oped']));
    // a document noun alone names no particular document
    expect(sourceClause('Why, according to the paper, did Iran back Hamas?', PASSAGES)).toEqual({ asked: 'Why did Iran back Hamas?', docIds: new Set() });
    // where the question says the thing is named
    expect(sourceClause('Which Iraqi militias are named in the Jerusalem Post piece?', PASSAGES)).toEqual({
      asked: 'Which Iraqi militias?',
      docIds: new Set(['oped']),
    });
    expect(sourceClause('What year is given for the trip in the op-ed?', PASSAGES).asked).toBe('What year is given for the trip?');
    expect(sourceClause('Who died in the war described in the paper?', PASSAGES).asked).toBe('Who died in the war?');
    expect(sourceClause('Which militias fight in Syria?', PASSAGES).asked).toBe('Which militias fight in Syria?');
    // a place that shares a word with an outlet is no source
    expect(sourceClause('What happened in Jerusalem?', PASSAGES)).toEqual({ asked: 'What happened in Jerusalem?', docIds: new Set() });
    // the document the thing asked is of, when named by name
    expect(sourceClause('What is the central research question of the Roomi paper?', PASSAGES)).toEqual({
      asked: 'What is the central research question?',
      docIds: new Set(['paper']),
    });
    expect(sourceClause('What is the purpose of the study?', PASSAGES).asked).toBe('What is the purpose of the study?');
    expect(sourceClause('What is the capital of Russia?', PASSAGES).asked).toBe('What is the capital of Russia?');
    // a document called by its year
    const dated = PASSAGES.map((p) => (p.docId === 'analysis' ? { ...p, date: '2024-12-04' } : p));
    expect(sourceClause('In which month and year did Russia invade Ukraine, according to the 2024 analysis?', dated)).toEqual({
      asked: 'In which month and year did Russia invade Ukraine?',
      docIds: new Set(['analysis']),
    });
    // not one of the sources: what Putin said is asked
    expect(sourceClause('What did Iran gain, according to Putin?', PASSAGES)).toEqual({ asked: 'What did Iran gain, according to Putin?', docIds: new Set() });
  });
});
