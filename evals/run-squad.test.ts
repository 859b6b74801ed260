// npm run eval:squad on a SQuAD 2.0-format file: its own paragraphs are the closed corpus, `is_impossible` questions
// are unanswerable cases, and the --json line carries the counts and shares scripts read.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../server/config.js';

const file = {
  version: 'v2.0',
  data: [
    {
      title: 'Harbour_Town',
      paragraphs: [
        {
          context:
            'Harbour Town was founded in 1821 by fishermen from the north coast. The harbour was deepened in 1902 so that steamships could dock. ' +
            'Today the town is known for its lighthouse, which was built of granite.',
          qas: [
            { id: 'a1', question: 'When was Harbour Town founded?', is_impossible: false, answers: [{ text: '1821', answer_start: 32 }] },
            { id: 'a2', question: 'What material was the lighthouse built of?', is_impossible: false, answers: [{ text: 'granite', answer_start: 190 }] },
            { id: 'u1', question: 'When was the lighthouse demolished?', is_impossible: true, answers: [], plausible_answers: [{ text: '1902', answer_start: 97 }] },
          ],
        },
        {
          context: 'The town council meets every Tuesday in the old customs house. Its members are elected for four years.',
          qas: [{ id: 'a3', question: 'Where does the town council meet?', is_impossible: false, answers: [{ text: 'the old customs house', answer_start: 41 }] }],
        },
      ],
    },
  ],
};

describe('npm run eval:squad --file (SQuAD 2.0 format)', () => {
  it('reports answerable and unanswerable questions separately on the file’s own paragraphs', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'squad2-'));
    try {
      const f = path.join(dir, 'tiny-v2.json');
      writeFileSync(f, JSON.stringify(file));
      const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'evals', 'run-squad.ts'), '--file', f, '--split', 'all', '--json'], {
        cwd: PROJECT_ROOT,
        encoding: 'utf8',
        env: { ...process.env, LOG_LEVEL: 'silent', EVAL_DIR: path.join(dir, 'reports') },
        timeout: 240_000,
      });
      expect(r.status, r.stderr).toBe(0);
      const report = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
      expect(report).toMatchObject({ questions: 4, answerable: 3, unanswerable: 1, split: 'all' });
      for (const key of ['unanswerableAbstained', 'falseAbstention', 'goldInFirstTwo']) {
        expect([key, typeof report[key]]).toEqual([key, 'number']);
        expect(report[key] as number).toBeGreaterThanOrEqual(0);
        expect(report[key] as number).toBeLessThanOrEqual(1);
      }
      expect(report.goldInFirstTwo).toBeGreaterThanOrEqual(2 / 3);
      // and the eval report, where /evals lists it (EVAL_DIR), with one case per question in its category
      const [folder] = readdirSync(path.join(dir, 'reports'));
      expect(folder).toMatch(/^tiny-v2-\d{8}-\d{6}$/);
      const written = JSON.parse(readFileSync(path.join(dir, 'reports', folder, 'report.json'), 'utf8'));
      expect(written).toMatchObject({ set: 'tiny-v2', kind: 'qa', config: { answerer: 'extractive', split: 'all' } });
      const categories = written.results.map((c: { category: string }) => c.category);
      expect(categories.filter((c: string) => c === 'answerable')).toHaveLength(3);
      expect(categories.filter((c: string) => c === 'squad2-unanswerable')).toHaveLength(1);
      expect(written.aggregate.falseAbstentionRate).toBe(report.falseAbstention);
      expect(readdirSync(path.join(dir, 'reports', folder)).sort()).toEqual(['report.html', 'report.json']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
