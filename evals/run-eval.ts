// An evaluation set, end to end and in-process: set file → engine → per-case scores → report.json + report.html.
// `npm run eval` (run.ts) is this plus flags; the regression test calls it directly.
import path from 'node:path';
import type { Config } from '../server/config.js';
import { createEmbeddings, type EmbeddingsChoice } from '../server/embeddings/create-embeddings.js';
import { createEngine, type Engine } from '../server/engine.js';
import type { Logger } from '../server/log.js';
import type { SupportJudge } from './metrics/citations.js';
import { readSet } from './read-set.js';
import { runCases, type RunCasesOptions } from './run-cases.js';
import { buildReport } from './report/build-report.js';
import type { EvalReport, ReportError } from './report/types.js';
import { readReport, writeReport } from './report/write-report.js';
import { createSupportCheckJudge } from './judges/support-check-judge.js';
import { defaultReportDir, setName } from './report/report-folder.js';

export interface RunEvalOptions {
  config: Readonly<Config>;
  log: Logger;
  setFile: string;
  /** folder for report.json/html; default EVAL_DIR/<set>-<timestamp> */
  outDir?: string;
  /** passages per question; default RETRIEVAL_K */
  k?: number;
  concurrency?: number;
  /** a previous report.json (or its folder) to compare with */
  baselineFile?: string;
  /** an LLM judge for a second opinion on citation support (null: none) */
  llmJudge?: SupportJudge | null;
  /** reuse a loaded model (tests) */
  embeddings?: EmbeddingsChoice;
  /** reuse an engine (tests); otherwise one is created and closed */
  engine?: Engine;
  /** build or update the index first when it is missing or stale (default true) */
  ensureIndex?: boolean;
  onCaseDone?: RunCasesOptions['onCaseDone'];
  /** called once the cases are known, before the first one runs */
  onStart?: (total: number) => void;
}

export interface RunEvalResult {
  report: EvalReport;
  outDir: string;
  files: { json: string; html: string };
}

export async function runEval(options: RunEvalOptions): Promise<RunEvalResult> {
  const { config, log } = options;
  const startedAt = new Date();
  const t0 = performance.now();
  const parsed = await readSet(options.setFile);
  for (const e of parsed.errors) log.warn(`${options.setFile}:${e.line}: skipped (${e.reason})`);
  // Read the baseline before the (slow) run, so a wrong path fails at once.
  const baseline = options.baselineFile ? { report: await readReport(options.baselineFile), file: options.baselineFile } : undefined;

  const embeddings = options.embeddings ?? (await createEmbeddings(config, log));
  if (options.ensureIndex !== false && !options.engine) {
    const { ensureIndex } = await import('../server/ingest/ensure-index.js');
    await ensureIndex(config, embeddings, log);
  }
  const engine = options.engine ?? (await createEngine(config, { log, embeddings }));
  const k = options.k ?? config.RETRIEVAL_K;
  const concurrency = options.concurrency ?? 1;
  const support = createSupportCheckJudge(embeddings.handle);
  const health = engine.health();
  options.onStart?.(parsed.cases.length);
  let run: Awaited<ReturnType<typeof runCases>>;
  try {
    run = await runCases(parsed.cases, {
      chat: (request) => engine.chat(request),
      k,
      concurrency,
      support,
      llmJudge: options.llmJudge ?? null,
      onCaseDone: options.onCaseDone,
    });
  } finally {
    if (!options.engine) await engine.close();
  }
  const errors: ReportError[] = [
    ...parsed.errors.map((e) => ({ line: e.line, id: e.id, stage: 'parse' as const, reason: e.reason })),
    ...run.errors,
  ].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const name = setName(options.setFile);
  const report = buildReport({
    set: name,
    kind: 'qa',
    config: {
      embeddings: health.embeddings,
      answerer: health.answerer,
      k,
      retrieval: health.retrieval,
      supportJudge: support.id,
      llmJudge: options.llmJudge?.id ?? null,
      concurrency,
      setFile: path.relative(config.ROOT, path.resolve(options.setFile)),
      documents: health.documents,
      chunks: health.chunks,
      indexBuiltAt: health.indexBuiltAt,
    },
    results: run.results,
    errors,
    startedAt,
    durationMs: performance.now() - t0,
    baseline,
  });
  const outDir = options.outDir ?? defaultReportDir(config.EVAL_DIR, name, startedAt);
  const files = await writeReport(outDir, report);
  return { report, outDir, files };
}
