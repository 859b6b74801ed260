// npx tsx evals/calibration/measure-abstention-set.ts [--set evals/sets/abstention.jsonl] [--k 6] [--json]
//
// The extractive answerer on an evaluation set over corpus/ (the product chunker and retriever in memory, no index
// on disk needed): abstention accuracy on unanswerable cases, false abstention on answerable ones, fact recall.
// A quick check while calibrating; `npm run eval` is the full report.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../../server/config.js';
import { createTextEmbedder } from '../../server/answer/embedding-memo.js';
import { answerExtractively } from '../../server/answer/extractive-answerer.js';
import { rewriteByRule } from '../../server/answer/rewrite-question.js';
import { loadSeedSearch } from '../../server/answer/testing/seed-passages.js';
import { checkFacts } from '../metrics/answer.js';
import { readSet } from '../read-set.js';

const { values: args } = parseArgs({
  options: {
    set: { type: 'string', default: 'evals/sets/abstention.jsonl' },
    k: { type: 'string', default: '6' },
    json: { type: 'boolean', default: false },
  },
});

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const r3 = (x: number) => Math.round(x * 1000) / 1000;

async function main() {
  const { cases, errors } = await readSet(path.resolve(PROJECT_ROOT, args.set!));
  for (const e of errors) console.error(`line ${e.line}: ${e.reason}`);
  const seed = await loadSeedSearch('measure-abstention-set');
  const embedder = createTextEmbedder(seed.embeddings);
  const rows = [];
  for (const c of cases) {
    const question = rewriteByRule(c.question, c.history);
    const passages = await seed.search(question, Number(args.k));
    const r = await answerExtractively({ question, passages }, { embedder });
    const facts = checkFacts(r.answer, c.expectedFacts);
    const rank = passages.findIndex((p) => c.expectedSources.includes(p.docId));
    rows.push({ id: c.id, answerable: c.answerable, abstained: r.abstained && r.citations.length === 0, factRecall: facts.recall, hit5: rank >= 0 && rank < 5 });
    if (!args.json) {
      const ok = c.answerable ? !r.abstained : r.abstained;
      console.log(`${ok ? 'ok  ' : 'MISS'} ${c.id} [${c.answerable ? 'answerable' : 'unanswerable'}] ${c.question}\n      → ${r.answer.slice(0, 220)}`);
    }
  }
  seed.embeddings.flush();
  const answerable = rows.filter((r) => r.answerable);
  const unanswerable = rows.filter((r) => !r.answerable);
  const summary = {
    set: args.set,
    cases: rows.length,
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    abstentionAccuracy: r3(mean(unanswerable.map((r) => Number(r.abstained)))),
    falseAbstentionRate: r3(mean(answerable.map((r) => Number(r.abstained)))),
    factRecall: r3(mean(answerable.filter((r) => r.factRecall !== null).map((r) => r.factRecall!))),
    'hit@5': r3(mean(answerable.map((r) => Number(r.hit5)))),
  };
  console.log(args.json ? JSON.stringify(summary) : summary);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
