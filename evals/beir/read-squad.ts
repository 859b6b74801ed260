// SQuAD v1.1 (dev-v1.1.json) as a retrieval dataset in BEIR shape: each paragraph is a document
// (id `<article title>#<paragraph index>`, title = article title with spaces), each question a query whose one
// relevant document is its own paragraph. Unlike SciFact's claims these are questions, as users ask them.
import { readFile } from 'node:fs/promises';
import type { BeirDataset, BeirDoc, BeirQuery, Qrels } from './read-beir.js';

interface SquadFile {
  data: { title: string; paragraphs: { context: string; qas: { id: string; question: string }[] }[] }[];
}

/** `every`: keep one question in `every` (in file order), to bound the cost of a run. */
export function parseSquad(json: string, every = 1): BeirDataset {
  const file = JSON.parse(json) as SquadFile;
  const corpus: BeirDoc[] = [];
  const queries: BeirQuery[] = [];
  const qrels: Qrels = new Map();
  let n = 0;
  for (const article of file.data) {
    article.paragraphs.forEach((p, i) => {
      const id = `${article.title}#${i}`;
      corpus.push({ id, title: article.title.replace(/_/g, ' '), text: p.context });
      for (const qa of p.qas) {
        if (n++ % every !== 0) continue;
        queries.push({ id: qa.id, text: qa.question });
        qrels.set(qa.id, new Map([[id, 1]]));
      }
    });
  }
  return { name: 'squad-v1.1', corpus, queries, qrels };
}

export async function readSquad(file: string, every = 1): Promise<BeirDataset> {
  return parseSquad(await readFile(file, 'utf8'), every);
}
