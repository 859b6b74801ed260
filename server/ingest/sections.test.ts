import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanText } from './clean.js';
import { detectSections, isReferencesHeading } from './sections.js';

const CORPUS = path.resolve(import.meta.dirname, '../../corpus');
const cleanedSeed = (name: string) => cleanText(readFileSync(path.join(CORPUS, name), 'utf8'));
const BODY = 'This paragraph is ordinary running text with enough words to count as the body of a section.';

describe('detectSections', () => {
  it('finds the sections of the seed paper and marks only the bibliography as references', () => {
    const text = cleanedSeed('resistance-axis-iran-regional-policy-roomi.txt');
    const sections = detectSections(text);
    expect(sections.map((s) => [s.heading, s.isReferences])).toEqual([
      ['Abstract', false],
      ['Introduction', false],
      ['Defensive Policy', false],
      ['Conclusion', false],
      ['References', true],
    ]);
    // spans are contiguous, start at their heading and the last one runs to the end
    for (const [i, s] of sections.entries()) {
      expect(text.slice(s.start, s.start + s.heading.length)).toBe(s.heading);
      expect(s.end).toBe(sections[i + 1]?.start ?? text.length);
    }
    expect(text.slice(sections[4].start)).toContain('Yaghoubi, Saeid (2008/1387)');
  });

  it('does not take a title block (date, title, author) for headings', () => {
    expect(detectSections(cleanedSeed('russia-ties-axis-of-resistance-avdaliani-2024.txt'))).toEqual([]);
    expect(detectSections(cleanedSeed('russia-iran-converge-soleimani-jpost.txt'))).toEqual([]);
  });

  it("takes a man page's capitals headings, not its environment variables and option terms (groff PDF of tar(1), issue 22)", () => {
    const text = [
      'NAME',
      'tar - an archiving utility',
      'SYNOPSIS',
      'tar -c [-f ARCHIVE] [OPTIONS] [FILE...]',
      'DESCRIPTION',
      BODY,
      'When started, it will inherit tar’s environment plus the following variables:',
      'TAR_VERSION',
      'GNU tar version number.',
      'TAR_FILETYPE',
      'Type of the file. It is a single letter with the following meaning:',
      'OLDGRP NEWGRP[:NEWGID]',
      BODY,
      'SEE ALSO',
      'bzip2(1), compress(1), gzip(1).',
    ].join('\n\n');
    expect(detectSections(text).map((s) => s.heading)).toEqual(['SYNOPSIS', 'DESCRIPTION', 'SEE ALSO']);
  });

  it('uses the headings the format marked, and nothing else title-like, when there are any', () => {
    const text = `Night Trains\n\n${BODY}\n\nWhy Now\n\n${BODY}\n\nLooks Like A Title\n\n${BODY}`;
    expect(detectSections(text, ['Night Trains', 'Why Now']).map((s) => s.heading)).toEqual(['Night Trains', 'Why Now']);
    expect(detectSections(text).map((s) => s.heading)).toEqual(['Why Now', 'Looks Like A Title']);
  });

  it('recognises numbered headings but not numbered list items or dates', () => {
    const text = [
      '1. Introduction', BODY, '2.1 Data Sources', BODY, '4 December 2024', BODY,
      '1. Apples\n2. Pears', BODY, 'IV. Findings', BODY, '3. The wells were sampled.', BODY,
    ].join('\n\n');
    expect(detectSections(text).map((s) => s.heading)).toEqual(['1. Introduction', '2.1 Data Sources', 'IV. Findings']);
  });

  it('keeps marked sub-headings of the bibliography in it, and ends it at a standard section', () => {
    const text = ['Results', BODY, 'Bibliography', 'Smith, J. (2001). A book.', 'Articles', 'Doe, A. (2002). A paper.', 'Appendix A', BODY].join('\n\n');
    expect(detectSections(text, ['Results', 'Bibliography', 'Articles', 'Appendix A']).map((s) => [s.heading, s.isReferences])).toEqual([
      ['Results', false],
      ['Bibliography', true],
      ['Articles', true],
      ['Appendix A', false],
    ]);
  });

  it('names the references headings', () => {
    for (const h of ['References', 'REFERENCES', '7. References', 'Bibliography', 'Works Cited', 'References:']) expect(isReferencesHeading(h), h).toBe(true);
    for (const h of ['Reference points', 'Introduction', 'Notes on sources']) expect(isReferencesHeading(h), h).toBe(false);
  });
});
