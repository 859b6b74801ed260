import { describe, expect, it } from 'vitest';
import { impliedYear, numberMismatch, numbersIn, yearsAbsent } from './number-mismatch.js';

describe('numbersIn', () => {
  it('reads counts in digits and words, years, decades and ordinals; not "one", a decade without its century, or "second"', () => {
    expect(numbersIn('Iqbal gave eight lectures, 12 talks and 1,200 speeches in 1930 and the 21st session.')).toEqual([
      { value: '8', kind: 'cardinal' },
      { value: '12', kind: 'cardinal' },
      { value: '1200', kind: 'cardinal' },
      { value: '1930', kind: 'year' },
      { value: '21', kind: 'ordinal' },
    ]);
    expect(numbersIn('One of them, in the 80s, waited a second.')).toEqual([]);
    expect(numbersIn("In the 1990s and the 1940's")).toEqual([
      { value: '1990', kind: 'decade' },
      { value: '1940', kind: 'decade' },
    ]);
  });
});

describe('numberMismatch', () => {
  it('is 1 when the sentence states another number of the kind the question names', () => {
    expect(numberMismatch('What were the national elections in 1994 canceled by?', 'National elections in 1991 were canceled by a military coup.')).toBe(1);
    expect(numberMismatch("What book were Iqbal's eight English lectures published as?", "Iqbal's seven English lectures were published in 1934.")).toBe(1);
    expect(numberMismatch("Where did France lose a war in the 1940's?", 'France fought and lost a bitter war in Vietnam in the 1950s.')).toBe(1);
    expect(numberMismatch("Where did France lose a war in the 1950's?", 'France fought and lost a bitter war in Vietnam in the 1950s.')).toBe(0);
  });

  it('is 0 when the sentence states the same number, states none of that kind, or the question names only an ordinal', () => {
    expect(numberMismatch('What were the national elections in 1991 canceled by?', 'National elections in 1991 were canceled by a military coup.')).toBe(0);
    expect(numberMismatch('What were the elections in 1991 canceled by?', 'The elections were canceled by a military coup.')).toBe(0);
    expect(numberMismatch('Who was elected in 1930?', 'In 1930 and again in 1932 Iqbal was elected president.')).toBe(0);
    expect(numberMismatch('Europe first colonized the Americas, then Asia, but what continent was third?', 'First in the Americas, second in Asia and lastly in Africa.')).toBe(0);
  });
});

describe('the year a dated document implies', () => {
  it('reads a day of a month without a year as the document\'s year, or the year before for a later month', () => {
    expect(impliedYear('On November 19, Israel announced it found a large cache.', '2024-12-04')).toBe('2024');
    expect(impliedYear('(Times of Israel, 19 November)', '2024-12-04')).toBe('2024');
    expect(impliedYear('On December 3, the talks resumed.', '2025-01-10')).toBe('2024');
    // a year stated, no day, an undated document, or "may" the verb: nothing implied
    expect(impliedYear('In July 2015, Soleimani flew to Moscow.', '2024-12-04')).toBeNull();
    expect(impliedYear('In November, the talks resumed.', '2024-12-04')).toBeNull();
    expect(impliedYear('On November 19, Israel announced it.', null)).toBeNull();
    expect(impliedYear('They may 5 times go.', '2024-12-04')).toBeNull();
  });

  it('makes a dated sentence state its year: a question about another year is not answered by it', () => {
    const sentence = 'On November 19, Israel announced it found a large cache of Russian arms.';
    expect(numberMismatch('What did Israel find in November 2023?', sentence, '2024-12-04')).toBe(1);
    expect(numberMismatch('What did Israel find in November 2024?', sentence, '2024-12-04')).toBe(0);
    expect(numberMismatch('What did Israel find in November 2023?', sentence)).toBe(0);
  });

  it('finds the years of a question that no passage states, dates or implies', () => {
    const passages = [
      { title: 'Russia Increases Ties', text: 'On November 19, Israel announced it found a cache.', date: '2024-12-04' },
      { title: 'Soleimani', text: 'In July 2015, Soleimani flew to Moscow.', date: null },
    ];
    expect(yearsAbsent('What did Israel find in November 2023?', passages)).toEqual(['2023']);
    expect(yearsAbsent('What did Israel find in November 2024, and where did Soleimani fly in 2015?', passages)).toEqual([]);
    expect(yearsAbsent('Who met Soleimani in the 1990s or in the 21st century?', passages)).toEqual([]);
  });
});
