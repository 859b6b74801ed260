// A set over corpus/ is only worth its scores if its answers are really in the corpus: every expected fact must have
// a phrasing that occurs, word for word after normalisation, in the cleaned text of one of its expected sources
// (cleaned by the product's own loader, which is the text answers are drawn from). Checked for the seed set (the
// regression floor), the paraphrase set and the held-out set (kept out of all tuning; only checked for validity).
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config.js';
import { estimateTokens } from '../../server/embeddings/create-embeddings.js';
import { discoverCorpus } from '../../server/ingest/discover.js';
import { prepareDocument } from '../../server/ingest/prepare-document.js';
import { metadataPassage } from '../../server/answer/document-questions.js';
import { containsPhrase, normaliseText } from '../metrics/normalise-text.js';
import { readSet, type ParsedSet } from '../read-set.js';

const SETS = ['seed.jsonl', 'paraphrases.jsonl', 'holdout.jsonl'];

const sets = new Map<string, ParsedSet>();
const docText = new Map<string, string>();
/** each document's metadata record as the answerer cites it (questions about the documents themselves) */
const docRecord = new Map<string, string>();

beforeAll(async () => {
  for (const name of SETS) sets.set(name, await readSet(path.join(PROJECT_ROOT, 'evals', 'sets', name)));
  const { files } = await discoverCorpus(path.join(PROJECT_ROOT, 'corpus'));
  for (const f of files) {
    const { doc } = await prepareDocument(f, estimateTokens);
    docText.set(f.docId, normaliseText(doc.text));
    docRecord.set(f.docId, normaliseText(metadataPassage(doc).text));
  }
});

describe('evals/sets/seed.jsonl', () => {
  it('parses without errors and covers every kind of question', () => {
    const set = sets.get('seed.jsonl')!;
    expect(set.errors).toEqual([]);
    expect(set.cases.length).toBeGreaterThanOrEqual(40);
    const count = (pred: (c: ParsedSet['cases'][number]) => boolean) => set.cases.filter(pred).length;
    expect(count((c) => !c.answerable)).toBeGreaterThanOrEqual(8);
    expect(count((c) => c.category === 'single-fact')).toBeGreaterThanOrEqual(8);
    expect(count((c) => c.category === 'paraphrase')).toBeGreaterThanOrEqual(8);
    expect(count((c) => c.category === 'multi-doc' && c.expectedSources.length >= 2)).toBeGreaterThanOrEqual(4);
    expect(count((c) => c.history.length > 0)).toBeGreaterThanOrEqual(5);
    expect(count((c) => c.category === 'document')).toBeGreaterThanOrEqual(8);
    expect(count((c) => c.category?.startsWith('multi-part') ?? false)).toBeGreaterThanOrEqual(8);
  });

});

describe.each(SETS)('evals/sets/%s', (name) => {
  const set = { get cases() { return sets.get(name)!.cases; } };
  it('names only documents that are in corpus/', () => {
    const unknown = set.cases.flatMap((c) => c.expectedSources.filter((s) => !docText.has(s)).map((s) => `${c.id}: ${s}`));
    expect(unknown).toEqual([]);
  });

  it('gives every answerable case sources and facts, and unanswerable ones neither', () => {
    const bad = set.cases.filter((c) =>
      c.answerable ? !c.expectedSources.length || !c.expectedFacts.length : c.expectedSources.length || c.expectedFacts.length,
    );
    expect(bad.map((c) => c.id)).toEqual([]);
  });

  it('quotes every expected fact from the text of an expected source (or its metadata record, for questions about the document)', () => {
    const unsupported: string[] = [];
    for (const c of set.cases) {
      const texts = c.expectedSources.flatMap((s) => [docText.get(s) ?? '', ...(c.category === 'document' ? [docRecord.get(s) ?? ''] : [])]);
      for (const phrasings of c.expectedFacts) {
        if (!phrasings.some((p) => texts.some((t) => containsPhrase(t, p)))) unsupported.push(`${c.id}: ${phrasings.join(' / ')}`);
      }
    }
    expect(unsupported).toEqual([]);
  });

  it('does not give away the answer in the question', () => {
    // A fact already in the question would be "found" in any answer that repeats the question.
    const leaks = set.cases.flatMap((c) =>
      c.expectedFacts.filter((f) => f.some((p) => containsPhrase(normaliseText(c.question), p))).map((f) => `${c.id}: ${f[0]}`),
    );
    expect(leaks).toEqual([]);
  });
});
