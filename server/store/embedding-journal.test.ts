import { appendFile, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { journalPath, openEmbeddingJournal, readJournal, removeJournals } from './embedding-journal.js';

const EMBEDDER = 'local:Xenova/all-MiniLM-L6-v2@q8';
const key = (c: string) => c.repeat(22);
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'journal-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('the embedding journal', () => {
  it('gives back, after a reopen, every batch appended before', async () => {
    const j = await openEmbeddingJournal(dir, EMBEDDER, 3);
    expect(j.recovered.size).toBe(0);
    await j.append([key('a'), key('b')], new Float32Array([1, 0, 0, 0, 0.5, 0.25]));
    await j.append([key('c')], new Float32Array([0, 0, -1]));
    await j.close();
    const again = await openEmbeddingJournal(dir, EMBEDDER, 3);
    expect([...again.recovered.entries()].map(([k, v]) => [k[0], [...v]])).toEqual([
      ['a', [1, 0, 0]],
      ['b', [0, 0.5, 0.25]],
      ['c', [0, 0, -1]],
    ]);
    await again.close();
  });

  it('drops a torn last record (a kill mid-append), truncates it away, and appends after the last whole record', async () => {
    const j = await openEmbeddingJournal(dir, EMBEDDER, 2);
    await j.append([key('a')], new Float32Array([1, 2]));
    await j.close();
    const file = journalPath(dir, EMBEDDER, 2);
    const whole = (await stat(file)).size;
    expect(whole).toBe(22 + 8 + 4);
    await appendFile(file, Buffer.from(key('b') + '\x01\x02\x03')); // a record cut after 25 of its 34 bytes
    const reopened = await openEmbeddingJournal(dir, EMBEDDER, 2);
    expect([...reopened.recovered.keys()]).toEqual([key('a')]);
    expect((await stat(file)).size).toBe(whole);
    await reopened.append([key('c')], new Float32Array([3, 4]));
    await reopened.close();
    expect([...(await readJournal(file, 2)).vectors.keys()]).toEqual([key('a'), key('c')]);
  });

  it('stops at a record whose checksum does not match', async () => {
    const j = await openEmbeddingJournal(dir, EMBEDDER, 2);
    await j.append([key('a'), key('b')], new Float32Array([1, 2, 3, 4]));
    await j.close();
    const file = journalPath(dir, EMBEDDER, 2);
    const bytes = Buffer.from(await (await import('node:fs/promises')).readFile(file));
    bytes[34 + 22] ^= 0xff; // a flipped bit in b's vector
    await writeFile(file, bytes);
    expect(await readJournal(file, 2)).toMatchObject({ validBytes: 34, droppedBytes: 34 });
  });

  it('keeps each embedder in its own file, and removeJournals deletes them all', async () => {
    expect(journalPath(dir, EMBEDDER, 384)).not.toBe(journalPath(dir, 'openai:text-embedding-3-small', 1536));
    await (await openEmbeddingJournal(dir, EMBEDDER, 2)).close();
    await (await openEmbeddingJournal(dir, 'openai:text-embedding-3-small', 2)).close();
    await writeFile(path.join(dir, 'CURRENT'), 'gen-x\n');
    expect((await readdir(dir)).filter((n) => n.endsWith('.journal'))).toHaveLength(2);
    await removeJournals(dir);
    expect(await readdir(dir)).toEqual(['CURRENT']);
  });
});
