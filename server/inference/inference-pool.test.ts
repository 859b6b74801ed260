import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testConfig } from '../testing/test-config.js';
import { findModelsDir } from '../embeddings/create-embeddings.js';
import { LocalEmbeddings } from '../embeddings/local-embeddings.js';
import { openSelectorSession } from '../answer/selector/selector-session.js';
import { createInferencePool } from './inference-pool.js';

const config = testConfig();
const spec = { model: config.embeddingsModel, modelsDir: findModelsDir(config), dtype: config.EMBEDDINGS_DTYPE };
const selector = { modelFile: path.join(config.ANSWER_SELECTOR_DIR, 'onnx', 'model_quantized.onnx'), threads: 0 };
const TEXTS = ['When did Qassem Soleimani travel to Moscow?', 'Hezbollah   fighters\nin Syria', ''];
const BATCH = [
  { ids: [101, 2043, 2106, 102, 2002, 3005, 102], types: [0, 0, 0, 0, 1, 1, 1] },
  { ids: [101, 2054, 102, 1996, 2176, 102], types: [0, 0, 0, 1, 1, 1] },
];

/** pids of this process's inference processes (Linux /proc) */
function inferencePids(): number[] {
  const pids: number[] = [];
  for (const p of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const ppid = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ')[1];
      if (ppid === String(process.pid) && readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('inference-process')) pids.push(Number(p));
    } catch {
      /* gone meanwhile */
    }
  }
  return pids;
}

describe('the inference pool', () => {
  const pool = createInferencePool(2);
  afterAll(() => pool.close());

  it('gives the same vectors and logits as the models run in this process, in every process', async () => {
    const local = new LocalEmbeddings({ ...spec, batchSize: 16 });
    const here = await local.embedBatch(TEXTS);
    await pool.loadEmbeddings(spec);
    // two calls at once: one per process
    const [a, b] = await Promise.all([pool.embed(spec, TEXTS), pool.embed(spec, TEXTS)]);
    expect(a).toEqual(here);
    expect(b).toEqual(here);

    const run = await openSelectorSession(selector.modelFile);
    await pool.loadSelector(selector);
    expect(await pool.select(selector, BATCH)).toEqual(await run(BATCH));
  });

  it('fails the jobs of a process that dies, and starts a new one for the next job', async () => {
    await pool.loadEmbeddings(spec);
    const pids = inferencePids();
    expect(pids).toHaveLength(2);
    const jobs = [pool.embed(spec, TEXTS), pool.embed(spec, TEXTS)];
    for (const pid of pids) process.kill(pid, 'SIGKILL');
    // Both settle before either is looked at: awaiting them one by one leaves the second's rejection unhandled for a
    // moment, which vitest reports as an error of the run (it failed CI that way).
    const settled = await Promise.allSettled(jobs);
    for (const s of settled) {
      expect(s.status).toBe('rejected');
      expect(String((s as PromiseRejectedResult).reason)).toMatch(/inference process stopped \(SIGKILL\)/);
    }
    expect((await pool.embed(spec, ['again']))[0]).toHaveLength(384);
  });

  it('reports a model that cannot be opened', async () => {
    await expect(pool.loadSelector({ modelFile: '/nonexistent/model.onnx', threads: 0 })).rejects.toThrow();
  });
});
