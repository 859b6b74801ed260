// The citation support check with the real model and the fitted weights (calibration/support-model.json).
import { beforeAll, describe, expect, it } from 'vitest';
import { createTextEmbedder, type TextEmbedder } from './embedding-memo.js';
import { checkSupport } from './support-check.js';
import { loadSeedSearch } from './testing/seed-passages.js';

let embedder: TextEmbedder;
let passage: string;
let datedPassage: string;

beforeAll(async () => {
  const seed = await loadSeedSearch('support-check-test');
  embedder = createTextEmbedder(seed.embeddings);
  // passages as the chunker cut them, picked by content so the test does not depend on chunk numbers
  passage = seed.chunks.find((c) => c.text.includes('departed for Moscow') && c.text.includes('Sergei Shoigu'))?.text ?? '';
  datedPassage = seed.chunks.find((c) => c.text.includes('In July 2015, two months before'))?.text ?? '';
});

describe('checkSupport', () => {
  it('finds the passages it checks against', () => {
    expect(passage).not.toBe('');
    expect(datedPassage).not.toBe('');
  });

  it('supports a sentence quoted from the passage and points at it', async () => {
    const sentence = 'The delegation of high-level Russian officials designated to meet with Soleimani included Defense Minister Sergei Shoigu and probably also President Vladimir Putin.';
    expect(passage).toContain(sentence);
    const r = await checkSupport(sentence, passage, { embedder });
    expect(r.supported).toBe(true);
    expect(passage.slice(r.span!.start, r.span!.end)).toBe(sentence);
  });

  it('supports a close paraphrase of a passage sentence', async () => {
    const r = await checkSupport('Soleimani, although sanctioned by the UN Security Council, travelled to Moscow.', passage, { embedder });
    expect(r.supported).toBe(true);
    expect(passage.slice(r.span!.start, r.span!.end)).toContain('departed for Moscow');
  });

  it('does not support a sentence about something the passage does not say', async () => {
    const r = await checkSupport('Hezbollah runs a chain of bakeries in Paris.', passage, { embedder });
    expect(r.supported).toBe(false);
  });

  it('scores a changed number lower than the stated one', async () => {
    const stated = await checkSupport('In July 2015 the most prominent figure of the IRGC flew to a capital.', datedPassage, { embedder });
    const changed = await checkSupport('In July 2019 the most prominent figure of the IRGC flew to a capital.', datedPassage, { embedder });
    expect(stated.supported).toBe(true);
    expect(changed.score).toBeLessThan(stated.score);
  });

  it('works without embeddings (lexical-only fit)', async () => {
    const quoted = 'The delegation of high-level Russian officials designated to meet with Soleimani included Defense Minister Sergei Shoigu and probably also President Vladimir Putin.';
    expect((await checkSupport(quoted, passage, { embedder: null })).supported).toBe(true);
    expect((await checkSupport('Hezbollah runs a chain of bakeries in Paris.', passage, { embedder: null })).supported).toBe(false);
  });
});
