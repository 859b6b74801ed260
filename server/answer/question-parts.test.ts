import { describe, expect, it } from 'vitest';
import { splitQuestion } from './question-parts.js';

describe('splitQuestion', () => {
  it('splits two questions joined by a conjunction or a question mark, each made standalone', () => {
    expect(splitQuestion('When did Soleimani go to Moscow, and who did he meet there?')).toEqual([
      'When did Soleimani go to Moscow?',
      'Who did he meet there (Soleimani, Moscow)?',
    ]);
    expect(splitQuestion('What did the council decide in 1998 and why did the mayor object?')).toEqual([
      'What did the council decide in 1998?',
      'Why did the mayor object (1998)?',
    ]);
    expect(splitQuestion('Who wrote the report? When was it published?')).toEqual([
      'Who wrote the report?',
      'When was it published (wrote the report)?',
    ]);
  });

  it('reads a trailing bare question word as its own question about the first part ("…, and when?")', () => {
    expect(splitQuestion('Where did Soleimani fly, and when?')).toEqual(['Where did Soleimani fly?', 'When did Soleimani fly?']);
    expect(splitQuestion('Who published the report, and when?')).toEqual(['Who published the report?', 'When published the report?']);
  });

  it('carries a leading attribution into every part', () => {
    expect(splitQuestion('According to Avdaliani, what has Russia been supplying to the Houthis, and who was seen in their territory?')).toEqual([
      'What has Russia been supplying to the Houthis, according to Avdaliani?',
      'Who was seen in their territory (Russia, Houthis), according to Avdaliani?',
    ]);
    expect(splitQuestion('According to the paper, what is the Axis?')).toEqual(['According to the paper, what is the Axis?']);
  });

  it('keeps one question whole when "and" joins words, not questions', () => {
    for (const q of [
      "Which Shi'ite militias from Pakistan and Afghanistan operate alongside IRGC commanders?",
      'When and where did the treaty get signed?',
      'What are the challenges and opportunities of the regional policy?',
      'How is Russia connected to Hezbollah and the Houthis?',
      'Name the groups and what they do.',
    ]) {
      expect(splitQuestion(q)).toEqual([q]);
    }
  });
});
