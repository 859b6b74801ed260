// Entry point of an inference process (inference-pool.ts starts it with its share of the cores as argv[2]): opens
// the models jobs name, once each, and runs them with the very code the server would run in-process (LocalEmbeddings
// without a pool, openSelectorSession), so a vector or a logit does not depend on where it was computed.
// Replies { id, value } or { id, error }.
import { openSelectorSession, type SelectorRun } from '../answer/selector/selector-session.js';
import { LocalEmbeddings } from '../embeddings/local-embeddings.js';
import type { EmbedModelSpec, InferenceJob, InferenceReply, SelectorSpec } from './inference-pool.js';

const threads = Number(process.argv[2] ?? 0) || 0;
const embedders = new Map<string, LocalEmbeddings>();
const selectors = new Map<string, Promise<SelectorRun>>();

function embedder(spec: EmbedModelSpec): LocalEmbeddings {
  const key = JSON.stringify([spec.model, spec.modelsDir, spec.dtype, spec.cacheDir ?? '']);
  let e = embedders.get(key);
  if (!e) embedders.set(key, (e = new LocalEmbeddings({ ...spec, batchSize: 1, threads })));
  return e;
}

function selector(spec: SelectorSpec): Promise<SelectorRun> {
  const key = JSON.stringify([spec.modelFile, spec.threads]);
  let run = selectors.get(key);
  if (!run) {
    run = openSelectorSession(spec.modelFile, spec.threads || threads);
    selectors.set(key, run);
    run.catch(() => selectors.delete(key));
  }
  return run;
}

async function handle(job: InferenceJob): Promise<unknown> {
  switch (job.kind) {
    case 'load-embeddings':
      await embedder(job.model).load();
      return null;
    case 'embed':
      return embedder(job.model).embedBatch(job.texts);
    case 'load-selector':
      await selector(job.model);
      return null;
    case 'select':
      return (await selector(job.model))(job.batch);
  }
}

const reply = (message: InferenceReply) => process.send?.(message);

// The server that started this process is gone (stopped, crashed): nothing is waiting for the answers.
process.on('disconnect', () => process.exit(0));

process.on('message', ({ id, job }: { id: number; job: InferenceJob }) => {
  handle(job).then(
    (value) => reply({ id, value }),
    (err: Error) => reply({ id, error: { name: err?.name ?? 'Error', message: err?.message ?? String(err) } }),
  );
});
reply({ ready: true });
