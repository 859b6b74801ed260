// npm run eval:squad -- [--file F] [--limit N|all] [--seed S] [--split all|heldout|fit] [--articles A,B] [--k K] [--no-unanswerable] [--json] [--out DIR]
//
// SQuAD as a closed corpus (by default v1.1 dev, 2,067 paragraphs; --file takes any SQuAD v1.1 or 2.0 file, whose
// own paragraphs are then the corpus), answered by the product pipeline: retrieval, then the extractive answerer
// with the answer selector. Reports passage hit@1/hit@5/MRR, whether a gold answer is in the first two answer
// sentences, EM/F1 of the first sentence, abstention, latency; SQuAD 2.0's unanswerable questions (`is_impossible`),
// where the right answer is an abstention with no citations; and, on the answerable questions with their gold
// paragraph removed from the corpus (unanswerable but related: the article's other paragraphs remain), how often the
// answerer abstains. `--split heldout|fit` is the v1.1 article split (the selector trained on fit articles only);
// `--articles` keeps the questions of the named articles (titles as in the file, comma-separated) while the whole
// file stays the corpus: the SQuAD 2.0 fit articles the selector never trained on, measured among the others.
// Writes the same report as `npm run eval` (report.json + report.html, by default in EVAL_DIR where /evals lists it):
// one case per question, in the categories answerable, squad2-unanswerable and gold-removed.
// Without --limit, a selection of more than DEFAULT_LIMIT questions (evals/squad/subset-size.ts) is measured on a
// seeded subset of DEFAULT_LIMIT: 2,000 of the held-out split's 4,767 questions (each also asked with its gold paragraph
// removed) take 8 minutes on 2 cores from a fresh clone and bound a share's 95 % interval to ±2 points.
// `--limit all` measures them all.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { citedSentences } from '../server/answer/citations.js';
import { runEach } from '../server/run-each.js';
import { percentile } from './metrics/latency.js';
import { answerExtractively, type ExtractiveDeps } from '../server/answer/extractive-answerer.js';
import { loadSelectorOrNull } from '../server/answer/create-answerer.js';
import { silentLogger } from '../server/log.js';
import { articleSplit, shuffled, type SquadQuestion } from './squad/load-squad.js';
import { subsetSize } from './squad/subset-size.js';
import { setupSquad } from './squad/squad-setup.js';
import { best, containsAnswer, exactMatch, f1 } from './squad/squad-metrics.js';
import type { AnswerResult } from '../server/answer/types.js';
import type { Passage } from '../server/contract.js';
import { buildReport } from './report/build-report.js';
import { defaultReportDir } from './report/report-folder.js';
import type { CaseResult, MetricValues } from './report/types.js';
import { writeReport } from './report/write-report.js';

const { values: args } = parseArgs({
  options: {
    limit: { type: 'string' },
    seed: { type: 'string', default: '1' },
    split: { type: 'string', default: 'all' },
    k: { type: 'string' },
    'no-unanswerable': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    file: { type: 'string' },
    articles: { type: 'string' },
    out: { type: 'string' },
  },
});

type Category = 'answerable' | 'squad2-unanswerable' | 'gold-removed';

/** One question's answer as a row of the eval report (the contract's metrics where they apply, null elsewhere). */
function caseResult(q: SquadQuestion, category: Category, passages: Passage[], result: AnswerResult, latencyMs: number): CaseResult {
  const ranked = [...new Set(passages.map((p) => p.docId))];
  const rank = ranked.indexOf(q.docId);
  const answerable = category === 'answerable';
  const sentences = result.abstained ? [] : citedSentences(result.answer).map((s) => s.text);
  const stated = answerable && containsAnswer(result.answer, q.answers);
  const metrics: MetricValues = {
    'hit@1': answerable ? Number(rank === 0) : null,
    'hit@5': answerable ? Number(rank >= 0 && rank < 5) : null,
    'recall@5': answerable ? Number(rank >= 0 && rank < 5) : null,
    mrr: answerable ? (rank >= 0 ? 1 / (rank + 1) : 0) : null,
    'ndcg@10': answerable ? (rank >= 0 && rank < 10 ? 1 / Math.log2(rank + 2) : 0) : null,
    factRecall: answerable ? Number(stated) : null,
    goldInFirstTwo: answerable ? Number(containsAnswer(sentences.slice(0, 2).join(' '), q.answers)) : null,
    exactMatch: answerable ? best(sentences[0] ?? '', q.answers, exactMatch) : null,
    f1: answerable ? best(sentences[0] ?? '', q.answers, f1) : null,
    // a citation is precise when it points at the gold paragraph (SQuAD judges only that one)
    citationPrecision: answerable && result.citations.length ? result.citations.filter((c) => c.docId === q.docId).length / result.citations.length : null,
    citationRecall: null,
    abstentionAccuracy: answerable ? null : Number(result.abstained && result.citations.length === 0),
    falseAbstentionRate: answerable ? Number(result.abstained) : null,
  };
  return {
    id: category === 'gold-removed' ? `${q.id}-gold-removed` : q.id,
    line: null,
    category,
    question: q.question,
    history: [],
    answerable,
    expectedSources: answerable ? [q.docId] : [],
    expectedFacts: answerable ? [q.answers] : [],
    answer: result.answer,
    abstained: result.abstained,
    rewrittenQuery: null,
    citations: result.citations.map((c) => ({
      n: c.n, docId: c.docId, chunkId: c.chunkId, title: c.title, text: c.text, supported: c.supported, supportScore: c.supportScore,
      precise: answerable ? c.docId === q.docId : null,
    })),
    retrieved: ranked,
    metrics,
    missing: {
      facts: answerable && !stated ? [q.answers] : [],
      sources: answerable && rank < 0 ? [q.docId] : [],
      abstention: answerable ? (result.abstained ? 'should-answer' : null) : result.abstained ? null : 'should-abstain',
      unsupportedSentences: [],
    },
    latencyMs: Math.round(latencyMs),
    warnings: result.warnings,
  };
}

const say = (s: string) => {
  if (!args.json) console.log(s);
  else console.error(s);
};

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

async function main() {
  const startedAt = new Date();
  const setup = await setupSquad({ file: args.file, log: say });
  const cases: CaseResult[] = [];
  const k = Number(args.k ?? setup.config.RETRIEVAL_K);
  const selector = await loadSelectorOrNull(setup.config, silentLogger);
  const deps: ExtractiveDeps = { embedder: setup.embedder, selector };
  const { fit, heldout } = articleSplit(setup.squad.paragraphs.at(-1)!.article + 1);
  let questions: SquadQuestion[] = setup.squad.questions;
  if (args.split === 'heldout') questions = questions.filter((q) => heldout.has(q.article));
  else if (args.split === 'fit') questions = questions.filter((q) => fit.has(q.article));
  else if (args.split !== 'all') throw new Error(`--split must be all, heldout or fit (got ${args.split})`);
  if (args.articles) {
    const wanted = args.articles.split(',').map((t) => t.trim().replace(/_/g, ' '));
    const numbers = new Set(setup.squad.paragraphs.filter((p) => wanted.includes(p.title)).map((p) => p.article));
    const found = new Set(setup.squad.paragraphs.filter((p) => numbers.has(p.article)).map((p) => p.title));
    const unknown = wanted.filter((t) => !found.has(t));
    if (unknown.length) throw new Error(`--articles: no article titled ${unknown.join(', ')} in the file`);
    questions = questions.filter((q) => numbers.has(q.article));
  }
  const available = questions.length;
  const limit = subsetSize(args.limit, available);
  if (limit !== null) questions = shuffled(questions, Number(args.seed)).slice(0, limit);
  say(`retrieval: ${setup.retrieval}; k=${k}; ${questions.length} questions (${args.split}${limit !== null ? `, seeded subset ${args.seed}${args.limit ? '' : `; --limit all for every question`}` : ''})`);

  type Row = {
    rank: number;
    firstTwo: boolean;
    em: number;
    f1: number;
    abstained: boolean;
    answerRetrieved: boolean;
    retrievalMs: number;
    answerMs: number;
  };
  /** one question's outcome: its report cases, and its row in the figures of its kind */
  interface Outcome {
    cases: CaseResult[];
    row?: Row;
    uncertain?: boolean;
    impossible?: { abstained: boolean; uncertain: boolean };
    goldRemoved?: { abstained: boolean } | 'skipped';
  }
  async function answerOne(q: SquadQuestion): Promise<Outcome> {
    const t0 = performance.now();
    const passages = await setup.search(q.question, k);
    const t1 = performance.now();
    const result = await answerExtractively({ question: q.question, passages }, deps);
    const t2 = performance.now();
    const out: Outcome = { cases: [caseResult(q, q.answerable ? 'answerable' : 'squad2-unanswerable', passages, result, t2 - t0)] };
    if (!q.answerable) {
      // SQuAD 2.0's unanswerable questions: abstained means no answer and no citation
      out.impossible = { abstained: result.abstained && result.citations.length === 0, uncertain: !!result.uncertain };
      return out;
    }
    const sentences = result.abstained ? [] : citedSentences(result.answer).map((s) => s.text);
    const first = sentences[0] ?? '';
    out.uncertain = !!result.uncertain;
    out.row = {
      rank: passages.findIndex((p) => p.docId === q.docId),
      firstTwo: containsAnswer(sentences.slice(0, 2).join(' '), q.answers),
      em: best(first, q.answers, exactMatch),
      f1: best(first, q.answers, f1),
      abstained: result.abstained,
      answerRetrieved: containsAnswer(passages.map((p) => p.text).join('\n'), q.answers),
      retrievalMs: t1 - t0,
      answerMs: t2 - t1,
    };
    if (!args['no-unanswerable']) {
      const rest = await setup.search(q.question, k, q.docId);
      // Only truly unanswerable when no remaining passage states a gold answer.
      if (containsAnswer(rest.map((p) => p.text).join('\n'), q.answers)) out.goldRemoved = 'skipped';
      else {
        const t3 = performance.now();
        const without = await answerExtractively({ question: q.question, passages: rest }, deps);
        out.goldRemoved = { abstained: without.abstained };
        out.cases.push(caseResult(q, 'gold-removed', rest, without, performance.now() - t3));
      }
    }
    return out;
  }

  // Questions are answered twice as many at a time as there are inference processes (each answer waits on the models
  // most of the time, and this process prepares the next pairs while they run: 200 held-out questions took 55 s one
  // per process, 46 s two); every answer depends only on its own question, so the figures are those of a one-by-one run.
  const outcomes: Outcome[] = new Array(questions.length);
  let done = 0;
  await runEach(questions, Math.max(1, 2 * setup.config.INFERENCE_WORKERS), async (q, i) => {
    outcomes[i] = await answerOne(q);
    if (++done % 50 === 0) {
      say(`  ${done}/${questions.length}`);
      setup.embeddings?.flush();
    }
  });
  const rows = outcomes.flatMap((o) => (o.row ? [o.row] : []));
  const impossible = outcomes.flatMap((o) => (o.impossible ? [o.impossible] : []));
  const uncertainAnswerable = outcomes.flatMap((o) => (o.row ? [!!o.uncertain] : []));
  const unanswerable = outcomes.flatMap((o) => (o.goldRemoved && o.goldRemoved !== 'skipped' ? [o.goldRemoved] : []));
  const skippedUnanswerable = outcomes.filter((o) => o.goldRemoved === 'skipped').length;
  cases.push(...outcomes.flatMap((o) => o.cases));
  setup.embeddings?.flush();

  const n = rows.length;
  const retrieved = rows.filter((r) => r.answerRetrieved);
  const report = {
    dataset: args.file ? `${path.basename(args.file)} (closed corpus)` : 'squad-v1.1-dev-closed',
    questions: questions.length,
    answerable: n,
    unanswerable: impossible.length,
    split: args.split,
    articles: args.articles ?? null,
    subset: limit !== null ? { limit, seed: Number(args.seed), of: available } : null,
    k,
    retrieval: setup.retrieval,
    embeddings: setup.embeddings?.id ?? 'none',
    answerer: 'extractive',
    selector: selector?.id ?? null,
    'hit@1': round(mean(rows.map((r) => Number(r.rank === 0)))),
    'hit@5': round(mean(rows.map((r) => Number(r.rank >= 0 && r.rank < 5)))),
    [`mrr@${k}`]: round(mean(rows.map((r) => (r.rank >= 0 ? 1 / (r.rank + 1) : 0)))),
    goldInFirstTwo: round(mean(rows.map((r) => Number(r.firstTwo)))),
    firstSentenceEM: round(mean(rows.map((r) => r.em))),
    firstSentenceF1: round(mean(rows.map((r) => r.f1))),
    abstentionRate: round(mean(rows.map((r) => Number(r.abstained)))),
    // shares over answerable (falseAbstention) and SQuAD 2.0 unanswerable (unanswerableAbstained) questions
    falseAbstention: round(mean(rows.map((r) => Number(r.abstained)))),
    unanswerableAbstained: impossible.length ? round(mean(impossible.map((u) => Number(u.abstained)))) : null,
    // answered but marked as possibly not answering the question
    uncertainAnswerable: round(mean(uncertainAnswerable.map(Number))),
    uncertainUnanswerable: impossible.length ? round(mean(impossible.map((u) => Number(u.uncertain)))) : null,
    // answerable questions whose gold answer is in the retrieved passages, yet the answerer abstained
    falseAbstentionWhenRetrieved: round(mean(retrieved.map((r) => Number(r.abstained)))),
    goldRemoved: args['no-unanswerable']
      ? null
      : {
          cases: unanswerable.length,
          skippedAnswerStillRetrieved: skippedUnanswerable,
          abstentionAccuracy: round(mean(unanswerable.map((u) => Number(u.abstained)))),
        },
    latencyMs: {
      retrieval: { p50: round(percentile(rows.map((r) => r.retrievalMs), 50), 1), p95: round(percentile(rows.map((r) => r.retrievalMs), 95), 1) },
      answer: { p50: round(percentile(rows.map((r) => r.answerMs), 50), 1), p95: round(percentile(rows.map((r) => r.answerMs), 95), 1) },
      note: 'embeddings cached on disk after the first run (.cache/squad), so answer latency here excludes most model time',
    },
  };

  const table: [string, string][] = [
    ['questions', `${questions.length} (${args.split}${report.subset ? `, seeded subset of ${available}` : ''}): ${n} answerable, ${impossible.length} unanswerable`],
    ['retrieval', setup.retrieval],
    ['hit@1 / hit@5 / MRR', `${report['hit@1']} / ${report['hit@5']} / ${report[`mrr@${k}`]}`],
    ['gold answer in first two sentences', `${report.goldInFirstTwo}`],
    ['first sentence EM / F1', `${report.firstSentenceEM} / ${report.firstSentenceF1}`],
    ['false abstention (answerable)', `${report.falseAbstention}`],
    ...(impossible.length ? ([['abstention on unanswerable (SQuAD 2.0)', `${report.unanswerableAbstained}`]] as [string, string][]) : []),
    ['answered but marked uncertain (answerable / unanswerable)', `${report.uncertainAnswerable} / ${report.uncertainUnanswerable ?? '–'}`],
    ['false abstention when the answer was retrieved', `${report.falseAbstentionWhenRetrieved}`],
  ];
  if (report.goldRemoved) {
    table.push([
      'abstention with the gold paragraph removed',
      `${report.goldRemoved.abstentionAccuracy} of ${report.goldRemoved.cases} (${report.goldRemoved.skippedAnswerStillRetrieved} skipped: answer still retrieved)`,
    ]);
  }
  table.push(['latency p50/p95 ms (retrieval, answer)', `${report.latencyMs.retrieval.p50}/${report.latencyMs.retrieval.p95}, ${report.latencyMs.answer.p50}/${report.latencyMs.answer.p95}`]);
  const width = Math.max(...table.map(([a]) => a.length));
  say('');
  for (const [a, b] of table) say(`${a.padEnd(width)}  ${b}`);

  const set = args.file ? path.basename(args.file).replace(/\.json$/, '') : 'squad-v1.1-dev';
  const evalReport = buildReport({
    set: `${set}${args.split === 'all' ? '' : `-${args.split}`}`,
    kind: 'qa',
    config: {
      embeddings: report.embeddings,
      answerer: 'extractive',
      selector: report.selector,
      k,
      retrieval: setup.retrieval,
      dataset: report.dataset,
      split: args.split,
      ...(args.articles ? { articles: args.articles } : {}),
      ...(report.subset ? { limit: report.subset.limit, seed: report.subset.seed } : {}),
    },
    results: cases,
    startedAt,
    durationMs: Date.now() - startedAt.getTime(),
  });
  const files = await writeReport(args.out ? path.resolve(args.out) : defaultReportDir(setup.config.EVAL_DIR, evalReport.set, startedAt), evalReport);
  say(`report: ${files.html}\n        ${files.json}`);
  if (args.json) console.log(JSON.stringify(report));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
