// npm run bench -- [--json] [--runs N] [--set FILE] [--squad N]: speed and memory of the whole product here.
// npm run bench -- --scale …: speed at 10k–1M chunks on both stores (scripts/bench-scale.ts says what it measures).
// Measures (never asserts): model load, full ingest of corpus/ (chunks/s), a no-change re-ingest, per-stage
// latency (query embedding, retrieval, answer), the first-event and first-token latency of the SSE stream over
// real HTTP, and memory (RSS). With --squad N, also the SQuAD closed-corpus figures (npm run eval:squad on N
// held-out questions). Percentiles by nearest rank, as in eval reports (evals/metrics/latency.ts). Prints a
// markdown table; --json prints one JSON object as the last line.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { percentile } from '../evals/metrics/latency.js';
import { timeStream } from './bench/time-stream.js';
import { saveBenchRun } from '../evals/report/bench-runs.js';
import { loadConfig, PROJECT_ROOT } from '../server/config.js';
import { createEmbeddings } from '../server/embeddings/create-embeddings.js';
import { denseTextsOf } from './bench/ingest-throughput.js';
import { ingestLimitsOf } from '../server/ingest/ingest-limits.js';
import { startLoaderProcess } from '../server/ingest/load-in-subprocess.js';
import { createEngine } from '../server/engine.js';
import { buildApp } from '../server/http/app.js';
import { buildIndex } from '../server/ingest/build-index.js';
import { createLogger, silentLogger } from '../server/log.js';

const FALLBACK_QUESTIONS = [
  'When did Soleimani travel to Moscow?',
  'Which militias fight alongside IRGC commanders?',
  'What did Israel find in Southern Lebanon in November 2024?',
  'What is the balance of threat theory?',
  'What is the population of Brazil?',
];

function readQuestions(file: string | undefined): string[] {
  const candidate = file ?? path.join(PROJECT_ROOT, 'evals/sets/seed.jsonl');
  if (!existsSync(candidate)) return FALLBACK_QUESTIONS;
  const questions: string[] = [];
  for (const line of readFileSync(candidate, 'utf8').split('\n')) {
    try {
      const c = JSON.parse(line) as { question?: string; history?: unknown[] };
      if (c.question && !c.history?.length) questions.push(c.question);
    } catch {
      /* malformed lines are the eval runner's business */
    }
  }
  return questions.length ? questions : FALLBACK_QUESTIONS;
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const ms = (n: number) => Math.round(n * 10) / 10;

async function main() {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      runs: { type: 'string', default: '3' },
      set: { type: 'string' },
      squad: { type: 'string' },
    },
  });
  const runs = Math.max(1, Number(values.runs));
  const log = createLogger('warn', { fd: 2 });
  const dir = mkdtempSync(path.join(tmpdir(), 'axis-rag-bench-'));
  const corpusDir = path.join(dir, 'corpus');
  const baseConfig = loadConfig();
  cpSync(baseConfig.CORPUS_DIR, corpusDir, { recursive: true });
  const config = loadConfig({
    overrides: { CORPUS_DIR: corpusDir, INDEX_DIR: path.join(dir, 'index'), RATE_LIMIT_MAX: 0, ANSWERER: 'extractive', LOG_LEVEL: 'warn' },
  });
  const rss0 = process.memoryUsage().rss;

  let t = performance.now();
  const embeddings = await createEmbeddings(config, log);
  const modelLoadMs = performance.now() - t;
  const rssModel = process.memoryUsage().rss;
  // As `npm run ingest` has them when it starts writing: the loader process started while the model loaded, and the
  // model's sessions past their slow first runs (the raw figure below is taken warm too).
  await startLoaderProcess(ingestLimitsOf(config));
  if (embeddings.handle) for (let i = 0; i < 3; i++) await embeddings.handle.embedDocuments(Array.from({ length: 32 }, (_, j) => `warm-up text ${i} ${j}`));

  t = performance.now();
  const full = await buildIndex({ corpusDir, indexDir: config.INDEX_DIR, embeddings, log: silentLogger, rebuild: true });
  const ingestMs = performance.now() - t;
  t = performance.now();
  const again = await buildIndex({ corpusDir, indexDir: config.INDEX_DIR, embeddings, log: silentLogger });
  const reingestMs = performance.now() - t;

  // Raw model throughput on the texts the ingest embedded (its batches, sorted by length), to set ingest beside it.
  const engine = await createEngine(config, { log: silentLogger, embeddings });
  const questions = readQuestions(values.set);
  const sample = await denseTextsOf(config.INDEX_DIR, undefined);
  let modelChunksPerS = 0;
  if (embeddings.handle && sample.length) {
    t = performance.now();
    await embeddings.handle.embedDocuments(sample);
    modelChunksPerS = sample.length / ((performance.now() - t) / 1000);
  }

  const stage = { embedQuery: [] as number[], retrieval: [] as number[], answer: [] as number[], total: [] as number[] };
  for (let r = 0; r < runs; r++) {
    for (const q of questions) {
      if (embeddings.handle) {
        t = performance.now();
        await embeddings.handle.embedQuery(q);
        stage.embedQuery.push(performance.now() - t);
      }
      const res = await engine.chat({ question: q });
      stage.retrieval.push(res.timings.retrievalMs);
      stage.answer.push(res.timings.answerMs);
      stage.total.push(res.timings.totalMs);
    }
  }

  const app = await buildApp({ config, engine, log: silentLogger });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const sse = { firstEvent: [] as number[], firstToken: [] as number[], total: [] as number[] };
  for (let r = 0; r < runs; r++) {
    for (const q of questions) {
      const s = await timeStream(`${address}/api/chat`, q);
      sse.firstEvent.push(s.firstEvent);
      sse.firstToken.push(s.firstToken);
      sse.total.push(s.total);
    }
  }
  await app.close();
  const rssEnd = process.memoryUsage().rss;
  const maxRss = process.resourceUsage().maxRSS * 1024;
  rmSync(dir, { recursive: true, force: true });

  const squad = values.squad ? runSquad(Number(values.squad)) : null;

  const row = (xs: number[]) => ({ p50: ms(percentile(xs, 50)), p95: ms(percentile(xs, 95)) });
  const result = {
    machine: `${(await import('node:os')).cpus().length} cores, Node ${process.version}`,
    embeddings: embeddings.label,
    questions: questions.length,
    runs,
    modelLoadMs: ms(modelLoadMs),
    ingest: {
      documents: full.documents,
      chunks: full.chunksTotal,
      ms: ms(ingestMs),
      chunksPerS: ms(full.chunksTotal / (ingestMs / 1000)),
      modelChunksPerS: ms(modelChunksPerS),
      reingestNoChangeMs: ms(reingestMs),
      reingestEmbedded: again.chunksEmbedded,
    },
    latencyMs: {
      embedQuery: row(stage.embedQuery),
      retrieval: row(stage.retrieval),
      answer: row(stage.answer),
      chatTotal: row(stage.total),
      sseFirstEvent: row(sse.firstEvent),
      sseFirstToken: row(sse.firstToken),
      sseTotal: row(sse.total),
    },
    memoryMb: { start: mb(rss0), afterModelLoad: mb(rssModel), end: mb(rssEnd), peak: mb(maxRss) },
    squad,
  };

  const lines = [
    `| measure | value |`,
    `| --- | --- |`,
    `| machine | ${result.machine} |`,
    `| embeddings | ${result.embeddings} |`,
    `| model load | ${result.modelLoadMs} ms |`,
    `| full ingest (${result.ingest.documents} docs, ${result.ingest.chunks} chunks) | ${result.ingest.ms} ms (${result.ingest.chunksPerS} chunks/s; raw model ${result.ingest.modelChunksPerS} chunks/s) |`,
    `| re-ingest, nothing changed | ${result.ingest.reingestNoChangeMs} ms (${result.ingest.reingestEmbedded} chunks embedded) |`,
    ...Object.entries(result.latencyMs).map(([k, v]) => `| ${k} p50 / p95 (${questions.length} questions × ${runs}) | ${v.p50} / ${v.p95} ms |`),
    `| RSS start / after model / end / peak | ${result.memoryMb.start} / ${result.memoryMb.afterModelLoad} / ${result.memoryMb.end} / ${result.memoryMb.peak} MB |`,
  ];
  if (squad) {
    const u = squad.goldRemoved as { abstentionAccuracy: number; cases: number } | null;
    lines.push(
      `| SQuAD v1.1 dev closed corpus (${squad.questions} held-out questions, ${squad.retrieval}) hit@1 / hit@5 | ${squad['hit@1']} / ${squad['hit@5']} |`,
      `| SQuAD gold answer in the answer's first two sentences | ${squad.goldInFirstTwo} |`,
      `| SQuAD false abstention (answerable) / abstention when the gold paragraph is removed | ${squad.falseAbstention} / ${u ? `${u.abstentionAccuracy} of ${u.cases}` : 'n/a'} |`,
    );
  }
  console.log(lines.join('\n'));
  console.error(`saved: ${path.relative(PROJECT_ROOT, saveBenchRun(loadConfig().EVAL_DIR, 'speed', result))} (npm run readme:figures puts it in the README)`);
  if (values.json) console.log(JSON.stringify(result));
  process.exit(0);
}

/** npm run eval:squad in a child process (it owns its caches and CPU); its last stdout line is the JSON. */
function runSquad(limit: number): Record<string, unknown> & { questions: number } {
  console.error(`bench: SQuAD closed corpus, ${limit} held-out questions (first run embeds the 2,067 paragraphs)…`);
  const res = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(PROJECT_ROOT, 'evals/run-squad.ts'), '--split', 'heldout', '--limit', String(limit), '--seed', '7', '--json'],
    { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 },
  );
  if (res.status !== 0) throw new Error(`eval:squad failed (exit ${res.status})`);
  return JSON.parse(res.stdout.trim().split('\n').at(-1) ?? '{}');
}

if (process.argv[1]?.endsWith('bench.ts') && process.argv.includes('--scale')) {
  // Speed at scale (scripts/bench-scale.ts), in a process with room for a 1M-chunk corpus in memory.
  const child = spawnSync(
    process.execPath,
    ['--max-old-space-size=16384', '--import', 'tsx', path.join(PROJECT_ROOT, 'scripts/bench-scale.ts'), ...process.argv.slice(2)],
    { cwd: PROJECT_ROOT, stdio: 'inherit' },
  );
  process.exit(child.status ?? 1);
} else if (process.argv[1]?.endsWith('bench.ts')) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
