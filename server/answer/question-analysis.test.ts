import { describe, expect, it } from 'vitest';
import { answerCandidates } from './answer-candidates.js';
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
