// SQuAD (v1.1, or v2.0 with unanswerable questions) as a closed corpus: each paragraph is a document (docId
// `title#index`), each question asks about exactly one of them (its gold paragraph). A SQuAD 2.0 question with
// `is_impossible: true` is unanswerable: its paragraph does not answer it, although it looks as if it did.
import { readFile } from 'node:fs/promises';

export interface SquadParagraph {
  docId: string;
  /** article title with underscores as spaces */
  title: string;
  /** 0-based article number in file order (splits are by article, so no article is in two splits) */
  article: number;
  text: string;
}

export interface SquadQuestion {
  id: string;
  question: string;
  /** acceptable answers (duplicates removed); empty for an unanswerable question */
  answers: string[];
  /** false for SQuAD 2.0's `is_impossible` questions */
  answerable: boolean;
  /** docId of the gold paragraph */
  docId: string;
  article: number;
}

export interface Squad {
  paragraphs: SquadParagraph[];
  questions: SquadQuestion[];
}

interface SquadFile {
  version: string;
  data: {
    title: string;
    paragraphs: { context: string; qas: { id: string; question: string; answers: { text: string }[]; is_impossible?: boolean }[] }[];
  }[];
}

export const DEFAULT_SQUAD_FILE = '../shared/bench/squad-v1.1/dev-v1.1.json';

export async function loadSquad(file: string): Promise<Squad> {
  const json = JSON.parse(await readFile(file, 'utf8')) as SquadFile;
  const paragraphs: SquadParagraph[] = [];
  const questions: SquadQuestion[] = [];
  json.data.forEach((a, article) => {
    a.paragraphs.forEach((p, i) => {
      const docId = `${a.title}#${i}`;
      paragraphs.push({ docId, title: a.title.replace(/_/g, ' '), article, text: p.context });
      for (const qa of p.qas) {
        const answerable = !qa.is_impossible;
        const answers = answerable ? [...new Set(qa.answers.map((x) => x.text))] : [];
        questions.push({ id: qa.id, question: qa.question.trim(), answers, answerable, docId, article });
      }
    });
  });
  return { paragraphs, questions };
}

/** Deterministic PRNG (mulberry32), so `--limit N` picks the same questions every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const rnd = seededRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * The calibration split, by article: the evidence model is fitted on 'fit' articles and reported on 'heldout'
 * ones (same seed in the fit script and the runner). Half of the 48 articles each.
 */
export function articleSplit(articles: number, seed = 2016): { fit: Set<number>; heldout: Set<number> } {
  const order = shuffled([...Array(articles).keys()], seed);
  const half = Math.floor(articles / 2);
  return { fit: new Set(order.slice(0, half)), heldout: new Set(order.slice(half)) };
}
