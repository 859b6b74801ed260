// Sentence embeddings computed in-process with Transformers.js (ONNX Runtime on the CPU).
// Own subclass rather than @langchain/community's HuggingFaceTransformersEmbeddings because that class
// (a) runs every batch at once through Promise.all (no progress, all batches compete for 2 cores),
// (b) does not expose the tokenizer, which chunking needs to keep chunks within the model's 256 word-pieces,
// (c) pads each batch to its longest text; sorting by length first wastes less time on padding.
// With an inference pool (INFERENCE_WORKERS) each model call runs in an inference process, through this same class
// there (without a pool); the tokenizer stays here too, for countTokens.
import path from 'node:path';
import { existsSync } from 'node:fs';
import { Embeddings, type EmbeddingsParams } from '@langchain/core/embeddings';
import type { FeatureExtractionPipeline } from '@huggingface/transformers';
import type { TokenCounter } from '../domain.js';
import type { EmbedModelSpec, InferencePool } from '../inference/inference-pool.js';
import { runEach } from '../run-each.js';

export interface LocalEmbeddingsOptions extends EmbeddingsParams {
  /** model hub id, e.g. Xenova/all-MiniLM-L6-v2 */
  model: string;
  /** folder in Transformers.js layout holding <model>/; empty → download from the hub into cacheDir */
  modelsDir: string;
  dtype: 'q8' | 'fp32';
  batchSize: number;
  /** where hub downloads are cached */
  cacheDir?: string;
  /** onnxruntime intra-op threads (0 or absent: its default, one per core) */
  threads?: number;
  /** run the model calls in these processes instead of this one */
  pool?: InferencePool | null;
}

export type EmbedProgress = (done: number, total: number) => void;

export class ModelUnavailableError extends Error {
  override name = 'ModelUnavailableError';
}

export class LocalEmbeddings extends Embeddings {
  readonly model: string;
  readonly dtype: 'q8' | 'fp32';
  readonly batchSize: number;
  private readonly modelsDir: string;
  private readonly cacheDir: string | undefined;
  private readonly threads: number;
  private readonly pool: InferencePool | null;
  private loadPromise: Promise<void> | null = null;
  private pipelinePromise: Promise<FeatureExtractionPipeline> | null = null;
  private tokenizer: FeatureExtractionPipeline['tokenizer'] | null = null;
  dimensions: number | null = null;

  constructor(options: LocalEmbeddingsOptions) {
    super(options);
    this.model = options.model;
    this.modelsDir = options.modelsDir;
    this.dtype = options.dtype;
    this.batchSize = options.batchSize;
    this.cacheDir = options.cacheDir;
    this.threads = options.threads ?? 0;
    this.pool = options.pool ?? null;
  }

  private get spec(): EmbedModelSpec {
    return { model: this.model, modelsDir: this.modelsDir, dtype: this.dtype, ...(this.cacheDir ? { cacheDir: this.cacheDir } : {}) };
  }

  get id(): string {
    return `local:${this.model}@${this.dtype}`;
  }

  /**
   * Loads what this process needs once: with an inference pool, the tokenizer here (chunking counts word-pieces) and
   * the model in every inference process; without one, the model here. Rejects with ModelUnavailableError saying
   * where it looked.
   */
  load(): Promise<void> {
    this.loadPromise ??= this.loadModel().catch((err) => {
      this.loadPromise = null;
      throw err;
    });
    return this.loadPromise;
  }

  /**
   * The model run in this process (benchmarks compare the raw model with the ingest). Without a pool this is the
   * model load() loads; with one, a further copy — the server never loads it (a 100 MB and 1 s saving at start).
   */
  localPipeline(): Promise<FeatureExtractionPipeline> {
    this.pipelinePromise ??= this.withModelErrors(async () => {
      const { pipeline } = await this.transformers();
      const threads = this.threads > 0 ? { session_options: { intraOpNumThreads: this.threads } } : {};
      return (await pipeline('feature-extraction', this.model, { dtype: this.dtype, ...threads })) as FeatureExtractionPipeline;
    }).catch((err) => {
      this.pipelinePromise = null;
      throw err;
    });
    return this.pipelinePromise;
  }

  private async loadModel(): Promise<void> {
    if (!this.pool) {
      const pipe = await this.localPipeline();
      this.tokenizer = pipe.tokenizer;
      const hidden = (pipe.model.config as { hidden_size?: number }).hidden_size;
      this.dimensions = typeof hidden === 'number' ? hidden : null;
      return;
    }
    await this.withModelErrors(async () => {
      const { AutoTokenizer, AutoConfig } = await this.transformers();
      this.tokenizer = await AutoTokenizer.from_pretrained(this.model);
      const hidden = ((await AutoConfig.from_pretrained(this.model)) as { hidden_size?: number }).hidden_size;
      this.dimensions = typeof hidden === 'number' ? hidden : null;
      await this.pool!.loadEmbeddings(this.spec);
    });
  }

  /** Transformers.js, pointed at MODELS_DIR (nothing downloaded) or at the hub. */
  private async transformers() {
    const transformers = await import('@huggingface/transformers');
    const { env } = transformers;
    if (this.modelsDir) {
      const dir = path.join(this.modelsDir, this.model);
      if (!existsSync(dir)) {
        throw new ModelUnavailableError(`model ${this.model} not found in MODELS_DIR (${dir} does not exist)`);
      }
      env.localModelPath = this.modelsDir;
      env.allowLocalModels = true;
      env.allowRemoteModels = false;
    } else {
      env.allowLocalModels = false;
      env.allowRemoteModels = true;
      if (this.cacheDir) env.cacheDir = this.cacheDir;
    }
    return transformers;
  }

  private async withModelErrors<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof ModelUnavailableError) throw err;
      const where = this.modelsDir ? `MODELS_DIR=${this.modelsDir}` : 'the Hugging Face hub (no MODELS_DIR set)';
      throw new ModelUnavailableError(`could not load ${this.model} (${this.dtype}) from ${where}: ${(err as Error).message}`, {
        cause: err,
      });
    }
  }

  /** Word-pieces of `text` as the model's tokenizer counts them (without [CLS]/[SEP]). Needs load() first. */
  readonly countTokens: TokenCounter = (text: string) => {
    if (!this.tokenizer) throw new Error('LocalEmbeddings.countTokens called before load()');
    return this.tokenizer.encode(text, { add_special_tokens: false }).length;
  };

  /**
   * Model calls worth running at once: one per inference process (each has its share of the cores), else one (the
   * in-process session already uses every core). Batches are the same either way, so the vectors are too.
   */
  get parallelCalls(): number {
    return this.pool?.size ?? 1;
  }

  override async embedDocuments(texts: string[], onProgress?: EmbedProgress): Promise<number[][]> {
    await this.load();
    const order = texts.map((t, i) => i).sort((a, b) => texts[a].length - texts[b].length);
    const out: number[][] = new Array(texts.length);
    const batches: number[][] = [];
    for (let i = 0; i < order.length; i += this.batchSize) batches.push(order.slice(i, i + this.batchSize));
    let done = 0;
    await runEach(batches, this.parallelCalls, async (ids) => {
      const vectors = await this.caller.call(() => this.run(ids.map((id) => texts[id])));
      ids.forEach((id, j) => (out[id] = vectors[j]));
      done += ids.length;
      onProgress?.(done, texts.length);
    });
    return out;
  }

  override async embedQuery(text: string): Promise<number[]> {
    await this.load();
    return (await this.run([text]))[0];
  }

  /** One model call over `texts` (one batch, vectors in order), in the pool when there is one. */
  async embedBatch(texts: string[]): Promise<number[][]> {
    await this.load();
    return this.run(texts);
  }

  private async run(texts: string[]): Promise<number[][]> {
    const clean = texts.map((t) => t.replace(/\s+/g, ' ').trim() || ' ');
    if (this.pool) return this.pool.embed(this.spec, clean);
    const pipe = await this.localPipeline();
    // Mean pooling over the attention mask + L2 normalisation: what sentence-transformers does for this model.
    const tensor = await pipe(clean, { pooling: 'mean', normalize: true });
    return tensor.tolist() as number[][];
  }
}
