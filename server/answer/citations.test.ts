import { describe, expect, it } from 'vitest';
import type { Passage } from '../contract.js';
import { attachCitations, citedSentences, findMarkers, renumberCitations } from './citations.js';
import type { SupportResult } from './support-check.js';

const passage = (i: number, text = `Passage ${i} text.`): Passage => ({
  chunkId: `doc${i}#0`,
  docId: `doc${i}`,
  title: `Doc ${i}`,
  text,
  score: 1 - i / 10,
  start: 0,
  end: text.length,
  page: null,
  section: null,
  authors: [`Author ${i}`],
  date: '2024-01-01',
  url: `https://example.org/${i}`,
  publisher: null,
});

describe('findMarkers', () => {
  it('reads [n], [n, m], [n][m], [n; m] and ranges', () => {
    expect(findMarkers('a [1] b [2, 3] c [4][5] d [6; 7] e [2-4]').map((g) => g.numbers)).toEqual([[1], [2, 3], [4], [5], [6, 7], [2, 3, 4]]);
  });
  it('ignores bracketed words and years', () => {
    expect(findMarkers('see [note] and [2015a] or [x1]')).toEqual([]);
  });
});

describe('renumberCitations', () => {
  it('renumbers in order of first use', () => {
    const r = renumberCitations('Alpha [3]. Beta [1]. Gamma [3][2].', 5);
    expect(r.text).toBe('Alpha [1]. Beta [2]. Gamma [1][3].');
    expect(r.order).toEqual([2, 0, 1]);
    expect(r.dropped).toEqual([]);
  });

  it('sorts and de-duplicates inside a group', () => {
    expect(renumberCitations('One [2]. Two [4, 2, 2].', 5).text).toBe('One [1]. Two [1, 2].');
  });

  it('drops markers that point at no passage, with the space before them', () => {
    const r = renumberCitations('Alpha [7]. Beta [2, 9]. Gamma [0].', 5);
    expect(r.text).toBe('Alpha. Beta [1]. Gamma.');
    expect(r.dropped).toEqual([7, 9, 0]);
    expect(r.sentences).toEqual([
      { text: 'Alpha.', citations: [] },
      { text: 'Beta.', citations: [1] },
      { text: 'Gamma.', citations: [] },
    ]);
  });
});

describe('citedSentences', () => {
  it('keeps the space before a method name that starts with a full stop', () => {
    const out = citedSentences('You may mark an option mandatory using .requiredOption() [1]. It works like .option(). [2]');
    expect(out.map((x) => x.text)).toEqual(['You may mark an option mandatory using .requiredOption().', 'It works like .option().']);
  });

  it('attaches markers written after the full stop to the sentence before', () => {
    expect(citedSentences('Iran backs Hezbollah. [1] Russia sells arms. [2][1]')).toEqual([
      { text: 'Iran backs Hezbollah.', citations: [1] },
      { text: 'Russia sells arms.', citations: [1, 2] },
    ]);
  });
  it('reads markers before the full stop and on list lines', () => {
    expect(citedSentences('- first point [2]\n- second point [1, 2].')).toEqual([
      { text: '- first point', citations: [2] },
      { text: '- second point.', citations: [1, 2] },
    ]);
  });
});

describe('attachCitations', () => {
  const supportedUnless = (bad: string) => async (sentence: string, text: string): Promise<SupportResult> =>
    sentence.includes(bad)
      ? { supported: false, score: 0.1, span: null }
      : { supported: true, score: 0.9, span: { start: 0, end: text.length } };

  it('builds citations with the passage fields, sentences, span and support, in order of first use', async () => {
    const passages = [1, 2, 3, 4, 5].map((i) => passage(i));
    const out = await attachCitations('Alpha is true [3]. Beta is made up [1]. Gamma [3].', passages, supportedUnless('made up'));
    expect(out.answer).toBe('Alpha is true [1]. Beta is made up [2]. Gamma [1].');
    expect(out.citations.map((c) => [c.n, c.docId, c.sentences, c.supported, c.supportScore])).toEqual([
      [1, 'doc3', ['Alpha is true.', 'Gamma.'], true, 0.9],
      [2, 'doc1', ['Beta is made up.'], false, 0.1],
    ]);
    expect(out.citations[0]).toMatchObject({ title: 'Doc 3', authors: ['Author 3'], url: 'https://example.org/3', span: { start: 0, end: 15 } });
    expect(out.warnings).toEqual(['Citation [2] (Doc 1) does not appear to support: "Beta is made up."']);
  });

  it('warns about a marker beyond the passages and leaves its sentence uncited', async () => {
    const passages = [1, 2, 3, 4, 5].map((i) => passage(i));
    const out = await attachCitations('Alpha [7]. Beta [2].', passages, supportedUnless('nothing'));
    expect(out.answer).toBe('Alpha. Beta [1].');
    expect(out.citations.map((c) => [c.n, c.docId, c.sentences])).toEqual([[1, 'doc2', ['Beta.']]]);
    expect(out.warnings).toEqual(['The answer cited [7], but only 5 passages were given; those markers were removed.']);
  });

  // issue 22: a quoted line without a final full stop (a code line, a heading, a list item) was read as the start of
  // the next quoted sentence, so that sentence was checked against both passages and flagged as unsupported
  it('ends a quoted line without a full stop at its marker, so the next quote is a sentence of its own', async () => {
    const zlib = passage(1, 'CHUNK is simply the buffer size for feeding data to and pulling data from the zlib routines.\n\n#define CHUNK 16384');
    const policy = passage(2, 'Python Interpreter\n\nPython scripts should specify python3 as the interpreter name.');
    const inPassage = async (sentence: string, text: string): Promise<SupportResult> =>
      text.includes(sentence) ? { supported: true, score: 0.9, span: null } : { supported: false, score: 0.1, span: null };
    const out = await attachCitations(
      '#define CHUNK 16384 [1] CHUNK is simply the buffer size for feeding data to and pulling data from the zlib routines. [1] Python Interpreter [2] Python scripts should specify python3 as the interpreter name. [2]',
      [zlib, policy],
      inPassage,
    );
    expect(out.citations.map((c) => [c.n, c.sentences, c.supported])).toEqual([
      [1, ['#define CHUNK 16384', 'CHUNK is simply the buffer size for feeding data to and pulling data from the zlib routines.'], true],
      [2, ['Python Interpreter', 'Python scripts should specify python3 as the interpreter name.'], true],
    ]);
    expect(out.warnings).toEqual([]);
  });

  it('keeps a sentence whole when its markers stand inside it (a written answer)', async () => {
    const passages = [passage(1, 'Russia sold arms to Iran in 2015.'), passage(2, 'Iran bought arms from Russia.')];
    const out = await attachCitations('Russia [1] and Iran [2] traded arms.', passages, supportedUnless('nothing'));
    expect(out.citations.map((c) => c.sentences)).toEqual([['Russia and Iran traded arms.'], ['Russia and Iran traded arms.']]);
  });
});
