// npm run eval -- --set FILE [--out DIR] [--k N] [--answerer extractive|llm] [--concurrency N] [--baseline report.json]
// Runs an evaluation set in-process and writes report.json + report.html. Exit codes: 0 report written and every
// case ran; 1 report written but some lines were malformed or some cases failed; 2 nothing could be evaluated
// (bad flags, unreadable set or baseline, configuration or index errors). Low scores never change the exit code.
import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { loadConfig, type RawConfig } from '../server/config.js';
import { createLogger } from '../server/log.js';
import { createLlmJudge } from './judges/llm-judge.js';
import { metricInfo } from './metrics/catalogue.js';
import { runEval } from './run-eval.js';
import type { EvalReport } from './report/types.js';

const USAGE = `usage: npm run eval -- --set FILE [--out DIR] [--k N] [--answerer extractive|llm] [--concurrency N]
                        [--baseline report.json] [--no-judge]

  --set FILE          evaluation set, JSON Lines (CONTRACT.md)
  --out DIR           report folder (default: EVAL_DIR/<set>-<timestamp>)
  --k N               passages retrieved per question (default: RETRIEVAL_K)
  --answerer MODE     extractive | llm (default: ANSWERER from the environment)
  --concurrency N     questions in flight at once (default 1; latency is comparable only at equal concurrency)
  --baseline FILE     an earlier report.json (or its folder): deltas per metric and per case, regressions in red
  --no-judge          skip the LLM judge even when OPENAI_API_KEY / OPENAI_BASE_URL is set`;

class UsageError extends Error {}

function positiveInt(name: string, value: string | undefined, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`--${name} must be a whole number from 1 to ${max} (got "${value}")`);
  return n;
}

function parseFlags(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      set: { type: 'string' },
      out: { type: 'string' },
      k: { type: 'string' },
      answerer: { type: 'string' },
      concurrency: { type: 'string' },
      baseline: { type: 'string' },
      'no-judge': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return null;
  if (!values.set) throw new UsageError('--set FILE is required');
  if (values.answerer !== undefined && values.answerer !== 'extractive' && values.answerer !== 'llm') {
    throw new UsageError(`--answerer must be extractive or llm (got "${values.answerer}")`);
  }
  return {
    set: values.set,
    out: values.out,
    k: positiveInt('k', values.k, 20),
    answerer: values.answerer as 'extractive' | 'llm' | undefined,
    concurrency: positiveInt('concurrency', values.concurrency, 16),
    baseline: values.baseline,
    judge: !values['no-judge'],
  };
}

function progress(total: number) {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: 'eval {bar} {value}/{total} | {detail}', hideCursor: true, clearOnComplete: true, barsize: 24 },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { detail: '' });
    return {
      tick: (done: number, detail: string) => bar.update(done, { detail }),
      note: (text: string) => process.stderr.write(`\r\x1b[K${text}\n`),
      stop: () => bar.stop(),
    };
  }
  let lastTenth = -1;
  return {
    tick: (done: number) => {
      const tenth = Math.floor((10 * done) / Math.max(total, 1));
      if (tenth !== lastTenth) console.error(`eval: ${done}/${total} cases`);
      lastTenth = tenth;
    },
    note: (text: string) => console.error(text),
    stop: () => {},
  };
}

function summary(report: EvalReport): string {
  const agg = report.aggregate as Record<string, unknown>;
  const lines = Object.entries(agg)
    .filter(([k, v]) => (typeof v === 'number' || v === null) && !k.endsWith('Cases'))
    .map(([k, v]) => {
      const d = report.baseline?.aggregate[k];
      const delta = d?.delta != null ? `  ${d.delta >= 0 ? '+' : ''}${d.delta.toFixed(3)}${d.regression ? '  REGRESSION' : ''}` : '';
      return `  ${metricInfo(k).label.padEnd(34)} ${v === null ? '   n/a' : (v as number).toFixed(3)}${delta}`;
    });
  lines.push(`  ${'Latency p50 / p95 (ms)'.padEnd(34)} ${report.aggregate.latencyMs.p50} / ${report.aggregate.latencyMs.p95}`);
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  let flags: ReturnType<typeof parseFlags>;
  try {
    flags = parseFlags(argv);
  } catch (err) {
    console.error(`error: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (!flags) {
    console.log(USAGE);
    return 0;
  }
  const overrides: Partial<Record<keyof RawConfig, string>> = flags.answerer ? { ANSWERER: flags.answerer } : {};
  const config = loadConfig({ overrides });
  // Logs go to stderr so stdout carries only the summary.
  const log = createLogger(config.LOG_LEVEL, { fd: 2 });
  const llmJudge = flags.judge ? createLlmJudge(config, log) : null;
  let bar: ReturnType<typeof progress> | null = null;
  const { report, files } = await runEval({
    config,
    log,
    setFile: flags.set,
    outDir: flags.out ? path.resolve(flags.out) : undefined,
    k: flags.k,
    concurrency: flags.concurrency,
    baselineFile: flags.baseline,
    llmJudge,
    onStart: (total) => (bar = progress(total)),
    onCaseDone: (done, _total, outcome) => {
      if (outcome.error) bar?.note(`line ${outcome.error.line} (${outcome.error.id}): failed: ${outcome.error.reason}`);
      bar?.tick(done, outcome.result?.id ?? outcome.error?.id ?? '');
    },
  });
  (bar as ReturnType<typeof progress> | null)?.stop();
  const errs = report.errors.length;
  console.log(`${report.set}: ${report.cases} cases scored${errs ? `, ${errs} error${errs > 1 ? 's' : ''} (see the report)` : ''}`);
  console.log(summary(report));
  if (report.baseline) {
    const b = report.baseline;
    console.log(`  against ${b.file}: ${b.regressedCases.length} cases regressed, ${b.improvedCases.length} improved`);
  }
  console.log(`report: ${files.html}\n        ${files.json}`);
  return errs ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    const e = err as Error;
    const known = ['ConfigError', 'IndexMismatchError', 'IndexLockedError', 'ReportReadError'].includes(e.name) || (e as NodeJS.ErrnoException).code === 'ENOENT';
    console.error(known ? `error: ${e.message}` : err);
    process.exit(2);
  },
);
