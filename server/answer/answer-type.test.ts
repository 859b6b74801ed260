import { describe, expect, it } from 'vitest';
import { answerType, statesAnswerType } from './answer-type.js';

describe('answerType', () => {
  it('reads the kind of answer from the question form', () => {
    expect(answerType('How many troops did Iran send?')).toBe('count');
    expect(answerType('When did the harbour reopen?')).toBe('date');
    expect(answerType('In which year did the war end?')).toBe('date');
    expect(answerType('Where were the officers spotted?')).toBe('place');
    expect(answerType('In which city did the officials meet?')).toBe('place');
    expect(answerType('What did the minister tell the envoy?')).toBe('speech');
    expect(answerType('Why did Russia intervene?')).toBeNull();
    expect(answerType('What theoretical framework does the paper use?')).toBeNull();
  });
});

describe('statesAnswerType', () => {
  it('needs something of that kind the question does not already hold', () => {
    expect(statesAnswerType('count', 'Iran sent 5,000 troops to Syria.', 'How many troops did Iran send?')).toBe(true);
    expect(statesAnswerType('count', 'Iran sent troops to Syria.', 'How many troops did Iran send?')).toBe(false);
    expect(statesAnswerType('count', 'On November 19, Israel found a large cache of arms.', 'How many weapons were in the cache?')).toBe(false);
    expect(statesAnswerType('count', 'The July 2015 trip was not a routine visit.', 'How many days did the trip last?')).toBe(false);
    expect(statesAnswerType('count', 'The trip lasted three days in July.', 'How many days did the trip last?')).toBe(true);
    expect(statesAnswerType('date', 'The harbour reopened in March 1998.', 'When did the harbour reopen?')).toBe(true);
    expect(statesAnswerType('date', 'The harbour may reopen soon.', 'When did the harbour reopen?')).toBe(false);
    expect(statesAnswerType('date', 'In July 2015 he flew to Moscow.', 'What happened in July 2015?')).toBe(false);
    expect(statesAnswerType('place', 'The officials met in Sanaa last week.', 'In which city did the officials meet?')).toBe(true);
    expect(statesAnswerType('place', 'The officials met last week.', 'In which city did the officials meet?')).toBe(false);
    expect(statesAnswerType('speech', 'The minister told him that talks would resume.', 'What did the minister tell the envoy?')).toBe(true);
    expect(statesAnswerType('speech', 'The minister met the envoy in Moscow.', 'What did the minister tell the envoy?')).toBe(false);
  });
});
