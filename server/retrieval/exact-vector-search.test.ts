import { describe, expect, it } from 'vitest';
import { ExactVectorSearch } from './exact-vector-search.js';

describe('ExactVectorSearch', () => {
  it('returns the k nearest rows by cosine, whatever the vectors’ lengths', async () => {
    const search = new ExactVectorSearch([
      [1, 0],
      [0, 3],
      [2, 2],
      [-1, 0],
    ]);
    const hits = await search.search([1, 0], 3);
    expect(hits.map((h) => h.index)).toEqual([0, 2, 1]);
    expect(hits.map((h) => h.score)).toEqual([1, Math.SQRT1_2, 0].map((x) => expect.closeTo(x, 6)));
    // cosines to [0, −1]: 0, −1, −0.707, 0 (a tie, lower index first)
    expect((await search.search([0, -5], 4)).map((h) => h.index)).toEqual([0, 3, 2, 1]);
  });
});
