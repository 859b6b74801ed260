// npx tsx evals/calibration/fit-support-check.ts [--write]
//
// Fits the citation support check (server/answer/support-check.ts → calibration/support-model.json) on SciFact:
//   positives: a claim vs each sentence labelled SUPPORT for it (queries.jsonl metadata);
//   negatives: the claim vs the other sentences of the same abstract (same topic, not the evidence) and vs the
//              sentences of one unrelated abstract (picked with a fixed seed).
// Fitted on the claims of qrels/train.tsv; the threshold maximises F1 there; precision/recall are reported on the
// claims of qrels/test.tsv (never used for fitting). CONTRADICT sentences are reported apart: they are on topic
// and say the opposite, which similarity alone cannot catch.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, PROJECT_ROOT } from '../../server/config.js';
import { createEmbeddings } from '../../server/embeddings/create-embeddings.js';
import { silentLogger } from '../../server/log.js';
import { cosine } from '../../server/answer/rank-sentences.js';
import { predict, SUPPORT_FEATURES, supportFeatures, type LogisticModel } from '../../server/answer/support-check.js';
import { cachedEmbeddings } from '../../server/answer/testing/disk-embedding-cache.js';
import { seededRandom } from '../squad/load-squad.js';
import { fitLogistic } from './logistic-regression.js';
import { scifactAbstracts } from './scifact-sentences.js';

const { values: args } = parseArgs({ options: { write: { type: 'boolean', default: false }, bench: { type: 'string', default: '../shared/bench/scifact' } } });

type Kind = 'support' | 'same-abstract' | 'unrelated' | 'contradict';
interface Pair {
  claim: string;
  sentence: string;
  kind: Kind;
  split: 'train' | 'test';
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

async function main() {
  const bench = path.resolve(PROJECT_ROOT, args.bench);
  const abstracts = scifactAbstracts(path.join(bench, 'source', 'scifact_hf_csv.zip'));
  const ids = (file: string) =>
    new Set(readFileSync(path.join(bench, 'qrels', file), 'utf8').split(/\r?\n/).slice(1).filter(Boolean).map((l) => l.split('\t')[0]));
  const train = ids('train.tsv');
  const test = ids('test.tsv');
  const docIds = [...abstracts.keys()];
  const rnd = seededRandom(42);
  const pairs: Pair[] = [];
  for (const line of readFileSync(path.join(bench, 'queries.jsonl'), 'utf8').split('\n').filter(Boolean)) {
    const q = JSON.parse(line) as { _id: string; text: string; metadata: Record<string, { sentences: number[]; label: string }[]> };
    const split = train.has(q._id) ? 'train' : test.has(q._id) ? 'test' : null;
    if (!split || !Object.keys(q.metadata).length) continue;
    for (const [docId, evidence] of Object.entries(q.metadata)) {
      const doc = abstracts.get(docId);
      if (!doc) continue;
      const label = new Map<number, Kind>();
      for (const e of evidence) for (const s of e.sentences) label.set(s, e.label === 'SUPPORT' ? 'support' : 'contradict');
      doc.sentences.forEach((sentence, i) => pairs.push({ claim: q.text, sentence, kind: label.get(i) ?? 'same-abstract', split }));
    }
    let other = docIds[Math.floor(rnd() * docIds.length)];
    while (q.metadata[other]) other = docIds[Math.floor(rnd() * docIds.length)];
    for (const sentence of abstracts.get(other)!.sentences) pairs.push({ claim: q.text, sentence, kind: 'unrelated', split });
  }
  console.log(`${pairs.length} pairs:`, count(pairs));

  const config = loadConfig();
  const choice = await createEmbeddings(config, silentLogger);
  const fits: Record<string, LogisticModel> = {};
  const report: Record<string, unknown> = {};
  for (const variant of ['dense', 'lexical'] as const) {
    let cos: number[] = pairs.map(() => 0);
    if (variant === 'dense') {
      if (!choice.handle) continue;
      const emb = cachedEmbeddings(choice.handle, path.join(PROJECT_ROOT, '.cache', 'scifact'), 'support');
      const texts = [...new Set(pairs.flatMap((p) => [p.claim, p.sentence]))];
      console.log(`embedding ${texts.length} texts (cached in .cache/scifact)…`);
      const vectors = await emb.embedDocuments(texts);
      emb.flush();
      const byText = new Map(texts.map((t, i) => [t, vectors[i]]));
      cos = pairs.map((p) => cosine(byText.get(p.claim)!, byText.get(p.sentence)!));
    }
    const rows = pairs.map((p, i) => supportFeatures(p.claim, p.sentence, cos[i]));
    // CONTRADICT pairs are neither support nor clearly unrelated: left out of the fit, reported apart.
    const fitIdx = pairs.map((p, i) => i).filter((i) => pairs[i].split === 'train' && pairs[i].kind !== 'contradict');
    const lr = fitLogistic(fitIdx.map((i) => rows[i]), fitIdx.map((i) => Number(pairs[i].kind === 'support')), { l2: 1 });
    const model: LogisticModel = { features: [...SUPPORT_FEATURES], bias: lr.bias, weights: lr.weights, threshold: 0.5 };
    const scores = rows.map((r) => predict(model, r));
    let best = { f1: -1, t: 0.5 };
    for (let t = 0.02; t < 0.98; t += 0.01) {
      const m = metrics(fitIdx, t);
      if (m.f1 > best.f1) best = { f1: m.f1, t: r3(t) };
    }
    model.threshold = best.t;
    const testIdx = pairs.map((p, i) => i).filter((i) => pairs[i].split === 'test' && pairs[i].kind !== 'contradict');
    const trainM = metrics(fitIdx, model.threshold);
    const testM = metrics(testIdx, model.threshold);
    const acceptedBy = (kind: Kind) => {
      const idx = pairs.map((p, i) => i).filter((i) => pairs[i].split === 'test' && pairs[i].kind === kind);
      return { pairs: idx.length, acceptedAsSupport: r3(idx.filter((i) => scores[i] >= model.threshold).length / Math.max(1, idx.length)) };
    };
    // Citations are checked against a whole passage (its best sentence): claim vs the abstract holding its
    // SUPPORT sentence, and vs the unrelated abstract.
    const passageLevel = (t: number) => {
      const best = new Map<string, { support: number; unrelated: number; hasSupport: boolean }>();
      pairs.forEach((p, i) => {
        if (p.split !== 'test') return;
        const e = best.get(p.claim) ?? { support: 0, unrelated: 0, hasSupport: false };
        if (p.kind === 'unrelated') e.unrelated = Math.max(e.unrelated, scores[i]);
        else e.support = Math.max(e.support, scores[i]);
        if (p.kind === 'support') e.hasSupport = true;
        best.set(p.claim, e);
      });
      const claims = [...best.values()].filter((e) => e.hasSupport);
      return {
        claims: claims.length,
        supportingAbstractAccepted: r3(claims.filter((e) => e.support >= t).length / claims.length),
        unrelatedAbstractAccepted: r3(claims.filter((e) => e.unrelated >= t).length / claims.length),
      };
    };
    const testAll = pairs.map((p, i) => i).filter((i) => pairs[i].split === 'test');
    const tradeOff = [0.05, 0.1, 0.15, 0.2, 0.3, 0.5].map((t) => {
      const share = (kind: Kind) => {
        const idx = testAll.filter((i) => pairs[i].kind === kind);
        return r3(idx.filter((i) => scores[i] >= t).length / Math.max(1, idx.length));
      };
      return { threshold: t, support: share('support'), sameAbstract: share('same-abstract'), unrelated: share('unrelated'), contradict: share('contradict'), ...passageLevel(t) };
    });
    console.table(tradeOff);
    report[variant] = {
      passageLevel: passageLevel(model.threshold),
      testTradeOff: tradeOff,
      weights: Object.fromEntries(SUPPORT_FEATURES.map((f, i) => [f, r3(model.weights[i])])),
      bias: r3(model.bias),
      threshold: model.threshold,
      train: trainM,
      test: testM,
      testByKind: { support: acceptedBy('support'), sameAbstract: acceptedBy('same-abstract'), unrelated: acceptedBy('unrelated'), contradict: acceptedBy('contradict') },
    };
    fits[variant] = model;
    console.log(variant, JSON.stringify(report[variant], null, 2));

    function metrics(idx: number[], t: number) {
      let tp = 0;
      let fp = 0;
      let fn = 0;
      for (const i of idx) {
        const yes = scores[i] >= t;
        const pos = pairs[i].kind === 'support';
        if (yes && pos) tp++;
        else if (yes) fp++;
        else if (pos) fn++;
      }
      const precision = tp / Math.max(1, tp + fp);
      const recall = tp / Math.max(1, tp + fn);
      return { pairs: idx.length, positives: tp + fn, precision: r3(precision), recall: r3(recall), f1: r3((2 * precision * recall) / Math.max(1e-9, precision + recall)) };
    }
  }
  if (args.write) {
    const out = {
      dense: fits.dense ?? fits.lexical,
      lexical: fits.lexical,
      provenance: {
        script: 'evals/calibration/fit-support-check.ts',
        data: 'BEIR SciFact (../shared/bench/scifact): claims with SUPPORT evidence sentences (queries.jsonl metadata); sentences from source/scifact_hf_csv.zip',
        fit: 'claims of qrels/train.tsv; threshold = best F1 on them',
        reported: 'claims of qrels/test.tsv',
        negatives: 'other sentences of the same abstract + all sentences of one unrelated abstract per claim (seed 42)',
        embeddings: choice.handle?.id ?? 'none',
        pairs: count(pairs),
        fittedAt: new Date().toISOString(),
        results: report,
      },
    };
    writeFileSync(new URL('../../server/answer/calibration/support-model.json', import.meta.url), JSON.stringify(out, null, 2) + '\n');
    console.log('wrote server/answer/calibration/support-model.json');
  }
}

function count(pairs: Pair[]) {
  const out: Record<string, number> = {};
  for (const p of pairs) out[`${p.split}/${p.kind}`] = (out[`${p.split}/${p.kind}`] ?? 0) + 1;
  return out;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
