// A LangChain chat model that runs a GGUF file in this process with node-llama-cpp (llama.cpp, CPU), so the
// generative answerer streams from it exactly as from ChatOpenAI. The messages are given to the model as plain text,
// one after the other, and it continues the text (a completion): the model we ship is a base model, not a chat model,
// and with Gemma's chat template it echoed the passages back instead of answering. An optional GBNF grammar shapes
// what it may write (prompts.ts: an answer must end in a [n] marker, or be the abstention sentence).
//
// node-llama-cpp is imported only when a model is loaded: it is a native addon, and only LLM_MODEL_PATH needs it.
// The weights are loaded once per process and file; one context sequence answers one question at a time, and the
// others wait their turn in arrival order (a second sequence would share the same CPU thread and only slow both).
import { SimpleChatModel, type BaseChatModelCallOptions } from '@langchain/core/language_models/chat_models';
import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import { AIMessageChunk, type BaseMessage } from '@langchain/core/messages';
import { ChatGenerationChunk } from '@langchain/core/outputs';
import type { LlamaCompletion, LlamaContextSequence, LlamaGrammar } from 'node-llama-cpp';
import { createFifoGate, type FifoGate } from '../fifo-gate.js';

export interface LocalModelSettings {
  /** absolute path of the .gguf file */
  modelPath: string;
  threads: number;
  contextSize: number;
  maxTokens: number;
}

export interface LocalChatModelOptions extends LocalModelSettings {
  /** GBNF grammar every reply must match (null: free text) */
  grammar?: string | null;
  /** generation stops at any of these (they are not part of the reply) */
  stop?: string[];
}

interface LoadedModel {
  sequence: LlamaContextSequence;
  completion: LlamaCompletion;
  grammar(gbnf: string): Promise<LlamaGrammar>;
  gate: FifoGate;
  /** model file name without .gguf, and the llama.cpp build that runs it */
  describe: string;
}

const loaded = new Map<string, Promise<LoadedModel>>();

async function load(settings: LocalModelSettings): Promise<LoadedModel> {
  const { getLlama, LlamaCompletion, LlamaLogLevel } = await import('node-llama-cpp');
  // build: 'never' and gpu: false: the prebuilt CPU binary from npm (@node-llama-cpp/linux-x64, …) or an error,
  // never a download or a compile at run time, and no probing of CUDA/Vulkan binaries there is no GPU for.
  const llama = await getLlama({ build: 'never', gpu: false, maxThreads: settings.threads, logLevel: LlamaLogLevel.error, progressLogs: false });
  const model = await llama.loadModel({ modelPath: settings.modelPath });
  const context = await model.createContext({ contextSize: settings.contextSize, threads: settings.threads, sequences: 1 });
  const sequence = context.getSequence();
  const grammars = new Map<string, Promise<LlamaGrammar>>();
  return {
    sequence,
    completion: new LlamaCompletion({ contextSequence: sequence, autoDisposeSequence: false }),
    grammar(gbnf) {
      if (!grammars.has(gbnf)) grammars.set(gbnf, llama.createGrammar({ grammar: gbnf }));
      return grammars.get(gbnf)!;
    },
    gate: createFifoGate(1),
    describe: `${settings.modelPath.split('/').pop()?.replace(/\.gguf$/i, '')} (llama.cpp ${llama.buildType}, ${settings.threads} thread${settings.threads === 1 ? '' : 's'})`,
  };
}

/** The model in this process, loaded on first use (or by `ready()`); a failed load is retried on the next call. */
export function loadLocalModel(settings: LocalModelSettings): Promise<LoadedModel> {
  const key = `${settings.modelPath}|${settings.threads}|${settings.contextSize}`;
  let entry = loaded.get(key);
  if (!entry) {
    entry = load(settings);
    loaded.set(key, entry);
    entry.catch(() => loaded.delete(key));
  }
  return entry;
}

/** The messages as the text the model continues: each message's text, in order, separated by a blank line. */
export function completionText(messages: BaseMessage[]): string {
  return messages.map((m) => m.text.trim()).filter(Boolean).join('\n\n');
}

export class LocalChatModel extends SimpleChatModel<BaseChatModelCallOptions> {
  constructor(private readonly options: LocalChatModelOptions) {
    super({});
  }

  _llmType(): string {
    return 'node-llama-cpp';
  }

  /** Loads the weights now (at start, so a bad file is reported then, not at the first question). */
  async ready(): Promise<string> {
    return (await loadLocalModel(this.options)).describe;
  }

  async _call(messages: BaseMessage[], options: this['ParsedCallOptions'], runManager?: CallbackManagerForLLMRun): Promise<string> {
    let text = '';
    for await (const chunk of this._streamResponseChunks(messages, options, runManager)) text += chunk.text;
    return text;
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    const model = await loadLocalModel(this.options);
    const signal = options.signal;
    const release = await model.gate.acquire(signal);
    if (!release) throw signal?.reason ?? new Error('aborted');
    // Generation is stopped when the caller aborts, and also when it stops reading the stream: the sequence is not
    // handed to the next question while this one still writes into it.
    const stop = new AbortController();
    const onAbort = () => stop.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    // llama.cpp reports text through a callback; this queue turns it into the async stream LangChain expects
    const pieces: string[] = [];
    let wake: (() => void) | null = null;
    let finished = false;
    let failure: unknown = null;
    let generation: Promise<unknown> = Promise.resolve();
    const notify = () => {
      wake?.();
      wake = null;
    };
    try {
      // each question starts from an empty context: the previous answer's tokens are no prefix of this prompt
      await model.sequence.clearHistory();
      const grammar = this.options.grammar ? await model.grammar(this.options.grammar) : undefined;
      generation = model.completion
        .generateCompletion(completionText(messages), {
          maxTokens: this.options.maxTokens,
          temperature: 0,
          grammar,
          customStopTriggers: this.options.stop,
          signal: stop.signal,
          onTextChunk: (piece) => {
            pieces.push(piece);
            notify();
          },
        })
        .then(
          () => (finished = true),
          (err: unknown) => {
            failure = err;
            finished = true;
          },
        )
        .finally(notify);
      for (;;) {
        while (pieces.length && !stop.signal.aborted) {
          const piece = pieces.shift()!;
          await runManager?.handleLLMNewToken(piece);
          yield new ChatGenerationChunk({ text: piece, message: new AIMessageChunk({ content: piece }) });
        }
        if (finished || stop.signal.aborted) break;
        await new Promise<void>((resolve) => (wake = resolve));
      }
      if (failure) throw failure;
      if (signal?.aborted) throw signal.reason ?? new Error('aborted');
    } finally {
      if (!finished) stop.abort(new Error('the reader stopped'));
      await generation;
      signal?.removeEventListener('abort', onAbort);
      release();
    }
  }
}
