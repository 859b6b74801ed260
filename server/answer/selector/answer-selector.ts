// The answer selector: a cross-encoder trained here (scripts/train/train_selector.py; model card in
// models/trained/answer-selector/README.md) that reads a question with one candidate sentence (and its title and
// preceding sentence) and scores whether the sentence states what the question asks. int8 ONNX, run with
// onnxruntime-node (selector-session.ts), in this process or in the inference processes (INFERENCE_WORKERS); the
// tokenizer is the model's own tokenizer.json read by Transformers.js, always here (its ids are memoised per text).
// Scores are memoised per call (a question with its whole shortlist): a repeated or re-asked question costs no
// inference.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { InferencePool } from '../../inference/inference-pool.js';
import { encodePair, type PairFormat, type PairText, type PieceTokenizer } from './encode-pair.js';
import { openSelectorSession, type SelectorRun } from './selector-session.js';

export interface AnswerSelector {
  /** model folder name and file, for logs and reports */
  readonly id: string;
  /** one logit per pair: higher = the sentence states the answer (sigmoid gives a probability-like score) */
  score(pairs: PairText[]): Promise<number[]>;
}

export interface SelectorCard {
  input: PairFormat;
  [key: string]: unknown;
}

// The int8 model quantises activations per batch, so a pair's logit depends on the other pairs of its batch (±0.3
// logit measured here between a pair alone and in its shortlist). A call's pairs are therefore always scored
// together, in one fixed order, and memoised as a whole, never pair by pair: the same question over the same
// passages gets the same logits whatever was asked before (and the logits the decision was fitted on).
const BATCH = 16;
const CACHE_MAX = 50_000;
/** memoised calls (each a question with its shortlist) */
const CALLS_MAX = 5_000;

export class SelectorUnavailableError extends Error {
  override name = 'SelectorUnavailableError';
}

/** The model's word-piece tokenizer (its tokenizer.json, through Transformers.js), memoised per text. */
export async function loadPieceTokenizer(dir: string): Promise<PieceTokenizer> {
  const { BertTokenizer } = await import('@huggingface/transformers');
  const bert = new BertTokenizer(
    JSON.parse(readFileSync(path.join(dir, 'tokenizer.json'), 'utf8')),
    JSON.parse(readFileSync(path.join(dir, 'tokenizer_config.json'), 'utf8')),
  );
  const cache = new Map<string, number[]>();
  return {
    cls: bert.model.tokens_to_ids.get('[CLS]')!,
    sep: bert.model.tokens_to_ids.get('[SEP]')!,
    pieces(text) {
      let ids = cache.get(text);
      if (!ids) {
        ids = text ? (bert.encode(text, { add_special_tokens: false }) as number[]) : [];
        if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
        cache.set(text, ids);
      }
      return ids;
    },
  };
}

export interface LoadSelectorOptions {
  /** onnxruntime intra-op threads (0 = its default) */
  threads?: number;
  /** run the model in these processes instead of this one (INFERENCE_WORKERS) */
  pool?: InferencePool | null;
}

/** Loads the selector from its folder; throws SelectorUnavailableError saying what is missing. */
export async function loadAnswerSelector(dir: string, options: LoadSelectorOptions = {}): Promise<AnswerSelector> {
  const modelFile = path.join(dir, 'onnx', 'model_quantized.onnx');
  for (const f of [modelFile, path.join(dir, 'selector.json'), path.join(dir, 'tokenizer.json'), path.join(dir, 'tokenizer_config.json')]) {
    if (!existsSync(f)) throw new SelectorUnavailableError(`answer selector: ${f} is missing`);
  }
  const card = JSON.parse(readFileSync(path.join(dir, 'selector.json'), 'utf8')) as SelectorCard;
  const tokenizer = await loadPieceTokenizer(dir);
  const { pool } = options;
  const spec = { modelFile, threads: options.threads ?? 0 };
  let run: SelectorRun;
  if (pool) {
    // opened in the inference processes now, so a broken model file still stops the start, not the first question
    await pool.loadSelector(spec);
    run = (batch) => pool.select(spec, batch);
  } else {
    run = await openSelectorSession(spec.modelFile, spec.threads);
  }
  const scoreCache = new Map<string, number[]>();
  const keyOf = (pairs: PairText[]) => JSON.stringify(pairs.map((p) => [p.question, p.sentence, p.title, p.previous, p.next ?? '']));

  return {
    id: `${path.basename(dir)} (int8)`,
    async score(pairs) {
      if (!pairs.length) return [];
      const key = keyOf(pairs);
      const hit = scoreCache.get(key);
      if (hit) return [...hit];
      const todo = pairs.map((p, i) => ({ i, enc: encodePair(tokenizer, card.input, p) }));
      // similar lengths together: less padding (a stable sort, so the order is a function of the pairs alone)
      todo.sort((a, b) => a.enc.ids.length - b.enc.ids.length || a.i - b.i);
      const out: number[] = new Array(pairs.length);
      for (let b = 0; b < todo.length; b += BATCH) {
        const part = todo.slice(b, b + BATCH);
        const logits = await run(part.map((t) => t.enc));
        part.forEach((t, j) => (out[t.i] = logits[j]));
      }
      if (scoreCache.size >= CALLS_MAX) scoreCache.delete(scoreCache.keys().next().value as string);
      scoreCache.set(key, out);
      return [...out];
    },
  };
}
