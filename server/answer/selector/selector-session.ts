// The answer selector's ONNX model opened with onnxruntime-node, and one run of it over a batch of encoded pairs
// (padded to the longest, int64 ids / attention mask / token types) → one logit per pair. Used where the model runs:
// in the server's process (INFERENCE_WORKERS=0) or in an inference process (server/inference/). The logits do not
// depend on the number of intra-op threads (checked: 0, 1 and 2 give the same bits).
import type { EncodedPair } from './encode-pair.js';

export type SelectorRun = (batch: EncodedPair[]) => Promise<number[]>;

/** threads: intraOpNumThreads, 0 = onnxruntime's default (one per physical core). */
export async function openSelectorSession(modelFile: string, threads = 0): Promise<SelectorRun> {
  const ort = await import('onnxruntime-node');
  const session = await ort.InferenceSession.create(modelFile, {
    intraOpNumThreads: threads,
    graphOptimizationLevel: 'all',
  });
  return async (batch) => {
    const width = Math.max(...batch.map((b) => b.ids.length));
    const ids = new BigInt64Array(batch.length * width);
    const mask = new BigInt64Array(batch.length * width);
    const types = new BigInt64Array(batch.length * width);
    batch.forEach((b, r) => {
      b.ids.forEach((id, c) => {
        ids[r * width + c] = BigInt(id);
        mask[r * width + c] = 1n;
        types[r * width + c] = BigInt(b.types[c]);
      });
    });
    const dims = [batch.length, width];
    const out = await session.run({
      input_ids: new ort.Tensor('int64', ids, dims),
      attention_mask: new ort.Tensor('int64', mask, dims),
      token_type_ids: new ort.Tensor('int64', types, dims),
    });
    return Array.from(out.logits.data as Float32Array);
  };
}
