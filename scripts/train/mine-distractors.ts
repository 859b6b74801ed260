// node --import tsx scripts/train/mine-distractors.ts [--records .cache/train/records.jsonl] [--per-question 3]
//
// Hard negatives as the product meets them: for every SQuAD record of export-selector-data.ts, the question is
// searched by the product retriever over the fit articles' paragraphs (a closed corpus, k = RETRIEVAL_K), the
// retrieved passages are cut into candidate sentences as the answerer cuts them, and the sentences closest to the
// question (the answerer's shortlist: embedding cosine + word overlap) that lie outside the question's paragraph
// and contain none of its answers are kept: sentences of the same topic that do not answer it. Training on them
// teaches the selector what retrieval puts next to the answer. Output: .cache/train/distractors.jsonl.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../../server/config.js';
import { candidateSentences } from '../../server/answer/candidate-sentences.js';
import { nextSentence, rankSentences } from '../../server/answer/rank-sentences.js';
import { setupSquad } from '../../evals/squad/squad-setup.js';
import { containsAnswer } from '../../evals/squad/squad-metrics.js';
import type { SelectorRecord } from './export-selector-data.js';

const { values: args } = parseArgs({
  options: {
    records: { type: 'string', default: '.cache/train/records.jsonl' },
    out: { type: 'string', default: '.cache/train/distractors.jsonl' },
    'per-question': { type: 'string', default: '3' },
  },
});

interface SquadJson {
  version: string;
  data: { title: string }[];
}

async function main() {
  const records = readFileSync(path.resolve(PROJECT_ROOT, args.records!), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as SelectorRecord)
    .filter((r) => r.src !== 'scifact');
  const articles = new Set(records.map((r) => r.article));
  // the closed corpus: the fit articles' paragraphs (SQuAD 2.0's paragraphs are the same texts as v1.1's)
  const v1 = JSON.parse(readFileSync(path.resolve(PROJECT_ROOT, '../shared/bench/squad-v1.1/dev-v1.1.json'), 'utf8')) as SquadJson;
  const file = path.resolve(PROJECT_ROOT, '.cache/train/squad-fit-articles.json');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ version: v1.version, data: v1.data.filter((a) => articles.has(a.title)) }));
  const setup = await setupSquad({ file, log: (s) => console.error(s) });
  const k = setup.config.RETRIEVAL_K;
  const per = Number(args['per-question']);
  const lines: string[] = [];
  let n = 0;
  for (const r of records) {
    const gold = `${r.article}#${r.paragraph}`;
    const passages = await setup.search(r.question, k);
    const ranked = await rankSentences(r.question, passages, candidateSentences(passages), { embedder: setup.embedder, selector: null });
    const distractors = ranked
      .filter((s) => passages[s.passage].docId !== gold && !(r.answers.length && containsAnswer(s.text, r.answers)))
      .slice(0, per)
      .map((s) => ({ sentence: s.text, previous: s.previous, next: nextSentence(passages[s.passage].text, s.end), title: passages[s.passage].title }));
    lines.push(JSON.stringify({ id: r.id, distractors }));
    if (++n % 500 === 0) {
      console.error(`  ${n}/${records.length}`);
      setup.embeddings?.flush();
    }
  }
  setup.embeddings?.flush();
  const out = path.resolve(PROJECT_ROOT, args.out!);
  writeFileSync(out, lines.join('\n') + '\n');
  console.error(`${lines.length} questions → ${path.relative(PROJECT_ROOT, out)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
