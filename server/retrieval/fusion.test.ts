import { describe, expect, it } from 'vitest';
import { convexFusion, normalise, reciprocalRankFusion } from './fusion.js';

const lexical = [
  { index: 0, score: 8 },
  { index: 1, score: 4 },
  { index: 2, score: 2 },
];
const dense = [
  { index: 2, score: 0.9 },
  { index: 3, score: 0.6 },
  { index: 0, score: 0.3 },
];

describe('normalise', () => {
  it('max, min-max, z-score, fixed, saturate and max-fixed', () => {
    expect(normalise(lexical, 'max')).toEqual([1, 0.5, 0.25]);
    expect(normalise(lexical, 'min-max')).toEqual([1, 1 / 3, 0]);
    // mean 14/3, population sd = sqrt(56/9)
    const z = normalise(lexical, 'z-score');
    expect(z[0]).toBeCloseTo((8 - 14 / 3) / Math.sqrt(56 / 9), 10);
    expect(z.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 10);
    expect(normalise(lexical, 'fixed', 5)).toEqual([1, 0.8, 0.4]);
    expect(normalise([{ index: 0, score: -0.2 }], 'fixed', 1)).toEqual([0]);
    expect(normalise([], 'max')).toEqual([]);
    expect(normalise([{ index: 0, score: 2 }, { index: 1, score: 0 }], 'saturate', 2)).toEqual([1 - Math.exp(-1), 0]);
    expect(normalise(lexical, 'max-fixed', 4)).toEqual([1, 0.5, 0.25]);
    expect(normalise(lexical, 'max-fixed', 16)).toEqual([0.5, 0.25, 0.125]);
  });
});

describe('convexFusion', () => {
  it('w · dense + (1 − w) · lexical, a side that lacks the chunk counting 0', () => {
    const fused = convexFusion(lexical, dense, { denseWeight: 0.7, lexicalNorm: 'max', denseNorm: 'fixed' });
    // 2: 0.7·0.9 + 0.3·0.25 = 0.705; 0: 0.7·0.3 + 0.3·1 = 0.51; 3: 0.7·0.6 = 0.42; 1: 0.3·0.5 = 0.15
    expect(fused.map((h) => h.index)).toEqual([2, 0, 3, 1]);
    expect(fused.map((h) => h.score)).toEqual([0.705, 0.51, 0.42, 0.15].map((x) => expect.closeTo(x, 10)));
    expect(fused[0]).toMatchObject({ lexical: 2, dense: 0.9 });
    expect(fused[2]).not.toHaveProperty('lexical');
    expect(fused[3]).not.toHaveProperty('dense');
  });

  it('a chunk missing from a list that came back full (depth) gets that list’s lowest value', () => {
    const fused = convexFusion(lexical, dense, { denseWeight: 0.5, lexicalNorm: 'max', denseNorm: 'fixed', depth: 3 });
    // 3 is missing from the full lexical list (lowest 0.25), 1 from the full dense list (lowest 0.3):
    // 2: 0.5·0.9 + 0.5·0.25 = 0.575; 0: 0.5·0.3 + 0.5·1 = 0.65; 3: 0.5·0.6 + 0.5·0.25 = 0.425; 1: 0.5·0.3 + 0.5·0.5 = 0.4
    expect(fused.map((h) => [h.index, h.score])).toEqual([[0, 0.65], [2, 0.575], [3, 0.425], [1, 0.4]].map(([i, x]) => [i, expect.closeTo(x, 10)]));
    // shorter than depth: the list holds every match, so missing means 0
    const short = convexFusion(lexical, dense, { denseWeight: 0.5, lexicalNorm: 'max', denseNorm: 'fixed', depth: 4 });
    expect(short.find((h) => h.index === 3)?.score).toBeCloseTo(0.3, 10);
  });

  it('weight 0 and 1 reproduce each list alone', () => {
    const lexOnly = convexFusion(lexical, [], { denseWeight: 0, lexicalNorm: 'max', denseNorm: 'fixed' });
    expect(lexOnly.map((h) => [h.index, h.score])).toEqual([[0, 1], [1, 0.5], [2, 0.25]]);
    const denseOnly = convexFusion([], dense, { denseWeight: 1, lexicalNorm: 'max', denseNorm: 'fixed' });
    expect(denseOnly.map((h) => [h.index, h.score])).toEqual([[2, 0.9], [3, 0.6], [0, 0.3]]);
  });
});

describe('reciprocalRankFusion', () => {
  it('sums 1 / (k + rank)', () => {
    const fused = reciprocalRankFusion(lexical, dense, 60);
    // 0: 1/61 + 1/63; 2: 1/63 + 1/61; 1: 1/62; 3: 1/62 — ties keep the lower index first
    expect(fused.map((h) => h.index)).toEqual([0, 2, 1, 3]);
    expect(fused[0].score).toBeCloseTo(1 / 61 + 1 / 63, 12);
    expect(fused[2].score).toBeCloseTo(1 / 62, 12);
  });
});
