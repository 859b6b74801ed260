import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Bm25Index } from './bm25.js';
import { BM25_BIN_FILE, BM25_FILE, readLexicalIndex, writeLexicalIndex } from './lexical-index.js';

const texts = ['The cat sat on the mat.', 'Dogs chase cats and other cats.', 'Soleimani travelled to Moscow in July 2015.', ''];
const queries = ['cat', 'Soleimani Moscow', 'dog mat', 'submarine'];
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ra-bm25-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('the lexical index on disk', () => {
  it('reads back an index that ranks and scores exactly as the one built', async () => {
    await writeLexicalIndex(dir, texts);
    expect((await readdir(dir)).sort()).toEqual([BM25_BIN_FILE, BM25_FILE]);
    const built = Bm25Index.build(texts);
    const read = await readLexicalIndex(dir);
    for (const q of queries) expect(read.search(q, 10)).toEqual(built.search(q, 10));
    expect(read.idealScore('Moscow submarine')).toBe(built.idealScore('Moscow submarine'));
  });

  it('reads a generation written by an earlier version (postings inside bm25.json)', async () => {
    const d = Bm25Index.build(texts).toData();
    const postings: Record<string, number[]> = {};
    d.terms.forEach((t, i) => (postings[t] = [...d.postings.subarray(d.offsets[i], d.offsets[i + 1])]));
    await writeFile(path.join(dir, BM25_FILE), JSON.stringify({ analyzer: d.analyzer, params: d.params, docLengths: [...d.docLengths], postings }));
    const read = await readLexicalIndex(dir);
    for (const q of queries) expect(read.search(q, 10)).toEqual(Bm25Index.build(texts).search(q, 10));
  });

  it('refuses a bm25.bin of the wrong length instead of searching garbage', async () => {
    await writeLexicalIndex(dir, texts);
    const bin = await readFile(path.join(dir, BM25_BIN_FILE));
    await writeFile(path.join(dir, BM25_BIN_FILE), bin.subarray(0, bin.byteLength - 8));
    await expect(readLexicalIndex(dir)).rejects.toThrow(/bm25\.bin has \d+ bytes, expected \d+/);
  });
});
