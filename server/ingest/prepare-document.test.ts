import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DiscoveredFile, TokenCounter } from '../domain.js';
import { discoverCorpus } from './discover.js';
import { modelTokenCounter } from './fixtures/token-counter.js';
import { IngestError, prepareDocument, titleFromFileName, titleFromText, type PreparedDocument } from './prepare-document.js';
import { makePagedPdf } from './testing/make-pdf.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.join(ROOT, 'server/ingest/fixtures/corpus');
let countTokens: TokenCounter;
let fixtures: DiscoveredFile[];
const loaded = new Map<string, PreparedDocument>();
const failed = new Map<string, string>();

beforeAll(async () => {
  countTokens = await modelTokenCounter();
  const discovered = await discoverCorpus(FIXTURES);
  expect(discovered.skipped).toEqual([]);
  fixtures = discovered.files;
  // the way ingestion uses it: one file after the other, a failure skips only that file
  for (const file of fixtures) {
    try {
      loaded.set(file.relPath, await prepareDocument(file, countTokens));
    } catch (err) {
      if (!(err instanceof IngestError)) throw err;
      expect(err.relPath).toBe(file.relPath);
      expect(err.message).toBe(`${file.relPath}: ${err.reason}`);
      failed.set(file.relPath, err.reason);
    }
  }
});

const doc = (relPath: string) => {
  const p = loaded.get(relPath);
  if (!p) throw new Error(`${relPath} did not load: ${failed.get(relPath)}`);
  return p;
};

describe('bad files get one reason each, in words, and the good files beside them still load', () => {
  it('names the reason for each bad file', () => {
    expect(Object.fromEntries(failed)).toEqual({
      'binary-data.txt': 'looks binary, not text (it contains NUL bytes)',
      'damaged.pdf': 'the PDF is damaged (Invalid PDF structure)',
      'empty.txt': 'the file is empty',
      'extraction-noise.txt': 'no readable text left after cleaning (only extraction noise or page furniture)',
      'locked.pdf': 'the PDF is password-protected',
      'not-really.docx': 'not a Word .docx file (it is not a ZIP package; an old .doc must be saved as .docx)',
      'scanned-no-text.pdf': 'the PDF has no text layer (scanned pages?); run OCR on it first',
      'whitespace-only.txt': 'the file has no text (only whitespace)',
    });
    expect([...loaded.keys()]).toEqual([
      'beekeeping-notes.md',
      'groundwater-report.pdf',
      'legacy-latin1.txt',
      'night-trains.html',
      'wetlands-guide.docx',
    ]);
  });

  it('reads text that is not UTF-8 as Windows-1252, losing nothing, with a warning', () => {
    const { doc: d, warnings } = doc('legacy-latin1.txt');
    expect(warnings).toEqual(['not valid UTF-8; read as Windows-1252 (Latin-1)']);
    expect(d.text).toBe(
      'Café Society in 1920s Paris\n\nThe cafés of Montparnasse were naïve about nothing: a coffee cost 50 centimes, and “regulars” paid monthly.',
    );
    expect(d.title).toBe('Café Society in 1920s Paris');
  });
});

describe('loaders', () => {
  it('PDF: text per page with running header and page numbers removed, lines reflowed, info as fallback metadata', () => {
    const { doc: d, cleaning } = doc('groundwater-report.pdf');
    expect(d).toMatchObject({
      title: 'Groundwater Recharge in Semi-Arid Basins',
      authors: ['Lena Okafor', 'Tomas Varga'],
      // sources.json gives publisher, date and a note; its null url stays unknown
      publisher: 'Journal of Hydrology Notes',
      date: '2021',
      note: 'Invented document for tests.',
      url: null,
      format: 'pdf',
    });
    expect(d.text).not.toContain('Journal of Hydrology Notes, Vol. 12');
    expect(d.text).toContain('which makes it a useful case for testing recharge models');
    expect(d.text).toContain('Each well was sampled monthly from March 2009 to February 2019, giving 1,680 observations in total.');
    expect(d.pages.map((p) => p.page)).toEqual([1, 2]);
    expect(d.text.slice(d.pages[1].start).startsWith('2. Methods')).toBe(true);
    expect(d.sections.map((s) => [s.heading, s.isReferences])).toEqual([
      ['Abstract', false],
      ['1. Introduction', false],
      ['2. Methods', false],
      ['References', true],
    ]);
    expect(cleaning.removed['page furniture']).toBe(2 * 'Journal of Hydrology Notes, Vol. 12 (2021)'.length + 2);
  });

  it('HTML: the article without navigation, scripts, cookie banner, share bar, sidebar or footer', () => {
    const { doc: d } = doc('night-trains.html');
    expect(d.text).toBe(
      [
        'Night Trains Return to Europe',
        'By Paul Ferreira',
        'Sleeper services are coming back. In December 2021 a new Vienna–Paris night train started running three times a week, the first such link in seven years.',
        'A sleeper carriage in Vienna.',
        'Why now?',
        'Operators point to demand from travellers who want to avoid short flights. Bookings on the Nightjet network rose by 25% in 2022.',
        '- Vienna to Paris: 14 hours\n- Brussels to Berlin: 11 hours',
      ].join('\n\n'),
    );
    // the page's own <h1> rather than "<h1> | Site"; the sidecar adds publisher, kind and URL
    expect(d).toMatchObject({
      title: 'Night Trains Return to Europe',
      authors: ['Paul Ferreira'],
      date: '2023-11-02',
      publisher: 'Rail Weekly',
      kind: 'news article',
      url: 'https://example.org/night-trains',
    });
    expect(d.sections.map((s) => s.heading)).toEqual(['Night Trains Return to Europe', 'Why now?']);
  });

  it('Markdown: front matter is metadata, syntax is reduced to the words, headings are sections', () => {
    const { doc: d } = doc('beekeeping-notes.md');
    expect(d).toMatchObject({
      title: 'Beekeeping Notes for Beginners',
      authors: ['Ana Souza', 'Kenji Mori'],
      date: '2020-04-15',
      url: 'https://example.org/beekeeping-notes',
    });
    expect(d.text).toBe(
      [
        'Beekeeping Notes for Beginners',
        'Choosing a hive',
        'A Langstroth hive has removable frames, which makes inspections easy. See the association guide for plans.',
        '- Place the hive facing south-east.\n- Keep it 50 cm above the ground.',
        'First inspection',
        'Open the hive on a warm, calm day. A healthy colony in spring holds about 20,000 bees.',
        'smoker fuel: pine needles',
      ].join('\n\n'),
    );
    expect(d.sections.map((s) => s.heading)).toEqual(['Beekeeping Notes for Beginners', 'Choosing a hive', 'First inspection']);
  });

  it('DOCX: Word headings become sections, the Title style the title, the document properties author and date', () => {
    const { doc: d } = doc('wetlands-guide.docx');
    expect(d.title).toBe('Field Guide to Coastal Wetlands');
    // the document properties name the author and the date, as front matter does for Markdown
    expect(d.authors).toEqual(['Mira Jensen']);
    expect(d.date).toBe('2022-05-01');
    expect(d.sections.map((s) => s.heading)).toEqual(['Field Guide to Coastal Wetlands', 'Salt Marshes', 'Mangroves']);
    expect(d.text).toContain('- Red mangroves have arching prop roots.\n- Black mangroves send up pencil-like pneumatophores.');
    expect(d.text).toContain('A bold word and an italic one stay part of the sentence.');
  });
});

describe('the seed corpus', () => {
  it('ingests every seed file with its sources.json metadata and sensible chunks', async () => {
    const { files } = await discoverCorpus(path.join(ROOT, 'corpus'));
    const prepared = await Promise.all(files.map((f) => prepareDocument(f, countTokens)));
    expect(prepared.map((p) => [p.doc.docId, p.doc.title, p.doc.authors.length, p.warnings])).toEqual([
      ['resistance-axis-iran-regional-policy-roomi', "The Resistance Axis and the Islamic Republic of Iran's Regional Policy: Challenges and Opportunities", 3, []],
      ['russia-iran-converge-soleimani-jpost', 'Russia and Iran converge in the Middle East as Soleimani stands at the nexus of resistance axis', 0, []],
      ['russia-ties-axis-of-resistance-avdaliani-2024', "Russia Increases Ties With Iran's Axis Of Resistance – Analysis", 1, []],
    ]);
    const [paper, jpost, blog] = prepared;
    expect(paper.doc.date).toBeNull();
    expect(jpost.doc.note).toMatch(/^Byline not given/);
    expect(blog.doc.text.startsWith('4 December 2024\n\n')).toBe(true);
    expect(blog.doc.text).not.toMatch(/Pages|No comments|Post a Comment/);
    const refs = paper.chunks.filter((c) => c.isReferences);
    expect(refs.length).toBeGreaterThan(5);
    expect(refs[0].text.startsWith('References\n\n- Adami, Ali')).toBe(true);
    expect(paper.chunks.slice(0, paper.chunks.indexOf(refs[0])).every((c) => !c.isReferences)).toBe(true);
  });
});

describe('titles when no metadata gives one', () => {
  it('takes the first title-like line, skipping dates and short labels, else the file name', () => {
    expect(titleFromText('4 December 2024\n\nRussia Increases Ties With Iran\n\nDr. Emil Avdaliani\n\nOn November 19, Israel announced…')).toBe(
      'Russia Increases Ties With Iran',
    );
    expect(titleFromText('Research paper\n\nPP. 521-542\n\nThe Resistance Axis and Iran\n\nFarshad Roomi')).toBe('The Resistance Axis and Iran');
    // a manual page: its NAME line, not its running header
    expect(titleFromText('GZIP(1) General Commands Manual GZIP(1)\n\nNAME\n\ngzip, gunzip, zcat - compress or expand files\n\nSYNOPSIS')).toBe(
      'gzip, gunzip, zcat - compress or expand files',
    );
    // the Apache License's header (/usr/share/common-licenses/Apache-2.0): two words in title case, then a version
    // line with a web address
    expect(titleFromText('Apache License\n\nVersion 2.0, January 2004 http://www.apache.org/licenses/\n\nTERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION')).toBe(
      'Apache License',
    );
    expect(titleFromText('Just one sentence of body text that ends with a full stop.')).toBeNull();
    // dpkg's triggers.txt: an aside in brackets is no title
    expect(titleFromText('(NB: Triggers are intended for events that occur during package installation.)\n\nConcepts')).toBe('Concepts');
    expect(titleFromFileName('reports/2021_annual-report.pdf')).toBe('2021 annual report');
  });
});

// Debian's copy of the licence (base-files, on every Debian system)
const APACHE = '/usr/share/common-licenses/Apache-2.0';

describe('a real multi-page PDF whose body repeats lines (issue 22)', () => {
  it.skipIf(!existsSync(APACHE))(`keeps every line of ${APACHE} laid out 100 characters a line, 42 lines a page`, async () => {
    // the layout of reportlab's default paragraph style on a letter page, with a page number at the foot: the
    // line "hereby grants to You a perpetual, worldwide, non-exclusive, …" ends page 1 and starts page 2
    const words = (p: string) => p.split(/\s+/).filter(Boolean);
    const lines: string[] = [];
    for (const para of readFileSync(APACHE, 'utf8').split('\n\n').map(words).filter((w) => w.length)) {
      let line = '';
      for (const w of para) {
        if (line && line.length + 1 + w.length > 100) [lines.push(line), (line = w)];
        else line = line ? `${line} ${w}` : w;
      }
      lines.push(line);
    }
    const pages: string[][] = [];
    for (let i = 0; i < lines.length; i += 42) pages.push([...lines.slice(i, i + 42), String(pages.length + 1)]);
    expect(pages).toHaveLength(3);
    const dir = mkdtempSync(path.join(tmpdir(), 'apache-pdf-'));
    try {
      writeFileSync(path.join(dir, 'apache-2.0.pdf'), makePagedPdf(pages));
      const [file] = (await discoverCorpus(dir)).files;
      const { doc: d, cleaning } = await prepareDocument(file, countTokens);
      const text = d.text.replace(/\s+/g, ' ');
      expect(lines.filter((l) => !text.includes(l))).toEqual([]);
      expect(text).toContain(
        'each Contributor hereby grants to You a perpetual, worldwide, non-exclusive, no-charge, royalty-free, irrevocable copyright license to reproduce, prepare Derivative Works of, publicly display, publicly perform, sublicense, and distribute the Work',
      );
      // the page numbers are all that went, and the ingest report counts them
      expect(cleaning.linesRemoved).toEqual({ 'page furniture': 3 });
      expect(cleaning.examples).toEqual({ 'page furniture': ['1', '2', '3'] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
