// The TypeScript encoder must build the token ids training built (scripts/train/encoder_fixture.py wrote the
// expected ids with the training code): a mismatch would feed the model inputs it never saw.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { loadPieceTokenizer } from './answer-selector.js';
import { encodePair, type PairFormat } from './encode-pair.js';

const selectorDir = () => loadConfig({ dotenv: false }).ANSWER_SELECTOR_DIR;
const fixture = JSON.parse(readFileSync(new URL('./fixtures/encoded-pairs.json', import.meta.url), 'utf8')) as {
  input: PairFormat;
  pairs: { question: string; sentence: string; title: string; previous: string; next?: string; ids: number[]; types: number[] }[];
};

describe('encodePair', () => {
  it('builds the token ids and types the selector was trained on', async () => {
    const tok = await loadPieceTokenizer(selectorDir());
    for (const p of fixture.pairs) {
      const got = encodePair(tok, fixture.input, p);
      expect(got.ids).toEqual(p.ids);
      expect(got.types).toEqual(p.types);
      expect(got.ids.length).toBeLessThanOrEqual(fixture.input.maxLength);
    }
  });

  it('uses the layout the committed model was trained with', () => {
    const card = JSON.parse(readFileSync(`${selectorDir()}/selector.json`, 'utf8')) as { input: PairFormat };
    expect(card.input).toEqual(fixture.input);
  });
});
