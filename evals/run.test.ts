// The CLI's contract for scripts: bad input exits 2 with one readable line, before any model is loaded.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../server/config.js';

const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'evals', 'run.ts'), ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent' },
  });

describe('npm run eval (flags)', () => {
  it('prints the usage for --help and exits 0', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^usage: npm run eval -- --set FILE/);
  });

  it('exits 2 naming the problem for bad flags, a missing set or a missing baseline', () => {
    const cases: [string[], RegExp][] = [
      [[], /--set FILE is required/],
      [['--set', 'x.jsonl', '--k', '0'], /--k must be a whole number from 1 to 20 \(got "0"\)/],
      [['--set', 'x.jsonl', '--answerer', 'gpt'], /--answerer must be extractive or llm/],
      [['--set', 'no-such-set.jsonl'], /error: ENOENT: no such file or directory, open 'no-such-set.jsonl'/],
      [['--set', 'evals/sets/seed.jsonl', '--baseline', 'no-such-dir'], /cannot read the report no-such-dir\/report.json/],
    ];
    for (const [args, message] of cases) {
      const r = run(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
  });
});
