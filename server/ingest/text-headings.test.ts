import { describe, expect, it } from 'vitest';
import { underlinedHeadings } from './text-headings.js';

describe('underlinedHeadings', () => {
  it('finds Setext headings of a plain-text spec (dpkg triggers.txt), drops the rules and takes the first as title', () => {
    const text = 'TRIGGERS\n========\n\nIntroduction\n------------\n\nA dpkg trigger is a facility.\n\nDetails - Overview table\n------------------------\n\n  Status   Pending\n';
    expect(underlinedHeadings(text)).toEqual({
      text: 'TRIGGERS\n\nIntroduction\n\nA dpkg trigger is a facility.\n\nDetails - Overview table\n\n  Status   Pending\n',
      headings: ['TRIGGERS', 'Introduction', 'Details - Overview table'],
      title: 'TRIGGERS',
    });
  });

  it('takes reStructuredText over- and underlined titles', () => {
    expect(underlinedHeadings('==========\nUser Guide\n==========\n\nText.')).toEqual({ text: 'User Guide\n\nText.', headings: ['User Guide'], title: 'User Guide' });
  });

  it('leaves separators under sentences, list items and short rules alone', () => {
    for (const text of ['The meeting ended at noon.\n----------', '- an item\n--------', 'A long line that is not underlined as a heading\n---']) {
      expect(underlinedHeadings(text)).toEqual({ text, headings: [] });
    }
  });

  it('gives no title when the first heading is not the first line', () => {
    expect(underlinedHeadings('Preface text here\n\nUsage\n=====\n').title).toBeUndefined();
  });
});
