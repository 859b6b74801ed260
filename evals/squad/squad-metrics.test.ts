import { describe, expect, it } from 'vitest';
import { containsAnswer } from './squad-metrics.js';

describe('containsAnswer', () => {
  it('finds a gold answer as whole tokens, punctuation read as a word break', () => {
    expect(containsAnswer("…due to President Mahmoud Ahmadinejad's vehement opposition.", ['President Mahmoud Ahmadinejad'])).toBe(true);
    expect(containsAnswer('as it lacks a political focus.[further explanation needed]', ['political focus'])).toBe(true);
    expect(containsAnswer('the strict, conservative Saudi-based Wahhabism', ['Saudi'])).toBe(true);
    // the official normalisation still counts: "U.S." is "us"
    expect(containsAnswer('The U.S. Navy sailed.', ['US Navy'])).toBe(true);
  });

  it('does not find part of a word or a missing answer', () => {
    expect(containsAnswer('Saudis funded it.', ['Saudi'])).toBe(false);
    expect(containsAnswer('The cache held rifles.', ['anti-tank missiles'])).toBe(false);
    expect(containsAnswer('In 2003 the war began.', ['March 2003'])).toBe(false);
  });
});
