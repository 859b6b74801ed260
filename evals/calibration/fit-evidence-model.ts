// npx tsx evals/calibration/fit-evidence-model.ts [--limit N] [--k K] [--write]
//
// Fits the extractive answerer's evidence model (server/answer/calibration/evidence-model.json) on SQuAD v1.1 dev
// used as a closed corpus, and reports it on held-out articles.
//   Data, per question: the passages the product retriever returns (k = RETRIEVAL_K) →
//   - answerable case: its sentences; label 1 = a sentence of the gold paragraph that contains a gold answer,
//     0 = a sentence without any gold answer (sentences of other paragraphs that happen to contain it are left out);
//   - unanswerable-but-related case: the same question with its gold paragraph removed from the corpus (the
//     article's other paragraphs remain: same entities, other facts), kept only when no remaining retrieved
//     passage contains a gold answer; every sentence is labelled 0.
//   Split by article (articleSplit, seed 2016): weights, threshold and keepRatio are chosen on the 'fit' half only.
//   Threshold: maximises balanced accuracy (abstention on unanswerable, answering on answerable whose answer was
//   retrieved) on the fit half. keepRatio: the grid value with the best share of answer-bearing quoted sentences
//   among those keeping gold-in-first-two within 0.005 of its best.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { scoreSentences, selectSentences, type ScoredSentence } from '../../server/answer/extractive-answerer.js';
import { loadEvidenceModels, predict, type LogisticModel } from '../../server/answer/evidence-model.js';
import { FEATURE_NAMES } from '../../server/answer/sentence-features.js';
import { articleSplit, shuffled, type SquadQuestion } from '../squad/load-squad.js';
import { setupSquad } from '../squad/squad-setup.js';
import { containsAnswer } from '../squad/squad-metrics.js';
import { fitLogistic } from './logistic-regression.js';

const { values: args } = parseArgs({
  options: {
    limit: { type: 'string' },
    k: { type: 'string' },
    write: { type: 'boolean', default: false },
  },
});

interface Case {
  question: SquadQuestion;
  answerable: boolean;
  /** a gold answer occurs in some candidate sentence */
  answerInCandidates: boolean;
  sentences: ScoredSentence[];
  labels: (0 | 1 | null)[];
  hasAnswer: boolean[];
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const r3 = (x: number) => Math.round(x * 1000) / 1000;

async function main() {
  const setup = await setupSquad({ log: console.log });
  const k = Number(args.k ?? setup.config.RETRIEVAL_K);
  const articles = setup.squad.paragraphs.at(-1)!.article + 1;
  const split = articleSplit(articles);
  const pick = (set: Set<number>) => {
    const qs = shuffled(setup.squad.questions.filter((q) => split[set === split.fit ? 'fit' : 'heldout'].has(q.article)), 7);
    return args.limit ? qs.slice(0, Number(args.limit)) : qs;
  };
  const fitQuestions = pick(split.fit);
  const heldQuestions = pick(split.heldout);
  console.log(`retrieval: ${setup.retrieval}; k=${k}; fit ${fitQuestions.length} questions, held-out ${heldQuestions.length}`);
  const models = loadEvidenceModels();

  async function collect(questions: SquadQuestion[], dense: boolean): Promise<Case[]> {
    const out: Case[] = [];
    const embedder = dense ? setup.embedder : null;
    let n = 0;
    for (const q of questions) {
      for (const answerable of [true, false]) {
        const passages = await setup.search(q.question, k, answerable ? undefined : q.docId);
        const all = passages.map((p) => p.text).join('\n');
        if (!answerable && containsAnswer(all, q.answers)) continue;
        const { sentences } = await scoreSentences(q.question, passages, { embedder, models });
        const hasAnswer = sentences.map((s) => containsAnswer(s.text, q.answers));
        const labels = sentences.map((s, i): 0 | 1 | null => {
          if (!hasAnswer[i]) return 0;
          return answerable && passages[s.passage].docId === q.docId ? 1 : null;
        });
        out.push({ question: q, answerable, answerInCandidates: hasAnswer.some(Boolean), sentences, labels, hasAnswer });
      }
      if (++n % 500 === 0) {
        console.log(`  ${dense ? 'dense' : 'lexical'} ${n}/${questions.length}`);
        setup.embeddings?.flush();
      }
    }
    setup.embeddings?.flush();
    return out;
  }

  function rescore(cases: Case[], model: LogisticModel) {
    for (const c of cases) {
      for (const s of c.sentences) s.score = predict(model, s.features);
      const order = c.sentences.map((s, i) => i).sort((a, b) => c.sentences[b].score - c.sentences[a].score);
      c.sentences = order.map((i) => c.sentences[i]);
      c.labels = order.map((i) => c.labels[i]);
      c.hasAnswer = order.map((i) => c.hasAnswer[i]);
    }
  }

  function evaluate(cases: Case[], model: LogisticModel) {
    const answerable = cases.filter((c) => c.answerable);
    const unanswerable = cases.filter((c) => !c.answerable);
    let quoted = 0;
    let quotedWithAnswer = 0;
    const firstTwo: number[] = [];
    const abstainedAnswerable: number[] = [];
    for (const c of answerable) {
      const picked = selectSentences(c.sentences, model);
      abstainedAnswerable.push(Number(picked.length === 0));
      firstTwo.push(Number(containsAnswer(picked.slice(0, 2).map((s) => s.text).join(' '), c.question.answers)));
      quoted += picked.length;
      quotedWithAnswer += picked.filter((s) => containsAnswer(s.text, c.question.answers)).length;
    }
    const retrieved = answerable.filter((c) => c.answerInCandidates);
    return {
      answerable: answerable.length,
      unanswerable: unanswerable.length,
      goldInFirstTwo: r3(mean(firstTwo)),
      falseAbstention: r3(mean(abstainedAnswerable)),
      falseAbstentionWhenRetrieved: r3(mean(retrieved.map((c) => Number(selectSentences(c.sentences, model).length === 0)))),
      abstentionAccuracy: r3(mean(unanswerable.map((c) => Number(selectSentences(c.sentences, model).length === 0)))),
      sentencesPerAnswer: r3(quoted / Math.max(1, answerable.length - abstainedAnswerable.reduce((a, b) => a + b, 0))),
      quotedSentencesWithAnswer: r3(quotedWithAnswer / Math.max(1, quoted)),
    };
  }

  /** Best score per case: what the threshold is compared with. */
  const bestScores = (cases: Case[]) => cases.map((c) => ({ answerable: c.answerable, retrieved: c.answerInCandidates, best: c.sentences[0]?.score ?? 0 }));

  function chooseThreshold(cases: Case[]): number {
    const b = bestScores(cases).filter((x) => !x.answerable || x.retrieved);
    const pos = b.filter((x) => x.answerable).map((x) => x.best);
    const neg = b.filter((x) => !x.answerable).map((x) => x.best);
    let bestT = 0.5;
    let bestAcc = -1;
    for (let t = 0.01; t < 0.99; t += 0.005) {
      const acc = 0.5 * (mean(neg.map((s) => Number(s < t))) + mean(pos.map((s) => Number(s >= t))));
      if (acc > bestAcc) [bestAcc, bestT] = [acc, t];
    }
    return r3(bestT);
  }

  /** The trade-off of one score: abstention on unanswerable at fixed false-abstention rates (answerable, retrieved). */
  function tradeOff(cases: Case[], scoreOf: (c: Case) => number) {
    const pos = cases.filter((c) => c.answerable && c.answerInCandidates).map(scoreOf).sort((a, b) => a - b);
    const neg = cases.filter((c) => !c.answerable).map(scoreOf);
    const out: Record<string, number> = {};
    for (const far of [0.05, 0.07, 0.1, 0.2]) {
      const t = pos[Math.floor(far * pos.length)];
      out[`abstentionAt${Math.round(far * 100)}%FalseAbstention`] = r3(mean(neg.map((s) => Number(s < t))));
    }
    return out;
  }

  const result: Record<string, unknown> = {};
  const fitted: Record<string, LogisticModel> = {};
  for (const variant of ['dense', 'lexical'] as const) {
    if (variant === 'dense' && !setup.embedder) continue;
    console.log(`collecting ${variant} features…`);
    const fitCases = await collect(fitQuestions, variant === 'dense');
    const heldCases = await collect(heldQuestions, variant === 'dense');
    const x: number[][] = [];
    const y: number[] = [];
    for (const c of fitCases) c.sentences.forEach((s, i) => c.labels[i] !== null && (x.push(s.features), y.push(c.labels[i]!)));
    console.log(`fitting ${variant}: ${x.length} sentences, ${y.filter(Boolean).length} positive`);
    const lr = fitLogistic(x, y, { l2: 1 });
    const model: LogisticModel = {
      features: [...FEATURE_NAMES],
      bias: lr.bias,
      weights: lr.weights,
      threshold: 0.5,
      keepRatio: 0.5,
    };
    rescore(fitCases, model);
    rescore(heldCases, model);
    model.threshold = chooseThreshold(fitCases);
    const grid = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01].map((keepRatio) => ({ keepRatio, ...evaluate(fitCases, { ...model, keepRatio }) }));
    const top = Math.max(...grid.map((g) => g.goldInFirstTwo));
    model.keepRatio = grid.filter((g) => g.goldInFirstTwo >= top - 0.005).sort((a, b) => b.quotedSentencesWithAnswer - a.quotedSentencesWithAnswer)[0].keepRatio;
    console.table(grid);
    const maxDense = (c: Case) => Math.max(0, ...c.sentences.map((s) => s.features[0]));
    result[variant] = {
      fitRows: x.length,
      fitPositives: y.filter(Boolean).length,
      logLoss: r3(lr.logLoss),
      fit: evaluate(fitCases, model),
      heldout: evaluate(heldCases, model),
      heldoutTradeOff: tradeOff(heldCases, (c) => c.sentences[0]?.score ?? 0),
      ...(variant === 'dense' ? { heldoutTradeOffSingleSimilarity: tradeOff(heldCases, maxDense) } : {}),
    };
    fitted[variant] = model;
    console.log(variant, JSON.stringify(result[variant], null, 2));
    console.log(Object.fromEntries(FEATURE_NAMES.map((f, i) => [f, r3(model.weights[i])])), 'bias', r3(model.bias));
  }
  if (args.write) {
    const out = {
      dense: fitted.dense ?? fitted.lexical,
      lexical: fitted.lexical,
      provenance: {
        script: 'evals/calibration/fit-evidence-model.ts',
        data: 'SQuAD v1.1 dev (../shared/bench/squad-v1.1/dev-v1.1.json) as a closed corpus of 2,067 paragraphs',
        split: 'by article, articleSplit(48, seed 2016): weights, threshold and keepRatio fitted on the fit half; figures below on the held-out half',
        retrieval: setup.retrieval,
        k,
        embeddings: setup.embeddings?.id ?? 'none',
        questionsPerSplit: { fit: fitQuestions.length, heldout: heldQuestions.length },
        fittedAt: new Date().toISOString(),
        results: result,
      },
    };
    writeFileSync(new URL('../../server/answer/calibration/evidence-model.json', import.meta.url), JSON.stringify(out, null, 2) + '\n');
    console.log('wrote server/answer/calibration/evidence-model.json');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
