// Reads a dataset in BEIR layout: corpus.jsonl, queries.jsonl, qrels/<split>.tsv.
// Pure parsing over strings (parseBeir*) plus one reader that loads a folder, so evals and benches share it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export interface BeirDoc {
  id: string;
  title: string;
  text: string;
}

export interface BeirQuery {
  id: string;
  text: string;
}

/** query id → (doc id → graded relevance); only grades > 0 are kept, as pytrec_eval counts them */
export type Qrels = Map<string, Map<string, number>>;

export interface BeirDataset {
  name: string;
  corpus: BeirDoc[];
  /** only the queries that have judgements in the split, in qrels order */
  queries: BeirQuery[];
  qrels: Qrels;
}

export class BeirFormatError extends Error {
  override name = 'BeirFormatError';
}

function parseJsonLines<T>(text: string, file: string, pick: (row: Record<string, unknown>) => T): T[] {
  const out: T[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch (err) {
      throw new BeirFormatError(`${file} line ${i + 1}: ${(err as Error).message}`);
    }
    if (typeof row !== 'object' || row === null || typeof (row as { _id?: unknown })._id !== 'string') {
      throw new BeirFormatError(`${file} line ${i + 1}: expected an object with a string "_id"`);
    }
    out.push(pick(row as Record<string, unknown>));
  });
  return out;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export const parseBeirCorpus = (text: string, file = 'corpus.jsonl'): BeirDoc[] =>
  parseJsonLines(text, file, (r) => ({ id: r._id as string, title: str(r.title), text: str(r.text) }));

export const parseBeirQueries = (text: string, file = 'queries.jsonl'): BeirQuery[] =>
  parseJsonLines(text, file, (r) => ({ id: r._id as string, text: str(r.text) }));

/** TSV with a `query-id corpus-id score` header; BEIR ships CRLF line endings. */
export function parseQrels(text: string, file = 'qrels.tsv'): Qrels {
  const qrels: Qrels = new Map();
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim() || (i === 0 && /^query-id\t/i.test(line))) return;
    const [qid, docId, score] = line.split('\t');
    const grade = Number(score);
    if (!qid || !docId || !Number.isFinite(grade)) throw new BeirFormatError(`${file} line ${i + 1}: expected query-id, corpus-id, score`);
    if (grade <= 0) return;
    let judged = qrels.get(qid);
    if (!judged) qrels.set(qid, (judged = new Map()));
    judged.set(docId, grade);
  });
  return qrels;
}

export async function readBeir(dir: string, split = 'test'): Promise<BeirDataset> {
  const [corpusText, queriesText, qrelsText] = await Promise.all(
    ['corpus.jsonl', 'queries.jsonl', path.join('qrels', `${split}.tsv`)].map((f) => readFile(path.join(dir, f), 'utf8')),
  );
  const corpus = parseBeirCorpus(corpusText);
  const qrels = parseQrels(qrelsText, `qrels/${split}.tsv`);
  const byId = new Map(parseBeirQueries(queriesText).map((q) => [q.id, q]));
  const missing = [...qrels.keys()].filter((id) => !byId.has(id));
  if (missing.length) throw new BeirFormatError(`qrels/${split}.tsv names ${missing.length} queries absent from queries.jsonl (e.g. ${missing[0]})`);
  return { name: path.basename(path.resolve(dir)), corpus, queries: [...qrels.keys()].map((id) => byId.get(id)!), qrels };
}
