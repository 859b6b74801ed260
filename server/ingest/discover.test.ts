import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverCorpus } from './discover.js';

const SEED = path.resolve(import.meta.dirname, '../../corpus');
let dir = '';

async function corpus(files: Record<string, string>): Promise<string> {
  dir = await mkdtemp(path.join(os.tmpdir(), 'discover-'));
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), content);
  }
  return dir;
}

afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = '';
});

describe('discoverCorpus', () => {
  it('joins the seed metadata from sources.json, mapping author_note to note and leaving unknowns out', async () => {
    const { files, skipped } = await discoverCorpus(SEED);
    expect(skipped).toEqual([]);
    expect(files.map((f) => [f.docId, f.ext])).toEqual([
      ['resistance-axis-iran-regional-policy-roomi', 'txt'],
      ['russia-iran-converge-soleimani-jpost', 'txt'],
      ['russia-ties-axis-of-resistance-avdaliani-2024', 'txt'],
    ]);
    const jpost = files[1];
    expect(jpost.meta).toEqual({
      title: 'Russia and Iran converge in the Middle East as Soleimani stands at the nexus of resistance axis',
      publisher: 'The Jerusalem Post (Opinion)',
      url: 'https://www.jpost.com/Opinion/Russia-and-Iran-converge-in-the-Middle-East-as-Soleimani-stands-at-the-nexus-of-resistance-axis-573990',
      kind: 'opinion article',
      note: 'Byline not given; the closing line describes the writer as an MA student at the Institute of World Politics, Washington, DC.',
    });
    expect(files[2].meta).toMatchObject({ authors: ['Emil Avdaliani'], date: '2024-12-04' });
    expect(files[2].meta).not.toHaveProperty('url');
    expect(files[0].size).toBe(51212);
  });

  it('walks subfolders, prefers a sidecar over sources.json and ignores what is not a document', async () => {
    const root = await corpus({
      'sources.json': JSON.stringify([{ file: 'reports/a.txt', title: 'From sources.json', authors: 'Ann Lee', date: '2020-01-02' }]),
      'reports/a.txt': 'Text A.',
      'reports/a.txt.meta.json': JSON.stringify({ title: 'From the sidecar', url: 'https://example.org/a' }),
      'reports/deeper/b.md': '# B\n\nText B.',
      'README.md': '# How to add documents',
      '.hidden.txt': 'hidden',
      '~$draft.docx': 'lock file',
      'notes.txt~': 'backup',
      'picture.png': 'not text',
    });
    const { files, skipped } = await discoverCorpus(root);
    expect(files.map((f) => [f.docId, f.relPath, f.meta])).toEqual([
      ['reports/a', 'reports/a.txt', { title: 'From the sidecar', url: 'https://example.org/a', authors: ['Ann Lee'], date: '2020-01-02' }],
      ['reports/deeper/b', 'reports/deeper/b.md', {}],
    ]);
    expect(files[0].path).toBe(path.join(root, 'reports', 'a.txt'));
    expect(skipped).toEqual([
      { relPath: 'picture.png', reason: 'unsupported file type ".png" (supported: txt, md, markdown, html, htm, pdf, docx)' },
    ]);
  });

  it('reports broken or stray metadata and duplicate ids, and still lists the documents', async () => {
    const root = await corpus({
      'sources.json': JSON.stringify([{ file: 'gone.pdf', title: 'Gone' }, { title: 'No file key' }]),
      'a.txt': 'A as text.',
      'a.md': 'A as markdown.',
      'b.txt': 'B.',
      'b.txt.meta.json': '{ "title": "unterminated',
      'orphan.pdf.meta.json': '{}',
      'sub/sources.json': '{"file": "x.txt"}',
    });
    const { files, skipped } = await discoverCorpus(root);
    expect(files.map((f) => f.relPath)).toEqual(['a.md', 'b.txt']);
    expect(files[1].meta).toEqual({});
    expect(skipped.map((s) => s.relPath)).toEqual(['sources.json', 'sub/sources.json', 'sources.json', 'a.txt', 'b.txt.meta.json', 'orphan.pdf.meta.json']);
    expect(skipped[0].reason).toBe('entry 2 has no "file" key; it was ignored');
    expect(skipped[1].reason).toBe('must be a JSON array of objects with a "file" key; its metadata was not applied');
    expect(skipped[2].reason).toBe('entry 1 names "gone.pdf", which is not in the corpus');
    expect(skipped[3].reason).toBe('same document id "a" as a.md; rename one of them');
    expect(skipped[4].reason).toMatch(/^not valid JSON \(.+\); its metadata was not applied$/);
    expect(skipped[5].reason).toBe('metadata sidecar for "orphan.pdf", which is not in the corpus');
  });

  it('changes the hash when the file or the metadata that applies to it changes, and only then', async () => {
    const root = await corpus({ 'a.txt': 'Same text.', 'b.txt': 'Other.', 'sources.json': JSON.stringify([{ file: 'a.txt', title: 'One' }]) });
    const hashes = async () => Object.fromEntries((await discoverCorpus(root)).files.map((f) => [f.relPath, f.hash]));
    const first = await hashes();
    expect(await hashes()).toEqual(first);
    // same metadata written differently: same hash
    await writeFile(path.join(root, 'sources.json'), JSON.stringify([{ title: 'One', file: 'a.txt', publisher: null }], null, 2));
    expect(await hashes()).toEqual(first);
    await writeFile(path.join(root, 'sources.json'), JSON.stringify([{ file: 'a.txt', title: 'Two' }]));
    const second = await hashes();
    expect(second['a.txt']).not.toBe(first['a.txt']);
    expect(second['b.txt']).toBe(first['b.txt']);
    await writeFile(path.join(root, 'b.txt.meta.json'), JSON.stringify({ date: '2001' }));
    expect((await hashes())['b.txt']).not.toBe(first['b.txt']);
    await writeFile(path.join(root, 'a.txt'), 'Changed text.');
    expect((await hashes())['a.txt']).not.toBe(second['a.txt']);
  });
});
