import { describe, expect, it } from 'vitest';
import { asksNegated, negationUnmatched } from './negation.js';

describe('asksNegated', () => {
  it('finds a negation in the main clause of a question', () => {
    for (const q of [
      'Who did not charter the British East India Company?',
      "What wasn't apolitical Islam?",
      'Who has the Islamic Liberation Party never attempted to assassinate?',
      'Nobody has generalized the meaning of the word imperialism down to what?',
      'Which groups has Russia not engaged with?',
      'In which year did the treaty not apply?',
    ]) expect(asksNegated(q), q).toBe(true);
  });

  it('ignores a negation inside a relative or concessive clause, or in quoted words', () => {
    for (const q of [
      'Why does Tehran back groups like Hamas that do not share its Shiite faith?',
      'Why does Tehran back Sunni organisations like Hamas and Islamic Jihad even though they are not Shiite?',
      'How did he interpret the "neither East nor West" slogan?',
      'When did Soleimani go to Moscow?',
      'What is known about the notion of a national interest?',
    ]) expect(asksNegated(q), q).toBe(false);
  });
});

describe('negationUnmatched', () => {
  it('is 1 for a negated question over a sentence stating the affirmative fact, 0 when the sentence states a negative one', () => {
    const q = 'Who did not charter the British East India Company?';
    expect(negationUnmatched(q, 'The company was chartered by Queen Elizabeth I in 1600.')).toBe(1);
    expect(negationUnmatched(q, 'The Dutch did not charter it; they founded their own company.')).toBe(0);
    expect(negationUnmatched('Which treaty did France refuse to sign?', 'France signed the treaty in 1920.')).toBe(0);
    expect(negationUnmatched('Why did Russia not intervene in the war?', 'Russia refrained from intervening, fearing sanctions.')).toBe(0);
  });
});
