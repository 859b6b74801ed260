import { describe, expect, it } from 'vitest';
import { dateInText } from './date-in-text.js';

describe('dateInText', () => {
  it('finds the date of a title page line, and not a review date or a copyright year', () => {
    expect(dateInText({ text: 'GNU GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007\n\nPreamble' })).toEqual({ date: '29 June 2007', start: 27, end: 50 });
    expect(dateInText({ text: 'A Paper\n\nReceived: 12 May 2020; accepted: June 3, 2020\n\nCopyright 2021-01-05 The Authors' })).toBeNull();
    expect(dateInText({ text: `Title\n\n${'A long first paragraph of prose that mentions 4 December 2024 in passing. '.repeat(3)}` })).toBeNull();
  });
});
