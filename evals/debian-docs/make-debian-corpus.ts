// The Debian acceptance corpus (issue 22): real third-party documents of every supported format, made on this
// machine from Debian package files by the producers users have, whose quirks are the point — groff's PDF of a man
// page, reportlab's PDF and python-docx's .docx of Debian's licence texts, Sphinx and hand-written HTML manuals, a
// plain-text spec with setext headings, a Markdown README. Nothing is written by hand or committed as a binary.
//
//   node --import tsx evals/debian-docs/make-debian-corpus.ts OUT_DIR
//
// .ci/run installs the packages (DEBIAN_CORPUS_PACKAGES there); elsewhere a missing one is named with the command
// that installs it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';

/** Debian's own Python, where apt installs python3-docx and python3-reportlab (a pyenv python3 may come first on PATH). */
const PYTHON = '/usr/bin/python3';

interface CopiedFile {
  name: string;
  /** the installed file, or its gzipped form */
  source: string;
  pkg: string;
}

const COPIED: CopiedFile[] = [
  { name: 'dpkg-triggers.txt', source: '/usr/share/doc/dpkg/spec/triggers.txt', pkg: 'dpkg-dev' },
  { name: 'zlib-usage-example.html', source: '/usr/share/doc/zlib1g-dev/examples/zlib_how.html', pkg: 'zlib1g-dev' },
  { name: 'debian-python-policy.html', source: '/usr/share/doc/python3/python-policy.html', pkg: 'python3-dev' },
  { name: 'pyyaml-readme.md', source: '/usr/share/doc/python3-yaml/README.md', pkg: 'python3-yaml' },
];

const TAR_MAN_PAGE = '/usr/share/man/man1/tar.1.gz';

/** The files the corpus holds, by name. */
export const DEBIAN_CORPUS_FILES = [...COPIED.map((c) => c.name), 'tar-manual.pdf', 'apache-2.0.pdf', 'gpl-3.docx'];

export class DebianCorpusUnavailable extends Error {
  override name = 'DebianCorpusUnavailable';
}

const installHint = (pkgs: string[]) => `apt-get install ${[...new Set(pkgs)].join(' ')}`;

function readInstalled(source: string): Buffer | null {
  if (existsSync(source)) return readFileSync(source);
  if (existsSync(`${source}.gz`)) return gunzipSync(readFileSync(`${source}.gz`));
  return null;
}

function run(command: string, args: string[], input: Buffer | undefined, pkg: string): Buffer {
  const r = spawnSync(command, args, { input, maxBuffer: 64 << 20 });
  if (r.error) throw new DebianCorpusUnavailable(`${command} cannot run (${r.error.message}); ${installHint([pkg])}`);
  if (r.status !== 0) throw new DebianCorpusUnavailable(`${command} ${args.join(' ')} failed: ${r.stderr.toString().trim().slice(0, 400)}`);
  return r.stdout;
}

/** What is missing to make the corpus on this machine, as one sentence with the install command; null when nothing is. */
export function debianCorpusMissing(): string | null {
  const missing: string[] = [];
  const pkgs: string[] = [];
  for (const c of COPIED) {
    if (!existsSync(c.source) && !existsSync(`${c.source}.gz`)) [missing.push(c.source), pkgs.push(c.pkg)];
  }
  if (!existsSync(TAR_MAN_PAGE)) [missing.push(TAR_MAN_PAGE), pkgs.push('tar')];
  if (spawnSync('groff', ['-v']).status !== 0) [missing.push('groff'), pkgs.push('groff')];
  for (const [module, pkg] of [['docx', 'python3-docx'], ['reportlab', 'python3-reportlab']]) {
    if (spawnSync(PYTHON, ['-c', `import ${module}`]).status !== 0) [missing.push(`${PYTHON}: ${module}`), pkgs.push(pkg)];
  }
  return missing.length ? `missing ${missing.join(', ')} (${installHint(pkgs)})` : null;
}

/** Writes every corpus file into `outDir`; throws DebianCorpusUnavailable naming what is missing. */
export function makeDebianCorpus(outDir: string): string[] {
  const missing = debianCorpusMissing();
  if (missing) throw new DebianCorpusUnavailable(`The Debian test corpus cannot be made: ${missing}`);
  mkdirSync(outDir, { recursive: true });
  for (const c of COPIED) writeFileSync(path.join(outDir, c.name), readInstalled(c.source)!);
  // groff's PDF of tar(1), as `man -Tpdf tar` makes it
  writeFileSync(path.join(outDir, 'tar-manual.pdf'), run('groff', ['-man', '-Tpdf'], gunzipSync(readFileSync(TAR_MAN_PAGE)), 'groff'));
  run(PYTHON, [path.join(import.meta.dirname, 'make-office-files.py'), outDir], undefined, 'python3-reportlab python3-docx');
  return DEBIAN_CORPUS_FILES.map((name) => path.join(outDir, name));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const out = process.argv[2];
  if (!out) {
    console.error('usage: node --import tsx evals/debian-docs/make-debian-corpus.ts OUT_DIR');
    process.exitCode = 2;
  } else {
    try {
      for (const f of makeDebianCorpus(path.resolve(out))) console.log(f);
    } catch (err) {
      if (!(err instanceof DebianCorpusUnavailable)) throw err;
      console.error(err.message);
      process.exitCode = 1;
    }
  }
}
