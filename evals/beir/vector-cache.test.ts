import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EmbeddingsHandle } from '../../server/embeddings/create-embeddings.js';
import { cachedEmbed } from './vector-cache.js';

// A stand-in model: the vector of a text is [its length, its first char code]; counts the texts it embeds.
function countingHandle(id: string): EmbeddingsHandle & { embedded: number; queried: number } {
  const handle = {
    id,
    dimensions: 2,
    embedded: 0,
    embeddings: null as never,
    parallelCalls: 1,
    async embedDocuments(texts: string[]) {
      handle.embedded += texts.length;
      return texts.map((t) => [t.length, t.charCodeAt(0)]);
    },
    queried: 0,
    async embedQuery(t: string) {
      handle.queried++;
      return [t.length, -t.charCodeAt(0)];
    },
  };
  return handle;
}

describe('cachedEmbed', () => {
  it('embeds once, then serves the same vectors from disk; another model or other texts miss', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'vec-cache-'));
    const texts = Array.from({ length: 600 }, (_, i) => `text ${i}`);
    const model = countingHandle('local:m@q8');
    const first = await cachedEmbed(model, texts, dir);
    expect(first).toMatchObject({ cached: 0, embedded: 600 });
    expect(Array.from(first.vectors[599])).toEqual([8, 116]);

    const second = await cachedEmbed(model, texts, dir);
    expect(second).toMatchObject({ cached: 600, embedded: 0 });
    expect(second.vectors.map((v) => Array.from(v))).toEqual(first.vectors.map((v) => Array.from(v)));
    expect(model.embedded).toBe(600);

    // blocks of 512: changing a text in the second block re-embeds that block only
    const changed = [...texts.slice(0, 599), 'other'];
    expect(await cachedEmbed(model, changed, dir)).toMatchObject({ cached: 512, embedded: 88 });

    const fp32 = countingHandle('local:m@fp32');
    expect(await cachedEmbed(fp32, texts, dir)).toMatchObject({ cached: 0, embedded: 600 });
    expect((await readdir(dir)).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('asQueries embeds one text at a time with embedQuery and caches apart from document vectors', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'vec-cache-'));
    const model = countingHandle('local:m@q8');
    await cachedEmbed(model, ['abc', 'de'], dir);
    const q = await cachedEmbed(model, ['abc', 'de'], dir, { asQueries: true });
    expect(q).toMatchObject({ cached: 0, embedded: 2 });
    expect(q.vectors.map((v) => Array.from(v))).toEqual([[3, -97], [2, -100]]);
    expect(model.queried).toBe(2);
    expect(await cachedEmbed(model, ['abc', 'de'], dir, { asQueries: true })).toMatchObject({ cached: 2, embedded: 0 });
  });
});
