import { describe, expect, it } from 'vitest';
import { answerCandidates, attachedNumbers, quantityCandidates, reportsSpeech } from './answer-candidates.js';
import { analyzeQuestion } from './question-analysis.js';

const summary = (q: string) => {
  const a = analyzeQuestion(q);
  return { type: a.type, entities: a.entities.map((w) => w.text), focus: a.focus.map((w) => w.text) };
};

describe('analyzeQuestion', () => {
  it('maps wh-words and type nouns to the expected kind of answer', () => {
    expect(
      [
        'When did Soleimani travel to Moscow?',
        'How many fighters does the brigade have?',
        'Who met Soleimani?',
        'Where were the officers spotted?',
        'What year did the war end?',
        'What is the population of Brazil?',
        'Which militias fight alongside IRGC commanders?',
        'Why does Iran back Hamas?',
        'What did Soleimani tell Putin?',
        'In which country is Ahvaz?',
      ].map((q) => analyzeQuestion(q).type),
    ).toEqual(['date', 'number', 'person', 'place', 'date', 'number', 'entity', 'none', 'none', 'place']);
  });

  it('splits content words into entities and the asked-for relation', () => {
    expect(summary('What did Soleimani tell Putin at the Moscow meeting?')).toEqual({
      type: 'none',
      entities: ['Soleimani', 'Putin', 'Moscow'],
      focus: ['tell', 'meeting'],
    });
    expect(summary('Which South Asian militias fight alongside IRGC commanders?')).toEqual({
      type: 'entity',
      entities: ['South', 'Asian', 'IRGC'],
      focus: ['militias', 'fight', 'alongside', 'commanders'],
    });
  });
});

describe('answerCandidates', () => {
  const none = new Set<string>();
  it('finds dates and numbers not already in the question', () => {
    expect(answerCandidates('In July 2015, two months before Russia acted, he flew.', 'date', none).map((w) => w.text)).toEqual(['July', '2015']);
    expect(answerCandidates('The brigade has 3,000 fighters and two bases.', 'number', none).map((w) => w.text)).toEqual(['3,000', 'two']);
    expect(answerCandidates('It happened in 2015.', 'date', new Set(['2015']))).toEqual([]);
  });
  it('tells people from places by the tagger', () => {
    const s = 'The delegation included Defense Minister Sergei Shoigu in Moscow.';
    expect(answerCandidates(s, 'person', none).map((w) => w.text)).toContain('Shoigu');
    expect(answerCandidates(s, 'person', none).map((w) => w.text)).not.toContain('Moscow');
    expect(answerCandidates(s, 'place', none).map((w) => w.text)).toContain('Moscow');
  });
  it('finds no name in a sentence without one', () => {
    expect(answerCandidates('They are melding into state institutions.', 'person', none)).toEqual([]);
  });
});

describe('finer kinds of date and quantity questions', () => {
  const kindOf = (q: string) => analyzeQuestion(q).quantity;
  it('tells years, counts, money, shares, durations and ages apart', () => {
    expect(
      [
        'What year was the bridge opened?',
        'When did the strike begin?',
        'How many workers joined the strike?',
        'How much money did the city borrow?',
        'What percentage of voters backed the plan?',
        'How long did the siege last?',
        'How old was the composer when he died?',
        'Who founded the company?',
      ].map(kindOf),
    ).toEqual(['year', 'date', 'count', 'money', 'percent', 'duration', 'age', null]);
  });

  it('finds the asked-for noun and whether the question asks what someone said', () => {
    const a = analyzeQuestion('How many Dutch ships were sunk?');
    expect(a.askedNoun?.text).toBe('ships');
    expect(analyzeQuestion('Which airline carried the delegation?').askedNoun?.text).toBe('airline');
    expect(analyzeQuestion('What did the mayor promise the workers?').asksForSpeech).toBe(true);
    expect(analyzeQuestion('What did the mayor build?').asksForSpeech).toBe(false);
  });
});

describe('quantities in a sentence', () => {
  const texts = (ws: { text: string }[]) => ws.map((w) => w.text);
  it('finds currency amounts, percentages, years and durations, not other numbers', () => {
    const none = new Set<string>();
    expect(texts(quantityCandidates('The loan of $40 million was repaid by 12 banks.', 'money', none))).toEqual(['40']);
    expect(texts(quantityCandidates('About 60 percent of the 300 members voted.', 'percent', none))).toEqual(['60']);
    expect(texts(quantityCandidates('The bridge opened in 1932 after 4 attempts.', 'year', none))).toEqual(['1932']);
    expect(quantityCandidates('The committee met in the capital.', 'duration', none)).toEqual([]);
    expect(texts(quantityCandidates('The siege lasted several weeks.', 'duration', none))).toContain('weeks');
  });

  it('a number counts things only when it is attached to the counted noun', () => {
    const ships = new Set(['ship']);
    const none = new Set<string>();
    expect(texts(attachedNumbers('The navy lost 14 large ships in the storm.', ships, none))).toEqual(['14']);
    expect(attachedNumbers('Two months later, the ships returned to port.', ships, none)).toEqual([]);
    expect(attachedNumbers('In 1805, the fleet of ships sailed.', ships, none)).toEqual([]);
  });

  it('knows a sentence that reports speech from one that does not', () => {
    expect(reportsSpeech('The mayor told reporters the bridge would reopen.')).toBe(true);
    expect(reportsSpeech('“We will rebuild the bridge within a year,” the mayor added.')).toBe(true);
    expect(reportsSpeech('The mayor met the workers at the bridge.')).toBe(false);
  });
});
