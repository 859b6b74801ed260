import { describe, expect, it } from 'vitest';
import { dateFromText } from './date-from-text.js';

describe('dateFromText', () => {
  it('reads the date printed in the title block', () => {
    expect(dateFromText('GNU GENERAL PUBLIC LICENSE\n\nVersion 3, 29 June 2007\n\nCopyright (C) 2007 Free Software Foundation, Inc.')).toBe('2007-06-29');
    expect(dateFromText('Apache License Version 2.0, January 2004 http://www.apache.org/licenses/\n\nTERMS AND CONDITIONS')).toBe('2004-01');
    expect(dateFromText('Harbour Survey\n\nMarch 3, 1902\n\nA. Writer')).toBe('1902-03-03');
    expect(dateFromText('Release notes\n\n2021-04-01')).toBe('2021-04-01');
  });

  it('reads nothing below the first paragraph of running text, and no bare years or other words', () => {
    expect(dateFromText('Field Guide\n\nThe marshes were surveyed by two teams over a long summer of fieldwork and counting.\n\nJune 2007')).toBeNull();
    expect(dateFromText('Field Guide\n\nEdition 2007\n\nMay the reader forgive us')).toBeNull();
  });
});
