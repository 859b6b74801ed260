import { describe, expect, it } from 'vitest';
import { createEmbedStream } from './embed-stream.js';

/** A stand-in model that records its batches; each call takes `delay(batch)` ms. */
function recordingModel(parallelCalls: number, delay: (texts: string[]) => number = () => 1) {
  const batches: string[][] = [];
  let running = 0;
  let maxRunning = 0;
  return {
    batches,
    get maxRunning() {
      return maxRunning;
    },
    handle: {
      id: 'test:model',
      dimensions: 2,
      parallelCalls,
      async embedDocuments(texts: string[]) {
        batches.push(texts);
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((r) => setTimeout(r, delay(texts)));
        running--;
        if (texts.includes('boom')) throw new Error('model failed');
        return texts.map((t) => [t.length, 1]);
      },
    },
  };
}

const texts = (n: number, prefix = 't') => Array.from({ length: n }, (_, i) => `${prefix}${'x'.repeat((i * 7) % 13)}${i}`);

describe('the embed stream', () => {
  it('cuts the same batches whatever the timing, one in flight per process, each text once', async () => {
    const runs = [];
    for (const delay of [() => 0, (b: string[]) => b[0].length % 5, () => 3]) {
      const model = recordingModel(2, delay);
      const journaled: string[] = [];
      const stream = createEmbedStream({ handle: model.handle, batchSize: 4, onBatch: async (keys) => void journaled.push(...keys) });
      const all = texts(70);
      const perFile: Promise<Float32Array[]>[] = [];
      for (let i = 0; i < all.length; i += 3) {
        const file = all.slice(i, i + 3);
        perFile.push(stream.add(file, file));
        // a repeated text (boilerplate in another file) is not embedded again
        if (i === 30) perFile.push(stream.add([all[0]], [all[0]]));
        await new Promise((r) => setTimeout(r, i % 2));
      }
      const vectors = await stream.finish();
      expect(vectors.size).toBe(70);
      expect(stream.embedded).toBe(70);
      expect(journaled.sort()).toEqual([...all].sort());
      const files = await Promise.all(perFile);
      expect(files[0][0]).toEqual(new Float32Array([all[0].length, 1].map((x) => x / Math.hypot(all[0].length, 1))));
      expect(model.maxRunning).toBeLessThanOrEqual(2);
      runs.push(model.batches);
    }
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
    // windows are sorted by length: a batch holds texts of similar length
    expect(runs[0].flat().length).toBe(70);
  });

  it('fails every waiting caller and finish() with the model error, and embeds nothing after it', async () => {
    const model = recordingModel(1);
    const stream = createEmbedStream({ handle: model.handle, batchSize: 2 });
    const first = stream.add(['a', 'boom'], ['a', 'boom']);
    const second = stream.add(['c', 'd', 'e'], ['c', 'd', 'e']);
    await expect(stream.finish()).rejects.toThrow('model failed');
    await expect(first).rejects.toThrow('model failed');
    await expect(second).rejects.toThrow('model failed');
    await expect(stream.add(['f'], ['f'])).rejects.toThrow('model failed');
  });

  it('bounds read-ahead: room() waits until fewer vectors are awaited, cutting a short window if it must', async () => {
    const model = recordingModel(1, () => 5);
    const stream = createEmbedStream({ handle: model.handle, batchSize: 4, maxWindow: 64 });
    // 3 texts never fill the first window (4): room() must not wait for ever
    void stream.add(['a', 'b', 'c'], ['a', 'b', 'c']);
    await stream.room(2);
    expect(stream.embedded).toBe(3);
    await stream.finish();
  });

  it('abort() drops what is queued and waits for the running batch', async () => {
    const model = recordingModel(1, () => 10);
    const stream = createEmbedStream({ handle: model.handle, batchSize: 2 });
    const waiting = stream.add(texts(20), texts(20));
    await new Promise((r) => setTimeout(r, 1));
    await stream.abort();
    await expect(waiting).rejects.toThrow(/aborted/);
    expect(model.batches.length).toBe(1);
  });
});
