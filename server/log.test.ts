// A person at a terminal gets one readable line per event; a log collector gets JSON.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './config.js';

function logFrom(pretty: boolean): string {
  const script = `import { createLogger } from './server/log.ts';
const log = createLogger('info', { pretty: ${pretty} });
log.info({ documents: 3, chunks: 72, retrieval: 'hybrid' }, 'index: 3 documents');
log.warn('second event');
await new Promise((r) => setTimeout(r, 300));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.replace(/\u001b\[[0-9;]*m/g, ''); // colours off: the test reads the text
}

describe('server log', () => {
  it('on a terminal: one readable line per event, fields on the same line', () => {
    const lines = logFrom(true).trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: index: 3 documents .*"documents":3.*"retrieval":"hybrid"/);
    expect(lines[1]).toMatch(/WARN: second event/);
  });

  it('otherwise: one JSON object per line', () => {
    const lines = logFrom(false).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ msg: 'index: 3 documents', documents: 3, level: 30 });
    expect(path.isAbsolute(PROJECT_ROOT)).toBe(true);
  });
});
