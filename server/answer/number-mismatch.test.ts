import { describe, expect, it } from 'vitest';
import { numberMismatch, numbersIn } from './number-mismatch.js';

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
