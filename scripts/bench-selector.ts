// npm run bench:selector -- [--questions N] [--threads T] [--json]
//
// How to run the answer selector: the pairs of real shortlists (the first 16 sentences rankSentences puts before the
// selector for N seeded held-out SQuAD v1.1 questions, their own passages retrieved by the product retriever), run
// through the int8 model in one onnxruntime session on one thread (an inference process's share of 2 cores)
// a) as one batch per shortlist (padded to its longest pair), b) in batches of 4 of similar length, c) one pair per
// run, the way answer-selector.ts runs them. Prints a markdown table (ms per pair, padding) and with --json one JSON
// line. Measures, never asserts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { candidateSentences } from '../server/answer/candidate-sentences.js';
import { rankSentences } from '../server/answer/rank-sentences.js';
import { loadPieceTokenizer, type SelectorCard } from '../server/answer/selector/answer-selector.js';
import { encodePair, type EncodedPair, type PairText } from '../server/answer/selector/encode-pair.js';
import { openSelectorSession } from '../server/answer/selector/selector-session.js';
import { articleSplit, shuffled } from '../evals/squad/load-squad.js';
import { setupSquad } from '../evals/squad/squad-setup.js';

const { values: args } = parseArgs({
  options: { questions: { type: 'string', default: '60' }, threads: { type: 'string', default: '1' }, json: { type: 'boolean', default: false } },
});

const setup = await setupSquad({ log: (s) => console.error(s) });
const dir = setup.config.ANSWER_SELECTOR_DIR;
const card = JSON.parse(readFileSync(path.join(dir, 'selector.json'), 'utf8')) as SelectorCard;
const tokenizer = await loadPieceTokenizer(dir);
const { heldout } = articleSplit(setup.squad.paragraphs.at(-1)!.article + 1);
const questions = shuffled(
  setup.squad.questions.filter((q) => heldout.has(q.article)),
  1,
).slice(0, Number(args.questions));

// the shortlists, captured by a selector that only records what it is asked
const shortlists: EncodedPair[][] = [];
const recorder = { id: 'recorder', score: async (pairs: PairText[]) => (shortlists.push(pairs.map((p) => encodePair(tokenizer, card.input, p))), pairs.map(() => 0)) };
for (const q of questions) {
  const passages = await setup.search(q.question, setup.config.RETRIEVAL_K);
  await rankSentences(q.question, passages, candidateSentences(passages), { embedder: setup.embedder, selector: recorder, shortlist: 16 });
}
setup.embeddings?.flush();

const run = await openSelectorSession(path.join(dir, 'onnx', 'model_quantized.onnx'), Number(args.threads));
const pairs = shortlists.flat();
const tokens = pairs.reduce((a, p) => a + p.ids.length, 0);
await run(shortlists[0]);

async function timeIt(groupsOf: (list: EncodedPair[]) => EncodedPair[][]): Promise<{ msPerPair: number; padding: number }> {
  let padded = 0;
  const t0 = performance.now();
  for (const list of shortlists) {
    for (const group of groupsOf(list)) {
      padded += group.length * Math.max(...group.map((p) => p.ids.length));
      await run(group);
    }
  }
  return { msPerPair: (performance.now() - t0) / pairs.length, padding: padded / tokens - 1 };
}
const byLength = (list: EncodedPair[]) => [...list].sort((a, b) => a.ids.length - b.ids.length);
const chunks = (list: EncodedPair[], n: number) => Array.from({ length: Math.ceil(list.length / n) }, (_, i) => list.slice(i * n, i * n + n));
const rows = {
  'one batch per shortlist': await timeIt((l) => [byLength(l)]),
  'batches of 4, similar lengths': await timeIt((l) => chunks(byLength(l), 4)),
  'one pair per run (shipped)': await timeIt((l) => l.map((p) => [p])),
};

const r2 = (x: number) => Math.round(x * 100) / 100;
console.log(`answer selector, ${shortlists.length} shortlists of held-out SQuAD v1.1 questions, ${pairs.length} pairs, ${r2(tokens / pairs.length)} word-pieces a pair on average, ${args.threads} thread(s)\n`);
console.log('| how the pairs run | ms per pair | padding tokens |\n| --- | --- | --- |');
for (const [name, r] of Object.entries(rows)) console.log(`| ${name} | ${r2(r.msPerPair)} | ${Math.round(r.padding * 100)} % |`);
if (args.json) console.log(JSON.stringify({ shortlists: shortlists.length, pairs: pairs.length, meanPieces: r2(tokens / pairs.length), threads: Number(args.threads), ...Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, { msPerPair: r2(v.msPerPair), padding: r2(v.padding) }])) }));
process.exit(0);
