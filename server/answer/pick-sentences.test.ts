// Which ranked sentences an extractive answer quotes: the best, others rated as answers too, every item of a list.
import { describe, expect, it } from 'vitest';
import type { Passage } from '../contract.js';
import { loadDecisionModels } from './answer-decision.js';
import { candidateSentences } from './candidate-sentences.js';
import { pickSentences } from './extractive-answerer.js';
import type { RankedSentence } from './rank-sentences.js';

const model = loadDecisionModels().withSelector;

const passage = (text: string): Passage => ({
  chunkId: 'triggers#0', docId: 'triggers', title: 'Triggers', text, score: 1, start: 0, end: text.length, page: null, section: null,
  authors: [], date: null, url: null, publisher: null, kind: null, note: null,
});

/** Candidates of a passage ranked by the given selector logits (by position; unnamed ones far below). */
function ranked(text: string, logits: Record<number, number>): RankedSentence[] {
  return candidateSentences([passage(text)])
    .map((c) => {
      const selector = logits[c.position] ?? -9;
      return { ...c, selector, score: selector, cosine: 0.5, overlap: 0.5, typeMissing: false, typeFromPrevious: false, vector: null, decisive: true };
    })
    .sort((a, b) => b.score - a.score);
}

const LIST = [
  'A package can declare interest in events of three kinds of triggers:',
  '',
  '* Explicit triggers. These are activated by other packages.',
  '* File triggers. These are activated when files are installed.',
  '* Await triggers. These wait for the processing of others.',
  '',
  'Triggers are processed at the end of the run.',
].join('\n');

describe('pickSentences', () => {
  it('quotes a list lead-in with every item after it', () => {
    const r = ranked(LIST, { 0: 3 });
    const picked = pickSentences(r, model, { list: true }).map((s) => s.text);
    expect(picked[0]).toMatch(/three kinds of triggers:$/);
    expect(picked.slice(1).join(' ')).toMatch(/Explicit triggers.*File triggers.*Await triggers/);
    expect(picked.some((t) => t.startsWith('Triggers are processed'))).toBe(false);
  });

  it('quotes the items of a lead-in that is the only sentence it would quote', () => {
    const r = ranked(LIST, { 0: 3 });
    expect(pickSentences(r, model).length).toBeGreaterThanOrEqual(4);
  });

  it('quotes every sentence that names an item when the question asks for several', () => {
    const text = [
      'Russia has expanded its ties with the Houthis.',
      'Moscow also hosted a Hamas delegation.',
      'Hezbollah received Russian arms through Syria.',
      'The weather in Moscow was cold.',
    ].join(' ');
    const r = ranked(text, { 0: 2, 1: 1, 2: 0.8, 3: -8 });
    const one = pickSentences(r, model, { maxSentences: 1 }).map((s) => s.text);
    const list = pickSentences(r, model, { list: true }).map((s) => s.text);
    expect(one).toHaveLength(1);
    expect(list).toEqual([
      'Russia has expanded its ties with the Houthis.',
      'Moscow also hosted a Hamas delegation.',
      'Hezbollah received Russian arms through Syria.',
    ]);
  });

  it('leaves out sentences the selector rates far below the best, even for a list', () => {
    const text = [
      'Israel found a large cache of Russian arms held by Hezbollah.',
      'Many of the weapons had belonged to the Syrian army.',
      'In other words, the Hezbollah model is being implemented in Iraq.',
      'This phenomenon is also taking place in Lebanon.',
    ].join(' ');
    // within the score window a list widens, but three logits below the best
    const r = ranked(text, { 0: -0.3, 1: -1.5, 2: -3, 3: -3.2 });
    expect(pickSentences(r, model, { list: true }).map((s) => s.text)).toEqual([
      'Israel found a large cache of Russian arms held by Hezbollah.',
      'Many of the weapons had belonged to the Syrian army.',
    ]);
  });

  it('quotes every item of a list whose items run to several sentences, each once', () => {
    const text = [
      'Resorting to this strategy can harm Iran. Some of the probable harms are as follows:',
      '',
      '- Proxy wars frustrate the rival. Involving the rival in them costs it dearly.',
      '- The US and its allies reproduce takfiri groups. These groups rely on aggressive behaviour.',
      '- The West leads the proxy wars by indoctrinating Iranophobia.',
      '',
      'In conclusion, the axis guarantees Iran geopolitical self-confidence.',
    ].join('\n');
    // the first item is also rated an answer of its own
    const r = ranked(text, { 1: 3, 2: 2.5 });
    const picked = pickSentences(r, model).map((s) => s.text);
    expect(picked[0]).toMatch(/as follows:$/);
    expect(picked.filter((t) => t.startsWith('- '))).toEqual([
      '- Proxy wars frustrate the rival.',
      '- The US and its allies reproduce takfiri groups.',
      '- The West leads the proxy wars by indoctrinating Iranophobia.',
    ]);
    expect(new Set(picked).size).toBe(picked.length);
  });

  it("puts a list's items right after their lead-in, before other sentences the selector rates as answers", () => {
    const text = [
      'Some of the probable harms are as follows:',
      '',
      '- Proxy wars frustrate the rival.',
      '- The US and its allies reproduce takfiri groups.',
      '- The West leads the proxy wars by indoctrinating Iranophobia.',
      '',
      'Iran relies on resistance groups to contain US power. Iran seeks a regional balance. Tehran backs Hamas for its stance.',
      'Resistance groups serve Iran as a deterrent. They extend its reach.',
    ].join('\n');
    const r = ranked(text, { 0: 2, 4: 1.9, 5: 1.8, 6: 1.7, 7: 1.6, 8: 1.5 });
    const picked = pickSentences(r, model, { list: true }).map((s) => s.text);
    expect(picked.slice(0, 4)).toEqual([
      'Some of the probable harms are as follows:',
      '- Proxy wars frustrate the rival.',
      '- The US and its allies reproduce takfiri groups.',
      '- The West leads the proxy wars by indoctrinating Iranophobia.',
    ]);
    expect(picked.length).toBeLessThanOrEqual(6);
  });

  it('brings the items of a lead-in the selector rates below another sentence, for a list question', () => {
    // the Apache License's section 4: the best sentence is one of the items' neighbours, the lead-in third
    const text = [
      'You may reproduce and distribute copies of the Work in any medium, provided that You meet the following conditions:',
      '',
      '(a) You must give any other recipients of the Work a copy of this License; and',
      '(b) You must cause any modified files to carry prominent notices; and',
      '(c) You must retain all copyright notices from the Source form of the Work; and',
      '',
      'You may add Your own copyright statement to Your modifications. While redistributing the Work, You may choose to offer support for a fee.',
    ].join('\n');
    const r = ranked(text, { 5: 2, 2: 1.9, 0: 1.8 });
    const picked = pickSentences(r, model, { list: true }).map((s) => s.text);
    expect(picked).toEqual([
      'While redistributing the Work, You may choose to offer support for a fee.',
      'You may reproduce and distribute copies of the Work in any medium, provided that You meet the following conditions:',
      '(a) You must give any other recipients of the Work a copy of this License; and',
      '(b) You must cause any modified files to carry prominent notices; and',
      '(c) You must retain all copyright notices from the Source form of the Work; and',
    ]);
    // the best sentence an item, the lead-in comes first; a code line before a code block leads in no list
    const steps = [
      'Generating a PGO-optimized program involves following a workflow with four steps:',
      '',
      '1. Compile the program with instrumentation enabled.',
      '2. Run the instrumented program.',
      '3. Convert the .profraw file into a .profdata file.',
      '4. Compile the program again, using the profiling data.',
      '',
      'An instrumented program will create one or more .profraw files.',
    ].join('\n');
    expect(pickSentences(ranked(steps, { 1: 2, 0: 1.5, 5: 1.4 }), model, { list: true }).map((s) => s.text)).toEqual([
      steps.split('\n')[0],
      ...steps.split('\n').slice(2, 6),
      'An instrumented program will create one or more .profraw files.',
    ]);
    // not a list question: as the selector ranks them
    expect(pickSentences(r, model).map((s) => s.text).slice(0, 3)).toEqual([picked[0], picked[3], picked[1]]);
  });

  it('quotes the sentence before one that opens by pointing back to it, in its paragraph', () => {
    const text = 'Group adm is used for system monitoring tasks. Members of this group can read many log files in /var/log. Nobody else can.';
    expect(pickSentences(ranked(text, { 1: 2 }), model, { maxSentences: 1 }).map((s) => s.text)).toEqual([
      'Group adm is used for system monitoring tasks.',
      'Members of this group can read many log files in /var/log.',
    ]);
    // a sentence that names what it is about stands alone; so does a pointing sentence that opens its paragraph
    expect(pickSentences(ranked(text, { 0: 2 }), model, { maxSentences: 1 }).map((s) => s.text)).toEqual(['Group adm is used for system monitoring tasks.']);
    expect(pickSentences(ranked('Intro line.\n\nThis company was chartered in 1600.', { 1: 2 }), model, { maxSentences: 1 }).map((s) => s.text)).toEqual(['This company was chartered in 1600.']);
    expect(pickSentences(ranked('The company traded tea. It was chartered in 1600.', { 1: 2 }), model, { maxSentences: 1 }).map((s) => s.text)).toEqual(['It was chartered in 1600.']);
  });

  it("quotes the body sentence that a subtitle repeats the start of, once, in the subtitle's place", () => {
    const text = [
      'While Iran works at the local level, Russia uses its foreign policy tools to their benefit',
      '',
      'While Iran works at the local level, Russia uses its foreign policy tools to their benefit, including arms sales and credit lines.',
    ].join('\n');
    const r = ranked(text, { 0: 1, 1: 0.9 });
    expect(pickSentences(r, model).map((s) => s.text)).toEqual([
      'While Iran works at the local level, Russia uses its foreign policy tools to their benefit, including arms sales and credit lines.',
    ]);
  });
});
