import { describe, expect, it } from 'vitest';
import { topK } from './top-k.js';

describe('topK', () => {
  it('keeps the k best scores above the bound, best first, ties by chunk order, as a full sort would', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const n of [0, 1, 5, 100, 2000]) {
      // Few distinct values, so ties are common; a third are zero (no match).
      const scores = Float64Array.from({ length: n }, () => (rand() < 0.33 ? 0 : Math.floor(rand() * 20) / 4));
      const sorted = [...scores.keys()].filter((i) => scores[i] > 0).sort((a, b) => scores[b] - scores[a] || a - b);
      for (const k of [0, 1, 3, 50, 5000]) {
        expect(topK(scores, k, { above: 0 })).toEqual(sorted.slice(0, k).map((index) => ({ index, score: scores[index] })));
      }
    }
  });

  it('without a bound keeps every score, negative ones too (cosine)', () => {
    expect(topK([0.5, 0.9, 0.5, -0.2], 3)).toEqual([
      { index: 1, score: 0.9 },
      { index: 0, score: 0.5 },
      { index: 2, score: 0.5 },
    ]);
    expect(topK([-1, -0.5], 5).map((h) => h.index)).toEqual([1, 0]);
    expect(topK([1], 0)).toEqual([]);
  });
});
