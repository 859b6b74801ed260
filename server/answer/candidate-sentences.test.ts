import { describe, expect, it } from 'vitest';
import type { Passage } from '../contract.js';
import { asksAboutSources, candidateSentences, isBibliographyEntry } from './candidate-sentences.js';

const passage = (text: string, extra: Partial<Passage> = {}): Passage => ({
  chunkId: 'd#0', docId: 'd', title: 'Harbour Trade Grows Again – Report', text, score: 1, start: 0, end: text.length,
  page: null, section: 'Background', authors: [], date: null, url: null, publisher: null, ...extra,
});

describe('candidateSentences', () => {
  it('leaves out the title, heading and caption lines, which state nothing', () => {
    const text = 'Harbour Trade Grows Again – Report\n\nBackground\n\nShipping Volumes And Port Fees\n\nA photo of the harbour at dawn.\n\nThe harbour handled 40 million tonnes of cargo last year.';
    expect(candidateSentences([passage(text)]).map((c) => c.text)).toEqual(['The harbour handled 40 million tonnes of cargo last year.']);
  });

  it('keeps a short sentence that ends like one, and a sentence repeated in two passages once', () => {
    const a = passage('Port Fees Rose Sharply In Spring.');
    const b = passage('Port Fees Rose Sharply In Spring. The mayor objected to the new fees.');
    expect(candidateSentences([a, b]).map((c) => [c.passage, c.text])).toEqual([
      [0, 'Port Fees Rose Sharply In Spring.'],
      [1, 'The mayor objected to the new fees.'],
    ]);
  });

  it('knows the sentence before a passage\'s first one when another passage ends right before it (the chunk before)', () => {
    const first = 'In July 2015, the harbour master flew to the capital.';
    const second = 'Sanctioned by the council, he met the minister of trade there.';
    const before = passage(first, { chunkId: 'd#0', start: 0, end: first.length });
    const after = passage(second, { chunkId: 'd#1', start: first.length + 1, end: first.length + 1 + second.length });
    const byText = new Map(candidateSentences([after, before]).map((c) => [c.text, c]));
    expect(byText.get(second)).toMatchObject({ previous: '', before: first });
    // another document's passage is no neighbour
    expect(candidateSentences([after, { ...before, docId: 'e' }]).find((c) => c.text === second)?.before).toBe('');
  });
});

// issue 22: "What kinds of triggers…" quoted only the lead-in "…three kinds of triggers:"; list items and code
// lines (#define CHUNK 16384) were never quoted
describe('lists and code', () => {
  const pick = (c: ReturnType<typeof candidateSentences>[number]) => [c.text, c.kind, c.leadIn, c.block, c.position];

  it("offers a list's lead-in and each of its items, in order, with their kind and block (dpkg's triggers.txt)", () => {
    const text = [
      'Concepts',
      '',
      'We currently envisage three kinds of triggers:',
      '',
      '* Explicit triggers. These can be activated by any program by running dpkg-trigger.',
      '* File triggers. These are activated automatically by dpkg. They may also be activated by hand.',
      '* Future kinds',
    ].join('\n');
    expect(candidateSentences([passage(text, { section: 'Concepts' })]).map(pick)).toEqual([
      ['We currently envisage three kinds of triggers:', 'sentence', true, 1, 0],
      ['* Explicit triggers. These can be activated by any program by running dpkg-trigger.', 'list-item', false, 2, 1],
      ['* File triggers. These are activated automatically by dpkg.', 'list-item', false, 2, 2],
      // an item's later sentence is running text in the item's block
      ['They may also be activated by hand.', 'sentence', false, 2, 3],
      ['* Future kinds', 'list-item', false, 2, 4],
    ]);
  });

  it("offers a manual's NAME line, though it is the title", () => {
    const text = 'NAME\n\ntar - an archiving utility\n\nSYNOPSIS';
    expect(candidateSentences([passage(text, { title: 'tar - an archiving utility', section: null })]).map((c) => c.text)).toEqual(['tar - an archiving utility']);
  });

  it('offers lines of code, and still no glyph garbage', () => {
    const text = [
      'CHUNK is simply the buffer size for feeding data to and pulling data from the zlib routines.',
      '',
      '#define CHUNK 16384',
      '',
      'int ret, flush;',
      'unsigned char in[CHUNK];',
      '',
      'DDD DDD DDDDDDDD DD',
      '000000 0000 00',
      String.raw`\YT&FTT\.\T3+.Y.T\.&.F.`,
    ].join('\n');
    expect(candidateSentences([passage(text)]).map(pick)).toEqual([
      // the sentence before a code block introduces it
      ['CHUNK is simply the buffer size for feeding data to and pulling data from the zlib routines.', 'sentence', true, 0, 0],
      ['#define CHUNK 16384', 'code', false, 1, 1],
      ['int ret, flush;', 'code', false, 2, 2],
      ['unsigned char in[CHUNK];', 'code', false, 2, 3],
    ]);
  });
});

describe('reference lists', () => {
  const entries = [
    '- Brooks, Stephen, and William C. Wohlforth (2005). Hard Times for Soft Balancing. *International Security* 30(1), 72-108. doi: https://doi.org/10.1162/0162288054894634.',
    'Walt, Stephen M. (1987). The Origins of Alliances. Ithaca: Cornell University Press.',
    'Dehghani Firouzabadi, Seyed Jalal (2012/1391). Iran\'s Foreign Policy. Tehran: Samt.',
  ];
  const statements = [
    'Walt (1987) argues that states balance against threats rather than against power.',
    'The July 2015 trip, reported by Fox News, came two months before Russia began its air campaign in Syria.',
    'Iran, Syria and Hezbollah formed the core of the axis (Walt, 1987), according to the authors.',
  ];

  it('tells bibliography entries from statements that cite a source', () => {
    for (const e of entries) expect([e, isBibliographyEntry(e)]).toEqual([e, true]);
    for (const s of statements) expect([s, isBibliographyEntry(s)]).toEqual([s, false]);
  });

  it('never offers a reference list for quoting, unless the question asks about sources', () => {
    const refs = passage(entries.join('\n'), { isReferences: true, section: 'References' });
    const body = passage(statements.join(' '));
    expect(candidateSentences([refs, body]).map((c) => c.text)).toEqual(statements);
    expect(candidateSentences([passage(entries.join('\n'))])).toEqual([]);
    expect(asksAboutSources('Which sources does the paper cite on soft balancing?')).toBe(true);
    expect(asksAboutSources('When was that?')).toBe(false);
    expect(candidateSentences([refs], { bibliography: true }).map((c) => c.text)).toContain('Hard Times for Soft Balancing.');
  });
});
