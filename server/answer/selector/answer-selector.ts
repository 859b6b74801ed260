// The answer selector: a cross-encoder trained here (scripts/train/train_selector.py; model card in
// models/trained/answer-selector/README.md) that reads a question with one candidate sentence (and its title and
// preceding sentence) and scores whether the sentence states what the question asks. int8 ONNX, run with
// onnxruntime-node (selector-session.ts), in this process or in the inference processes (INFERENCE_WORKERS); the
// tokenizer is the model's own tokenizer.json read by Transformers.js, always here (its ids are memoised per text).
// Each pair is scored alone and its logit memoised: a sentence read again (the rest of a shortlist after the
// decision's first 16, a re-asked question, the same passages for a follow-up) costs no inference.
import { createHash } from 'node:crypto';
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

// Why one pair per model run. The int8 model quantises activations per run (DynamicQuantizeLinear over the whole
// batch tensor, padding included), so in a batch a pair's logit depended on the other pairs (±0.3 logit measured
// here); alone, a pair always gets the same logit, which makes it memoisable and the order of questions irrelevant.
// It is also faster: the shortlist's pairs are 74 word-pieces long on average (SQuAD v1.1, held-out articles) and a
// batch pads them to its longest (46 % more tokens): on this 2-core machine, one thread, 19.7 ms a pair batched by
// shortlist against 11.1 ms alone (`npm run bench:selector`, docs/benchmarks.md). With inference processes, a call's
// pairs are spread over them and run at once.
/** memoised pairs (a logit per question × sentence × context, keyed by a hash: 100,000 take about 15 MB) */
const CACHE_MAX = 100_000;

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
  const logits = new Map<string, number>();
  const keyOf = (p: PairText) => createHash('sha1').update(JSON.stringify([p.question, p.sentence, p.title, p.previous, p.next ?? ''])).digest('base64');
  const one = async (p: PairText) => (await run([encodePair(tokenizer, card.input, p)]))[0];

  return {
    id: `${path.basename(dir)} (int8)`,
    async score(pairs) {
      const keys = pairs.map(keyOf);
      const todo = new Map<string, PairText>();
      keys.forEach((k, i) => logits.has(k) || todo.set(k, pairs[i]));
      const fresh = new Map<string, number>();
      if (pool) {
        // spread over the inference processes, each running its jobs in turn
        const values = await Promise.all([...todo.values()].map(one));
        [...todo.keys()].forEach((k, i) => fresh.set(k, values[i]));
      } else {
        for (const [k, p] of todo) fresh.set(k, await one(p));
      }
      for (const [k, v] of fresh) {
        if (logits.size >= CACHE_MAX) logits.delete(logits.keys().next().value as string);
        logits.set(k, v);
      }
      return keys.map((k) => fresh.get(k) ?? logits.get(k)!);
    },
  };
}
