import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  normaliseRows,
  openVectorSearch,
  readVectorTable,
  writeHnswIndex,
  writeVectorTable,
  type VectorTable,
} from './vector-store.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vector-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Four unit vectors in 3-d at known angles from the x axis.
const table = (): VectorTable => ({
  dimensions: 3,
  rows: normaliseRows(Float32Array.from([1, 0, 0, 0, 1, 0, 1, 1, 0, 0, 0, 1]), 3),
  keys: ['x', 'y', 'xy', 'z'],
});

describe('vector store', () => {
  it('normalises rows to unit length', () => {
    const rows = normaliseRows(Float32Array.from([3, 4, 0, 0]), 2);
    expect(Array.from(rows)).toEqual([0.6000000238418579, 0.800000011920929, 0, 0]);
  });

  it('round-trips the vectors file with its keys', async () => {
    await writeVectorTable(dir, table());
    const back = await readVectorTable(dir, 3);
    expect(back.keys).toEqual(['x', 'y', 'xy', 'z']);
    expect(Array.from(back.rows)).toEqual(Array.from(table().rows));
    await expect(readVectorTable(dir, 4)).rejects.toThrow('expected 4 × 4 × 4');
  });

  it('returns neighbours by cosine similarity, nearest first, with k clamped to the index size', async () => {
    await writeHnswIndex(dir, table());
    expect(await readdir(dir)).toEqual(['hnswlib.index']);
    const search = await openVectorSearch(dir, 3, 4);
    const hits = await search.search([1, 0.1, 0], 10);
    expect(hits.map((h) => h.index)).toEqual([0, 2, 1, 3]);
    expect(hits[0].score).toBeCloseTo(0.995, 3);
    expect(hits[1].score).toBeCloseTo(Math.cos(Math.PI / 4 - Math.atan(0.1)), 3);
    expect(hits[3].score).toBeCloseTo(0, 5);
    expect(await search.search([1, 0, 0], 0)).toEqual([]);
  });

  it('refuses a query of the wrong length and a graph that does not match the chunk count', async () => {
    await writeHnswIndex(dir, table());
    const search = await openVectorSearch(dir, 3, 4);
    await expect(search.search([1, 0], 2)).rejects.toThrow('Query vector has 2 dimensions; the index has 3');
    await expect(openVectorSearch(dir, 3, 5)).rejects.toThrow('hnswlib.index holds 4 vectors for 5 chunks');
  });

  it('handles an empty index', async () => {
    await writeHnswIndex(dir, { dimensions: 3, rows: new Float32Array(0), keys: [] });
    const search = await openVectorSearch(dir, 3, 0);
    expect(await search.search([1, 0, 0], 5)).toEqual([]);
  });
});
