import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMIT, subsetSize } from './subset-size.js';

describe('subsetSize', () => {
  it('measures a seeded subset of a large split unless asked for all of it', () => {
    expect(subsetSize(undefined, 4767)).toBe(DEFAULT_LIMIT);
    expect(subsetSize('all', 4767)).toBeNull();
    expect(subsetSize(undefined, 800)).toBeNull();
  });
  it('takes an explicit limit, and no subset when the limit covers every question', () => {
    expect(subsetSize('1000', 4767)).toBe(1000);
    expect(subsetSize('5000', 4767)).toBeNull();
  });
  it('rejects a limit that is not a positive whole number', () => {
    expect(() => subsetSize('0', 10)).toThrow(/--limit/);
    expect(() => subsetSize('ten', 10)).toThrow(/--limit/);
  });
});
