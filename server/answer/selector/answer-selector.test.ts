// The committed answer selector, run for real: each pair's logit is its own (not its batch-mates'), memoised, and
// a call's pairs are spread over the inference processes one by one.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InferencePool } from '../../inference/inference-pool.js';
import { testConfig } from '../../testing/test-config.js';
import { loadAnswerSelector } from './answer-selector.js';
import type { EncodedPair, PairText } from './encode-pair.js';
import { openSelectorSession } from './selector-session.js';

const dir = testConfig().ANSWER_SELECTOR_DIR;
const question = 'Which militias fight alongside IRGC commanders?';
const pair = (sentence: string, previous = ''): PairText => ({ question, sentence, title: 'Russia and Iran Converge', previous });
const answer = pair('Shi’ite militias from Pakistan (Zeynabioun Brigade) and Afghanistan (Fatemiyoun Division) operate alongside IRGC commanders in the Middle East.');
const others = [
  pair('Since most of such militias are made up of Shiite forces, Iran is prone to another accusation, that of sectarianism.'),
  pair('Qassem Soleimani is at the matrix of these proxies, assisting and training both militarily and ideologically their cohort, which has become a long and costly commitment for the Islamic Republic over the last decade.'),
  pair('Moscow denies it.', 'Reports say Russian arms reached Hezbollah.'),
];

/** a pool of one "process" that runs the real model here and records the size of every job it gets */
async function recordingPool(): Promise<{ pool: InferencePool; jobs: number[] }> {
  const run = await openSelectorSession(path.join(dir, 'onnx', 'model_quantized.onnx'), 1);
  const jobs: number[] = [];
  const pool: InferencePool = {
    size: 2,
    loadEmbeddings: async () => {},
    embed: async () => [],
    loadSelector: async () => {},
    select: async (_model, batch: EncodedPair[]) => (jobs.push(batch.length), run(batch)),
    close: () => {},
  };
  return { pool, jobs };
}

describe('answer selector', () => {
  it('gives a pair the same logit alone, first or last among others (int8 activations are quantised per run)', async () => {
    const alone = (await (await loadAnswerSelector(dir)).score([answer]))[0];
    const first = (await (await loadAnswerSelector(dir)).score([answer, ...others]))[0];
    const last = (await (await loadAnswerSelector(dir)).score([...others, answer])).at(-1);
    expect(first).toBe(alone);
    expect(last).toBe(alone);
    // and the answer sentence is rated above the others
    const logits = await (await loadAnswerSelector(dir)).score([answer, ...others]);
    expect(Math.max(...logits.slice(1))).toBeLessThan(logits[0]);
  });

  it('runs the model once per new pair, one pair per job, and never again for a pair it has scored', async () => {
    const { pool, jobs } = await recordingPool();
    const selector = await loadAnswerSelector(dir, { pool });
    const a = await selector.score([answer, others[0]]);
    expect(jobs).toEqual([1, 1]);
    // the same pairs again, with a new one, and one twice in the call
    const b = await selector.score([others[1], answer, others[0], others[1]]);
    expect(jobs).toEqual([1, 1, 1]);
    expect([b[1], b[2]]).toEqual(a);
    expect(b[3]).toBe(b[0]);
    // a different question is a different pair
    await selector.score([{ ...answer, question: 'Who leads the Quds Force?' }]);
    expect(jobs).toHaveLength(4);
  });
});
