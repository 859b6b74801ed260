import { describe, expect, it } from 'vitest';
import { asksNegated, negationUnmatched, prefixNegated } from './negation.js';

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

describe('negationUnmatched, near the question', () => {
  it('does not count a negation about something the question does not name', () => {
    const q = 'Who did not meet Soleimani in Moscow?';
    expect(negationUnmatched(q, 'The July 2015 trip was not a routine diplomatic courtesy.')).toBe(1);
    expect(negationUnmatched(q, 'Lavrov did not meet Soleimani during the Moscow visit.')).toBe(0);
    // reworded: the cue sits beside a word the question shares ("light"), not beside its verb
    expect(negationUnmatched("What plants don't need light to make chloroplasts?", 'Gymnosperms do not require light to form chloroplasts.')).toBe(0);
  });
});

describe('prefixNegated', () => {
  it('finds a question word that negates a word of the sentence by its prefix', () => {
    expect(prefixNegated('What has Islamism been interdependent with following the non-Arab Spring?', 'Following the Arab Spring, Roy has described Islamism as "increasingly interdependent" with democracy.')).toBe('non-Arab');
    expect(prefixNegated('Up until 1990, Saudi Arabia played an unimportant role in restraining what groups?', 'Prior to 1990 Saudi Arabia played an important role in restraining the many Islamist groups.')).toBe('unimportant');
  });

  it('is null when the sentence uses the prefixed word or negates the plain one', () => {
    expect(prefixNegated('Which non-state actors does Russia engage?', 'Russia engages state and non-state actors alike.')).toBeNull();
    expect(prefixNegated('What can the non-elected members not do?', 'As they are not elected MSPs, they cannot vote.')).toBeNull();
    expect(prefixNegated('What role did Saudi Arabia play?', 'Saudi Arabia played an important role.')).toBeNull();
  });
});
