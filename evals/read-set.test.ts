import { describe, expect, it } from 'vitest';
import { parseSet } from './read-set.js';

describe('parseSet', () => {
  it('reads the contract format, with history and category', () => {
    const { cases, errors } = parseSet(
      [
        '{"id": "q01", "question": " When? ", "answerable": true, "expected_sources": ["a"], "expected_facts": [["July 2015"], ["Shoigu", "Sergei Shoigu"]], "category": "single-fact", "group": "g1"}',
        '',
        '{"id": "q02", "question": "And then?", "answerable": false, "history": [{"role": "user", "content": "When?"}, {"role": "assistant", "content": "In 2015."}], "extra": 1}',
      ].join('\n'),
    );
    expect(errors).toEqual([]);
    expect(cases).toEqual([
      {
        id: 'q01',
        question: 'When?',
        answerable: true,
        expectedSources: ['a'],
        expectedFacts: [['July 2015'], ['Shoigu', 'Sergei Shoigu']],
        history: [],
        category: 'single-fact',
        group: 'g1',
        line: 1,
      },
      {
        id: 'q02',
        question: 'And then?',
        answerable: false,
        expectedSources: [],
        expectedFacts: [],
        history: [
          { role: 'user', content: 'When?' },
          { role: 'assistant', content: 'In 2015.' },
        ],
        category: null,
        group: null,
        line: 3,
      },
    ]);
  });

  it('reports each malformed line with its number and reason, and keeps the good ones', () => {
    const { cases, errors } = parseSet(
      [
        '{"id": "ok1", "question": "Fine?"}',
        '{"id": "bad-json", "question": ',
        '{"id": "no-q", "answerable": true}',
        '{"id": "facts", "question": "x", "expected_facts": [[]]}',
        '{"id": "ok1", "question": "Again?"}',
        '{"id": "hist", "question": "x", "history": [{"role": "system", "content": "x"}]}',
        '[1, 2]',
        '{"id": "ans", "question": "x", "answerable": "yes"}',
      ].join('\n'),
    );
    expect(cases.map((c) => c.id)).toEqual(['ok1']);
    expect(errors.map((e) => [e.line, e.id])).toEqual([
      [2, null],
      [3, 'no-q'],
      [4, 'facts'],
      [5, 'ok1'],
      [6, 'hist'],
      [7, null],
      [8, 'ans'],
    ]);
    expect(errors[0].reason).toMatch(/^not valid JSON/);
    expect(errors[1].reason).toBe('"question" must be a non-empty string');
    expect(errors[2].reason).toBe('"expected_facts"[0] must be a non-empty list of non-empty strings');
    expect(errors[3].reason).toMatch(/duplicate id "ok1"/);
    expect(errors[5].reason).toBe('expected a JSON object');
  });

  it('reads a bare string fact as one phrasing and defaults a missing id to the line', () => {
    const { cases } = parseSet('{"question": "x", "expected_facts": ["Moscow", ["Shoigu"]]}');
    expect(cases[0].id).toBe('line-1');
    expect(cases[0].expectedFacts).toEqual([['Moscow'], ['Shoigu']]);
    expect(cases[0].answerable).toBe(true);
  });
});
