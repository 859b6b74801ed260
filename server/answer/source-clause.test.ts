import { describe, expect, it } from 'vitest';
import { withoutSourceClause } from './source-clause.js';

describe('withoutSourceClause', () => {
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
});
