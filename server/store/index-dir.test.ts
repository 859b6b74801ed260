import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createTempGeneration,
  newGenerationId,
  pruneGenerations,
  publishGeneration,
  readCurrentGeneration,
  removeDebris,
} from './index-dir.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'index-dir-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('index generations', () => {
  it('names generations so that they sort by time', () => {
    const a = newGenerationId(new Date('2025-03-04T05:06:07.089Z'));
    expect(a).toBe(`20250304T050607089Z-${process.pid}`);
    expect(newGenerationId(new Date('2025-03-04T05:06:08Z')) > a).toBe(true);
  });

  it('publishes a temp generation by renaming it and pointing CURRENT at it', async () => {
    expect(await readCurrentGeneration(dir)).toBeNull();
    const tmp = await createTempGeneration(dir, 'one');
    await writeFile(path.join(tmp, 'manifest.json'), '{}');
    expect(await publishGeneration(dir, 'one')).toBe('gen-one');
    expect(await readFile(path.join(dir, 'CURRENT'), 'utf8')).toBe('gen-one\n');
    expect((await readdir(dir)).sort()).toEqual(['CURRENT', 'gen-one']);
    expect(await readCurrentGeneration(dir)).toBe('gen-one');
  });

  it('rejects a CURRENT that does not name a generation', async () => {
    await writeFile(path.join(dir, 'CURRENT'), '../../etc\n');
    await expect(readCurrentGeneration(dir)).rejects.toThrow('does not name a generation ("../../etc")');
  });

  it('removes unfinished builds and old generations, and nothing else', async () => {
    for (const d of ['tmp-a', 'gen-old', 'gen-prev', 'gen-live', 'notes']) await mkdir(path.join(dir, d));
    await writeFile(path.join(dir, 'CURRENT.tmp-123'), 'gen-');
    await writeFile(path.join(dir, 'README'), 'mine');
    expect((await removeDebris(dir)).sort()).toEqual(['CURRENT.tmp-123', 'tmp-a']);
    expect(await pruneGenerations(dir, ['gen-live', 'gen-prev', null])).toEqual(['gen-old']);
    expect((await readdir(dir)).sort()).toEqual(['README', 'gen-live', 'gen-prev', 'notes']);
  });
});
