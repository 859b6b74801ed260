// The README's tables come from the latest runs: an older run never wins, prose outside the blocks is kept, and a
// block without a run stays as it was.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { saveBenchRun } from './bench-runs.js';
import { rewriteFigures } from './readme-figures.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function evalDir() {
  const d = mkdtempSync(path.join(tmpdir(), 'figures-'));
  dirs.push(d);
  return d;
}

const report = (set: string, createdAt: string, factRecall: number) => ({
  set, cases: 2, kind: 'qa', createdAt, durationMs: 1, errors: [], results: [], byCategory: {},
  config: { answerer: 'extractive', embeddings: 'local/all-MiniLM-L6-v2 (q8)' },
  aggregate: {
    'hit@1': 1, 'hit@5': 1, 'recall@5': 1, mrr: 1, 'ndcg@10': 1, factRecall, citationPrecision: 1, citationRecall: 0.5,
    abstentionAccuracy: 0.5, falseAbstentionRate: 0.1, latencyMs: { p50: 12, p95: 40 }, answerableCases: 1, unanswerableCases: 1,
  },
});

const README = [
  '# Title',
  'Prose before.',
  '<!-- figures:seed -->',
  'old seed table',
  '<!-- /figures:seed -->',
  'Prose between.',
  '<!-- figures:scifact -->',
  'old scifact table',
  '<!-- /figures:scifact -->',
  '<!-- figures:speed -->',
  'old speed table',
  '<!-- /figures:speed -->',
  'Prose after.',
].join('\n');

describe('rewriteFigures', () => {
  it('writes each table from the newest run of its kind and keeps everything else', () => {
    const d = evalDir();
    for (const [name, r] of [
      ['seed-old', report('seed', '2026-11-01T00:00:00.000Z', 0.5)],
      ['seed-new', report('seed', '2026-12-01T00:00:00.000Z', 0.768)],
      ['dev-newest', report('dev', '2026-12-02T00:00:00.000Z', 0.1)],
    ] as const) {
      mkdirSync(path.join(d, name));
      writeFileSync(path.join(d, name, 'report.json'), JSON.stringify(r));
    }
    const scifact = (ndcg: number) => ({ dataset: 'scifact', queries: 300, docs: 5183, embeddings: 'e', vectorSearch: 'hnswlib', lexical: { 'ndcg@10': 0.6, 'recall@100': 0.9, 'mrr@10': 0.6 }, hybrid: { 'ndcg@10': ndcg, 'recall@100': 0.961, 'mrr@10': 0.7 } });
    saveBenchRun(d, 'retrieval-scifact', scifact(0.7), new Date('2026-11-01T00:00:00Z'));
    saveBenchRun(d, 'retrieval-scifact', scifact(0.7331), new Date('2026-12-01T00:00:00Z'));

    const { text, updated, missing } = rewriteFigures(README, d);
    expect(updated).toEqual(['seed', 'scifact']);
    expect(missing).toEqual(['speed']);
    expect(text).toContain('| fact recall (expected facts in the answer) | 0.768 |');
    expect(text).toContain('| abstention accuracy (1 unanswerable) / false abstention (1 answerable) | 0.500 / 0.100 |');
    expect(text).toContain('| hybrid | 0.7331 | 0.9610 | 0.7000 |');
    expect(text).not.toContain('old seed table');
    expect(text).toContain('old speed table');
    for (const prose of ['# Title', 'Prose before.', 'Prose between.', 'Prose after.']) expect(text).toContain(prose);
    // idempotent: rewriting again from the same runs changes nothing
    expect(rewriteFigures(text, d).text).toBe(text);
  });
});
