// Builds web/dist once before the end-to-end tests, only when it is missing or older than the web sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = fileURLToPath(new URL('..', import.meta.url));
const SOURCES = ['src', 'index.html', 'embed.html', 'vite.config.ts'];
const OUTPUTS = ['dist/index.html', 'dist/embed.html', 'dist/widget.js'];

function newest(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const e of readdirSync(p, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) max = Math.max(max, statSync(path.join(e.parentPath, e.name)).mtimeMs);
  }
  return max;
}

export async function setup() {
  const sources = Math.max(...SOURCES.map((s) => newest(path.join(webDir, s))));
  const outputs = OUTPUTS.map((o) => path.join(webDir, o));
  const built = outputs.every(existsSync) && Math.min(...outputs.map((o) => statSync(o).mtimeMs)) >= sources;
  if (built) return;
  // A child process: vitest sets NODE_ENV=test, and a build under it would bundle React's development runtime.
  const vite = path.join(path.dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', path.join(webDir, 'vite.config.ts'), '--logLevel', 'warn'], {
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`web build failed (exit ${result.status}); run npm run build:web to see why`);
}
