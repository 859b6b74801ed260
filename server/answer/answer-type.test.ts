import { describe, expect, it } from 'vitest';
import { answerType, statesAnswerType } from './answer-type.js';

describe('answerType', () => {
  it('reads the kind of answer from the question form', () => {
    expect(answerType('How many troops did Iran send?')).toBe('count');
    expect(answerType('When did the harbour reopen?')).toBe('date');
    expect(answerType('In which year did the war end?')).toBe('year');
    expect(answerType('What was the total value of Russian arms sales to Iran?')).toBe('count');
    expect(answerType("What was the budget of Rafsanjani's development plan?")).toBe('count');
    expect(answerType('Where were the officers spotted?')).toBe('place');
    expect(answerType('In which city did the officials meet?')).toBe('place');
    expect(answerType('What did the minister tell the envoy?')).toBe('speech');
    expect(answerType('Why did Russia intervene?')).toBeNull();
    expect(answerType('What theoretical framework does the paper use?')).toBeNull();
  });
  it('takes "when" and "where" as the question word only when an auxiliary follows, not as a clause', () => {
    expect(answerType('Prior to the final, when were the Broncos last there?')).toBe('date');
    expect(answerType('When John Fox left as head coach, who replaced him?')).toBeNull();
    expect(answerType('What colour were the jerseys when Elway was quarterback?')).toBeNull();
    expect(answerType('Who was born in the town where the treaty was signed?')).toBeNull();
  });
});

describe('statesAnswerType', () => {
  it('needs something of that kind the question does not already hold', () => {
    expect(statesAnswerType('count', 'Iran sent 5,000 troops to Syria.', 'How many troops did Iran send?')).toBe(true);
    expect(statesAnswerType('count', 'Iran sent troops to Syria.', 'How many troops did Iran send?')).toBe(false);
    expect(statesAnswerType('count', 'On November 19, Israel found a large cache of arms.', 'How many weapons were in the cache?')).toBe(false);
    expect(statesAnswerType('count', 'The July 2015 trip was not a routine visit.', 'How many days did the trip last?')).toBe(false);
    expect(statesAnswerType('count', 'The trip lasted three days in July.', 'How many days did the trip last?')).toBe(true);
    // "one" as a pronoun or in an idiom counts nothing
    expect(statesAnswerType('count', 'They may set up branches there one day.', 'How many members does the militia have?')).toBe(false);
    expect(statesAnswerType('count', 'It is one of the groups loyal to the IRGC.', 'How many members does the militia have?')).toBe(false);
    expect(statesAnswerType('count', 'No one knows the size of its arsenal.', 'How many members does the militia have?')).toBe(false);
    expect(statesAnswerType('count', 'The militia has one brigade in Syria.', 'How many brigades does the militia have?')).toBe(true);
    expect(statesAnswerType('date', 'The harbour reopened in March 1998.', 'When did the harbour reopen?')).toBe(true);
    expect(statesAnswerType('date', 'The harbour may reopen soon.', 'When did the harbour reopen?')).toBe(false);
    expect(statesAnswerType('date', 'In July 2015 he flew to Moscow.', 'What happened in July 2015?')).toBe(false);
    expect(statesAnswerType('year', 'On November 19, Israel announced it found a cache.', 'In which year did Iran begin funding Hezbollah?')).toBe(false);
    expect(statesAnswerType('year', 'Iran began funding Hezbollah in 1982.', 'In which year did Iran begin funding Hezbollah?')).toBe(true);
    expect(statesAnswerType('count', 'Russia uses arms sales and credit lines.', 'What was the total value of Russian arms sales?')).toBe(false);
    // a solar-hijri year beside the Gregorian one in a citation is a date, not an amount
    expect(statesAnswerType('count', 'He promoted unity (Hashemi Rafsanjani, 2015/1395).', 'What was the budget of the plan?')).toBe(false);
    expect(statesAnswerType('count', 'Goals got peripheral post-war (Yaghoubi, 2008/1387: 233).', 'What was the budget of the plan?')).toBe(false);
    expect(statesAnswerType('count', 'The plan cost 40 billion dollars (Yaghoubi, 2008: 233).', 'What was the budget of the plan?')).toBe(true);
    expect(statesAnswerType('place', 'The officials met in Sanaa last week.', 'In which city did the officials meet?')).toBe(true);
    expect(statesAnswerType('place', 'The officials met last week.', 'In which city did the officials meet?')).toBe(false);
    expect(statesAnswerType('speech', 'The minister told him that talks would resume.', 'What did the minister tell the envoy?')).toBe(true);
    expect(statesAnswerType('speech', 'The minister met the envoy in Moscow.', 'What did the minister tell the envoy?')).toBe(false);
    // a quotation of words states what was said; a phrase in scare quotes does not
    expect(statesAnswerType('speech', 'The envoy left with a promise: “we will reopen the talks next spring.”', 'What did the minister tell the envoy?')).toBe(true);
    expect(
      statesAnswerType('speech', 'Russia shapes the landscape at the expense of the United States through its support of this “arc of influence”.', 'What did Putin say to Soleimani?'),
    ).toBe(false);
  });
});
