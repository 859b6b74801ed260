// The README's figure tables, written from the latest runs: eval reports in EVAL_DIR (npm run eval, eval:squad) and
// the saved benchmark results in EVAL_DIR/.bench (npm run bench, bench:retrieval). Each table sits between
// `<!-- figures:NAME -->` and `<!-- /figures:NAME -->`; only those blocks change, the prose around them is the
// author's. A block whose run is missing is left as it is (and reported), never emptied.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { benchRuns, latestBenchRun } from './bench-runs.js';
import { mergeScaleRuns, renderScaleTables, type ScaleRun } from './scale-table.js';
import type { EvalReport, LatencySummary } from './types.js';

type Num = number | null | undefined;
const f3 = (x: Num) => (typeof x === 'number' ? x.toFixed(3) : '–');
const f4 = (x: Num) => (typeof x === 'number' ? x.toFixed(4) : '–');
const table = (rows: [string, string][]) => ['| measure | value |', '| --- | --- |', ...rows.map(([a, b]) => `| ${a} | ${b} |`)].join('\n');
const day = (iso: string | undefined) => (iso ? iso.slice(0, 10) : 'unknown date');

/** The newest report.json in `evalDir` whose set passes `match`. */
export function latestReport(evalDir: string, match: (set: string) => boolean): { dir: string; report: EvalReport } | null {
  let best: { dir: string; report: EvalReport } | null = null;
  let names: string[];
  try {
    names = readdirSync(evalDir, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
  } catch {
    return null;
  }
  for (const name of names) {
    let report: EvalReport;
    try {
      report = JSON.parse(readFileSync(path.join(evalDir, name, 'report.json'), 'utf8')) as EvalReport;
    } catch {
      continue;
    }
    if (!match(report.set)) continue;
    if (!best || report.createdAt > best.report.createdAt) best = { dir: name, report };
  }
  return best;
}

function seedTable({ dir, report }: { dir: string; report: EvalReport }): string {
  const a = report.aggregate;
  const lat = a.latencyMs as LatencySummary;
  return [
    table([
      ['hit@1 / hit@5 / MRR / nDCG@10 (expected sources)', `${f3(a['hit@1'])} / ${f3(a['hit@5'])} / ${f3(a.mrr)} / ${f3(a['ndcg@10'])}`],
      ['fact recall (expected facts in the answer)', f3(a.factRecall)],
      ['citation precision / recall (support check)', `${f3(a.citationPrecision)} / ${f3(a.citationRecall)}`],
      [
        `abstention accuracy (${a.unanswerableCases} unanswerable) / false abstention (${a.answerableCases} answerable)`,
        `${f3(a.abstentionAccuracy)} / ${f3(a.falseAbstentionRate)}`,
      ],
      ...(typeof a.paraphraseConsistency === 'number' ? ([['paraphrase consistency', f3(a.paraphraseConsistency)]] as [string, string][]) : []),
      ['latency p50 / p95 (in-process, one at a time)', `${lat.p50} / ${lat.p95} ms`],
    ]),
    '',
    `(run \`${dir}\`, ${day(report.createdAt)}; ${report.config.answerer}, ${report.config.embeddings})`,
  ].join('\n');
}

function squadTable({ dir, report }: { dir: string; report: EvalReport }): string {
  const c = report.byCategory;
  const ans = c.answerable ?? {};
  const rows: [string, string][] = [];
  if (c['squad2-unanswerable']) rows.push([`unanswerable questions abstained (${c['squad2-unanswerable'].cases})`, f3(c['squad2-unanswerable'].abstentionAccuracy)]);
  rows.push(
    [`false abstention (${ans.cases ?? 0} answerable)`, f3(ans.falseAbstentionRate)],
    ['gold answer in the answer’s first two sentences', f3(ans.goldInFirstTwo)],
    ['first sentence EM / F1', `${f3(ans.exactMatch)} / ${f3(ans.f1)}`],
    ['passage hit@1 / hit@5', `${f3(ans['hit@1'])} / ${f3(ans['hit@5'])}`],
  );
  if (c['gold-removed']) rows.push([`abstention with the gold paragraph removed (${c['gold-removed'].cases})`, f3(c['gold-removed'].abstentionAccuracy)]);
  return [table(rows), '', `(run \`${dir}\`, ${day(report.createdAt)}; ${report.config.selector ?? 'no selector'})`].join('\n');
}

interface RetrievalRun {
  dataset: string;
  queries: number;
  docs: number;
  chunks?: number;
  embeddings: string;
  vectorSearch?: string | null;
  lexical: Record<string, number>;
  dense?: Record<string, number>;
  hybrid?: Record<string, number>;
}

function retrievalTable({ file, result: r }: { file: string; result: RetrievalRun }): string {
  const modes = (['lexical', 'dense', 'hybrid'] as const).filter((m) => r[m]);
  return [
    '| mode | nDCG@10 | recall@100 | MRR@10 |',
    '| --- | --- | --- | --- |',
    ...modes.map((m) => `| ${m} | ${f4(r[m]!['ndcg@10'])} | ${f4(r[m]!['recall@100'])} | ${f4(r[m]!['mrr@10'])} |`),
    '',
    `(${r.dataset}: ${r.queries} queries, ${r.docs} documents${r.chunks ? `, ${r.chunks} chunks` : ''}; ${r.embeddings}; vectors by ${r.vectorSearch ?? 'none'}; \`${path.basename(file)}\`)`,
  ].join('\n');
}

interface SpeedRun {
  machine: string;
  runs: number;
  modelLoadMs: number;
  ingest: { documents: number; chunks: number; ms: number; chunksPerS: number; modelChunksPerS: number; reingestNoChangeMs: number; reingestEmbedded: number };
  latencyMs: Record<string, { p50: number; p95: number }>;
  memoryMb: { start: number; afterModelLoad: number; end: number; peak: number };
}

function speedTable({ file, result: r }: { file: string; result: SpeedRun }): string {
  const l = r.latencyMs;
  const pair = (k: string) => (l[k] ? `${l[k].p50} / ${l[k].p95} ms` : '–');
  return [
    table([
      ['model load', `${r.modelLoadMs} ms`],
      [`full ingest of \`corpus/\` (${r.ingest.documents} documents, ${r.ingest.chunks} chunks)`, `${(r.ingest.ms / 1000).toFixed(1)} s (${r.ingest.chunksPerS} chunks/s; the model alone ${r.ingest.modelChunksPerS} chunks/s)`],
      ['re-ingest, nothing changed', `${r.ingest.reingestNoChangeMs} ms (${r.ingest.reingestEmbedded} chunks embedded)`],
      ['query embedding p50 / p95', pair('embedQuery')],
      ['retrieval p50 / p95', pair('retrieval')],
      [`extractive answer p50 / p95 (over ${r.runs} run${r.runs === 1 ? '' : 's'})`, pair('answer')],
      ['SSE first event (`meta`) p50 / p95, over HTTP', pair('sseFirstEvent')],
      ['RSS start / after model load / end (peak)', `${r.memoryMb.start} / ${r.memoryMb.afterModelLoad} / ${r.memoryMb.end} (${r.memoryMb.peak}) MB`],
    ]),
    '',
    `(${r.machine}; \`${path.basename(file)}\`)`,
  ].join('\n');
}

/** What each README block is written from. */
export const FIGURE_BLOCKS: Record<string, (evalDir: string) => string | null> = {
  seed: (d) => {
    const r = latestReport(d, (s) => s === 'seed');
    return r && seedTable(r);
  },
  'squad-v2-fit': (d) => {
    const r = latestReport(d, (s) => s === 'dev-v2.0-fit-articles');
    return r && squadTable(r);
  },
  'squad-v1-heldout': (d) => {
    const r = latestReport(d, (s) => s === 'squad-v1.1-dev-heldout');
    return r && squadTable(r);
  },
  scifact: (d) => {
    const r = latestBenchRun<RetrievalRun>(d, 'retrieval-scifact');
    return r && retrievalTable(r);
  },
  speed: (d) => {
    const r = latestBenchRun<SpeedRun>(d, 'speed');
    return r && speedTable(r);
  },
  scale: (d) => {
    const merged = mergeScaleRuns(benchRuns<ScaleRun>(d, 'scale'));
    return merged && `${renderScaleTables(merged.result)}\n\n(${merged.files.map((f) => `\`${path.basename(f)}\``).join(', ')})`;
  },
};

/** The README with every block that has a run rewritten; `updated` and `missing` name the blocks. */
export function rewriteFigures(readme: string, evalDir: string, blocks = FIGURE_BLOCKS): { text: string; updated: string[]; missing: string[] } {
  const updated: string[] = [];
  const missing: string[] = [];
  const text = readme.replace(/(<!-- figures:([\w-]+) -->\n)([\s\S]*?)(\n<!-- \/figures:\2 -->)/g, (whole, open: string, name: string, _body, close: string) => {
    const render = blocks[name];
    const body = render ? render(evalDir) : null;
    if (body === null) {
      missing.push(name);
      return whole;
    }
    updated.push(name);
    return `${open}${body}${close}`;
  });
  return { text, updated, missing };
}
