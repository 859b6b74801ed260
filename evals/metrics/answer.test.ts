import { describe, expect, it } from 'vitest';
import { abstentionError, checkFacts, stripMarkers } from './answer.js';
import { containsPhrase, normaliseText } from './normalise-text.js';

describe('fact matching (contract: case-insensitive, whitespace and punctuation normalised)', () => {
  it('normalises case, quotes, dashes and runs of whitespace', () => {
    expect(normaliseText('  Qassem  SOLEIMANI’s\ntrip — to Moscow! ')).toBe('qassem soleimani s trip to moscow');
  });

  it('matches whole words only', () => {
    const text = normaliseText("Iranian forces and Shoigu's delegation");
    expect(containsPhrase(text, 'Iran')).toBe(false);
    expect(containsPhrase(text, 'Iranian')).toBe(true);
    expect(containsPhrase(text, 'shoigu')).toBe(true);
    expect(containsPhrase(text, '...')).toBe(false);
  });

  it('counts a fact when any phrasing is present and lists the missing ones', () => {
    const answer = 'In July, 2015 the Quds Force commander flew to Moscow [1], meeting Sergei Shoigu [2].';
    const r = checkFacts(answer, [['July 2015'], ['Shoigu', 'Sergei Shoigu'], ['Vladimir Putin', 'Putin']]);
    expect(r.found).toEqual(['July 2015', 'Shoigu']);
    expect(r.missing).toEqual([['Vladimir Putin', 'Putin']]);
    expect(r.recall).toBeCloseTo(2 / 3, 10);
  });

  it('does not read citation markers as numbers of the answer', () => {
    expect(stripMarkers('It was 2015 [1][2, 3].').trim()).toBe('It was 2015   .');
    expect(checkFacts('See [1].', [['1']]).recall).toBe(0);
  });

  it('has no fact recall for a case without facts', () => {
    expect(checkFacts('anything', []).recall).toBeNull();
  });
});

describe('abstention', () => {
  it('an unanswerable case is right only with an abstention and no citations', () => {
    expect(abstentionError(false, { abstained: true, citations: [] })).toBeNull();
    expect(abstentionError(false, { abstained: true, citations: [{}] })).toBe('should-abstain');
    expect(abstentionError(false, { abstained: false, citations: [] })).toBe('should-abstain');
  });

  it('an answerable case is wrong when the assistant abstained', () => {
    expect(abstentionError(true, { abstained: true, citations: [] })).toBe('should-answer');
    expect(abstentionError(true, { abstained: false, citations: [] })).toBeNull();
  });
});
