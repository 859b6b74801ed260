// node --import tsx scripts/train/export-selector-data.ts [--out .cache/train/records.jsonl]
//
// Training and validation records for the answer selector (scripts/train/train_selector.py), split into
// sentences by the product's own splitter so that training sees the sentences the answerer will see. Only the
// data the project may fit on is read:
// - SQuAD v1.1 dev, the 24 articles of the fit half (articleSplit, seed 2016): answerable questions, with the
//   sentences that hold a gold answer and the answer's span in them;
// - SQuAD 2.0 dev, the fit articles (../shared/bench/squad-v2.0): the unanswerable questions, with the sentence of
//   their "plausible answer" (the hard negative);
// - SciFact train claims with their labelled evidence sentences.
// Validation = two of the SQuAD 2.0 fit articles (VALIDATION_SEED), kept out of training to choose thresholds on.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../../server/config.js';
import { splitSentences } from '../../server/text/sentences.js';
import { scifactAbstracts } from '../../evals/calibration/scifact-sentences.js';
import { articleSplit, shuffled } from '../../evals/squad/load-squad.js';

const { values: args } = parseArgs({ options: { out: { type: 'string', default: '.cache/train/records.jsonl' } } });

const SHARED = path.resolve(PROJECT_ROOT, '../shared/bench');
const VALIDATION_SEED = 15;
const VALIDATION_ARTICLES = 2;

interface SquadJson {
  data: {
    title: string;
    paragraphs: {
      context: string;
      qas: {
        id: string;
        question: string;
        is_impossible?: boolean;
        answers: { text: string; answer_start: number }[];
        plausible_answers?: { text: string; answer_start: number }[];
      }[];
    }[];
  }[];
}

export interface SelectorRecord {
  src: 'squad1' | 'squad2' | 'scifact';
  split: 'train' | 'val';
  id: string;
  article: string;
  /** paragraph number within the article (SQuAD) or the abstract id (SciFact) */
  paragraph: string;
  title: string;
  question: string;
  answerable: boolean;
  sentences: string[];
  /** sentences that state the answer (answerable) */
  positives: number[];
  /** the sentence of each plausible answer (SQuAD 2.0 unanswerable) */
  plausible: number[];
  /** answer spans inside their sentence, to cut the answer out (a same-sentence hard negative) */
  spans: { sentence: number; start: number; end: number }[];
  answers: string[];
}

function sentencesWith(context: string) {
  const spans = splitSentences(context);
  const at = (offset: number) => spans.findIndex((s) => offset >= s.start && offset < s.end);
  return { spans, at };
}

const records: SelectorRecord[] = [];
const v2 = JSON.parse(readFileSync(path.join(SHARED, 'squad-v2.0/dev-v2.0-fit-articles.json'), 'utf8')) as SquadJson;
const validation = new Set(shuffled(v2.data.map((a) => a.title), VALIDATION_SEED).slice(0, VALIDATION_ARTICLES));

const v1 = JSON.parse(readFileSync(path.join(SHARED, 'squad-v1.1/dev-v1.1.json'), 'utf8')) as SquadJson;
const { fit } = articleSplit(v1.data.length);
const v1Titles = new Set<string>();
v1.data.forEach((a, n) => {
  if (!fit.has(n)) return;
  v1Titles.add(a.title);
  a.paragraphs.forEach((p, i) => {
    const { spans, at } = sentencesWith(p.context);
    for (const qa of p.qas) {
      const found = qa.answers
        .map((x) => ({ s: at(x.answer_start), x }))
        .filter(({ s, x }) => s >= 0 && spans[s].text.includes(x.text));
      if (!found.length) continue;
      records.push({
        src: 'squad1',
        split: validation.has(a.title) ? 'val' : 'train',
        id: qa.id,
        article: a.title,
        paragraph: String(i),
        title: a.title.replace(/_/g, ' '),
        question: qa.question.trim(),
        answerable: true,
        sentences: spans.map((s) => s.text),
        positives: [...new Set(found.map((f) => f.s))],
        plausible: [],
        spans: found.map(({ s, x }) => {
          const start = spans[s].text.indexOf(x.text);
          return { sentence: s, start, end: start + x.text.length };
        }),
        answers: [...new Set(qa.answers.map((x) => x.text))],
      });
    }
  });
});

for (const a of v2.data) {
  if (!v1Titles.has(a.title)) throw new Error(`${a.title}: a SQuAD 2.0 article outside the v1.1 fit half`);
  a.paragraphs.forEach((p, i) => {
    const { spans, at } = sentencesWith(p.context);
    for (const qa of p.qas) {
      if (!qa.is_impossible) continue; // the answerable ones are v1.1 questions, already above
      const plausible = (qa.plausible_answers ?? []).map((x) => at(x.answer_start)).filter((s) => s >= 0);
      records.push({
        src: 'squad2',
        split: validation.has(a.title) ? 'val' : 'train',
        id: qa.id,
        article: a.title,
        paragraph: String(i),
        title: a.title.replace(/_/g, ' '),
        question: qa.question.trim(),
        answerable: false,
        sentences: spans.map((s) => s.text),
        positives: [],
        plausible: [...new Set(plausible)],
        spans: [],
        answers: [],
      });
    }
  });
}

// SciFact train: a claim and the abstract sentences labelled as its evidence (supporting or contradicting: either
// states what the claim is about); claims in train only (the test claims are the retrieval benchmark).
const abstracts = scifactAbstracts(path.join(SHARED, 'scifact/source/scifact_hf_csv.zip'));
const trainIds = new Set(
  readFileSync(path.join(SHARED, 'scifact/qrels/train.tsv'), 'utf8').split(/\r?\n/).slice(1).map((l) => l.split('\t')[0]).filter(Boolean),
);
for (const line of readFileSync(path.join(SHARED, 'scifact/queries.jsonl'), 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const q = JSON.parse(line) as { _id: string; text: string; metadata: Record<string, { sentences: number[] }[]> };
  if (!trainIds.has(q._id)) continue;
  for (const [docId, evidence] of Object.entries(q.metadata ?? {})) {
    const doc = abstracts.get(docId);
    if (!doc) continue;
    const positives = [...new Set(evidence.flatMap((e) => e.sentences))].filter((s) => s < doc.sentences.length);
    if (!positives.length) continue;
    records.push({
      src: 'scifact',
      split: 'train',
      id: `${q._id}:${docId}`,
      article: `scifact:${docId}`,
      paragraph: docId,
      title: doc.title,
      question: q.text.trim(),
      answerable: true,
      sentences: doc.sentences,
      positives,
      plausible: [],
      spans: [],
      answers: [],
    });
  }
}

const out = path.resolve(PROJECT_ROOT, args.out!);
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
const count = (f: (r: SelectorRecord) => boolean) => records.filter(f).length;
console.log(
  `${records.length} records → ${path.relative(PROJECT_ROOT, out)}; validation articles: ${[...validation].join(', ')}\n` +
    `  squad1 train/val ${count((r) => r.src === 'squad1' && r.split === 'train')}/${count((r) => r.src === 'squad1' && r.split === 'val')}, ` +
    `squad2 unanswerable train/val ${count((r) => r.src === 'squad2' && r.split === 'train')}/${count((r) => r.src === 'squad2' && r.split === 'val')}, ` +
    `scifact ${count((r) => r.src === 'scifact')}`,
);
