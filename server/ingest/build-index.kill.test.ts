// kill -9 of a running ingest: the live index must stay usable, and the next ingest must clean up and succeed.
// The children are the real `npm run ingest` entry point (scripts/ingest.ts) and, for a kill that must land in the
// middle of writing, the same entry point with a hook that freezes the process there (build-index.pause-fixture.ts).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../testing/test-config.js';
import { createEmbeddings, findModelsDir, type EmbeddingsChoice } from '../embeddings/create-embeddings.js';
import { silentLogger } from '../log.js';
import { journalPath, readJournal } from '../store/embedding-journal.js';
import { openIndex } from '../store/open-index.js';
import { buildIndex, type BuildReport } from './build-index.js';

const config = testConfig();
const JPOST = 'russia-iran-converge-soleimani-jpost';
const INGEST = path.join(config.ROOT, 'scripts', 'ingest.ts');
const PAUSING_INGEST = path.join(config.ROOT, 'server', 'ingest', 'build-index.pause-fixture.ts');
/** what the fixture prints once frozen (kept in sync with it; importing it would run it) */
const PAUSED_MARKER = 'PAUSED-MID-WRITE';

let tmp: string;
let model: EmbeddingsChoice;
let base: { corpus: string; index: string; report: BuildReport };
const children: ChildProcessWithoutNullStreams[] = [];

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ingest-kill-'));
  model = await createEmbeddings(config, silentLogger);
  if (!model.handle)
    throw new Error(`the local model ${config.embeddingsModel} is missing; set MODELS_DIR=/work/shared/models`);
  // Two short seed files keep the base build cheap; the third, long one supplies new text to embed.
  const corpus = path.join(tmp, 'base', 'corpus');
  await mkdir(corpus, { recursive: true });
  const files = [`${JPOST}.txt`, 'russia-ties-axis-of-resistance-avdaliani-2024.txt'];
  for (const f of files) await cp(path.join(config.ROOT, 'corpus', f), path.join(corpus, f));
  const sources = JSON.parse(await readFile(path.join(config.ROOT, 'corpus', 'sources.json'), 'utf8')) as {
    file: string;
  }[];
  await writeFile(path.join(corpus, 'sources.json'), JSON.stringify(sources.filter((s) => files.includes(s.file))));
  const index = path.join(tmp, 'base', 'index');
  base = {
    corpus,
    index,
    report: await buildIndex({ corpusDir: corpus, indexDir: index, embeddings: model, log: silentLogger }),
  };
});

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

let copies = 0;
/** A copy of the base corpus + index, with one new file added to the corpus (so an ingest has work to do). */
async function baseWithNewFile(chars = 4000, copies = 1): Promise<{ corpus: string; index: string }> {
  const dir = path.join(tmp, `c${++copies}`);
  await cp(path.join(tmp, 'base'), dir, { recursive: true });
  const roomi = await readFile(
    path.join(config.ROOT, 'corpus', 'resistance-axis-iran-regional-policy-roomi.txt'),
    'utf8',
  );
  // more copies (each paragraph marked with its copy number, so no chunk text repeats) give more to embed
  const text = Array.from({ length: copies }, (_, n) =>
    roomi
      .slice(0, chars)
      .split(/\n{2,}/)
      .map((p) => (n ? `(${n + 1}) ${p}` : p))
      .join('\n\n'),
  ).join('\n\n');
  await writeFile(path.join(dir, 'corpus', 'extra.txt'), text);
  return { corpus: path.join(dir, 'corpus'), index: path.join(dir, 'index') };
}

interface Running {
  child: ChildProcessWithoutNullStreams;
  lines: string[];
  /** resolves with the first stdout line that satisfies `test`; rejects if the child exits first */
  waitForLine(test: (line: string) => boolean): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function run(script: string, args: string[], extraEnv: Record<string, string> = {}): Running {
  const env = {
    ...process.env,
    ...extraEnv,
    LOG_LEVEL: 'info',
    EMBEDDINGS: `local:${config.embeddingsModel}`,
    EMBEDDINGS_DTYPE: config.EMBEDDINGS_DTYPE,
    MODELS_DIR: findModelsDir(config),
  };
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: config.ROOT, env });
  children.push(child);
  const lines: string[] = [];
  const waiters: { test: (l: string) => boolean; resolve: (l: string) => void; reject: (e: Error) => void }[] = [];
  let stderr = '';
  let partial = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.on('data', (d: Buffer) => {
    const parts = (partial + d.toString()).split('\n');
    partial = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      for (const w of waiters.splice(0)) {
        if (w.test(line)) w.resolve(line);
        else waiters.push(w);
      }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => {
      for (const w of waiters.splice(0))
        w.reject(new Error(`child exited (${code ?? signal}) first.\n${lines.join('\n')}\n${stderr}`));
      resolve({ code, signal });
    }),
  );
  return {
    child,
    lines,
    exited,
    waitForLine: (test) =>
      new Promise((resolve, reject) => {
        const seen = lines.find(test);
        if (seen) resolve(seen);
        else waiters.push({ test, resolve, reject });
      }),
  };
}

const message = (line: string): string => {
  try {
    return String(JSON.parse(line).msg ?? '');
  } catch {
    return line;
  }
};

/** The previous index opens and answers both kinds of search with the JPost article. */
async function expectBaseIndexAnswers(indexDir: string) {
  expect((await readFile(path.join(indexDir, 'CURRENT'), 'utf8')).trim()).toBe(base.report.generation);
  const index = (await openIndex(indexDir, { embedder: model.handle!.id, dimensions: model.handle!.dimensions }))!;
  expect(index.chunks).toHaveLength(base.report.chunksTotal);
  expect(index.chunks[index.lexical.search('Soleimani Moscow', 1)[0].index].docId).toBe(JPOST);
  const [hit] = await index.dense!.search(await model.handle!.embedQuery('Soleimani Moscow'), 1);
  expect(index.chunks[hit.index].docId).toBe(JPOST);
}

/** The manifest of the live generation describes exactly what it holds. */
async function expectManifestMatchesContents(indexDir: string) {
  const index = (await openIndex(indexDir, { embedder: model.handle!.id, dimensions: model.handle!.dimensions }))!;
  const m = index.manifest;
  expect(m.counts).toEqual({ documents: index.documents.size, chunks: index.chunks.length });
  expect(Object.values(m.files).reduce((n, f) => n + f.chunks, 0)).toBe(index.chunks.length);
  expect(Object.values(m.files).map((f) => f.docId).sort()).toEqual([...index.documents.keys()].sort());
  expect(new Set(index.chunks.map((c) => c.docId))).toEqual(new Set(index.documents.keys()));
}

const toEmbed = (lines: string[]) => {
  const first = lines.map(message).find((m) => /^embed: 0\/\d+ /.test(m));
  return first ? Number(/^embed: 0\/(\d+) /.exec(first)![1]) : null;
};

function recordingLogger() {
  const lines: { level: number; msg: string }[] = [];
  return { log: pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s)) }), lines };
}

describe('an ingest killed with SIGKILL', () => {
  it('mid-write: the previous index still answers, and the next ingest removes the debris and succeeds', async () => {
    const dirs = await baseWithNewFile();
    const ingest = run(PAUSING_INGEST, ['--corpus', dirs.corpus, '--index', dirs.index]);
    await ingest.waitForLine((l) => l === PAUSED_MARKER);

    // Frozen mid-write: part of the new generation is on disk, no manifest, CURRENT untouched, the lock is the child's.
    const temps = (await readdir(dirs.index)).filter((n) => n.startsWith('tmp-'));
    expect(temps).toHaveLength(1);
    const written = (await readdir(path.join(dirs.index, temps[0]))).sort();
    expect(written).toEqual(['bm25.bin', 'bm25.json', 'chunks.json', 'documents.json', 'vector-keys.json', 'vectors.f32']);
    expect(JSON.parse(await readFile(path.join(dirs.index, 'LOCK'), 'utf8')).pid).toBe(ingest.child.pid);

    ingest.child.kill('SIGKILL');
    expect(await ingest.exited).toEqual({ code: null, signal: 'SIGKILL' });
    await expectBaseIndexAnswers(dirs.index);

    const { log, lines } = recordingLogger();
    const report = await buildIndex({ corpusDir: dirs.corpus, indexDir: dirs.index, embeddings: model, log });
    expect(lines.filter((l) => l.level === 40).map((l) => l.msg)).toEqual([
      `ingest: took over the lock of pid ${ingest.child.pid}, an ingest that was killed or crashed`,
    ]);
    expect(lines.map((l) => l.msg)).toContain(`ingest: removed 1 unfinished build(s) left in ${dirs.index}`);
    expect(report).toMatchObject({ added: ['extra.txt'], wrote: true });
    expect((await readdir(dirs.index)).sort()).toEqual(['CURRENT', base.report.generation, report.generation].sort());
    const index = (await openIndex(dirs.index, { embedder: model.handle!.id, dimensions: model.handle!.dimensions }))!;
    expect(index.documents.has('extra')).toBe(true);
  });

  it('mid-embedding (the plain ingest script, killed at its first embedding progress line): nothing is lost', async () => {
    const dirs = await baseWithNewFile();
    const ingest = run(INGEST, ['--corpus', dirs.corpus, '--index', dirs.index]);
    await ingest.waitForLine((l) => message(l).startsWith('embed: 0/'));
    ingest.child.kill('SIGKILL');
    expect(await ingest.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(ingest.lines.map(message).some((m) => m.startsWith('write:'))).toBe(false);
    await expectBaseIndexAnswers(dirs.index);
    expect(existsSync(path.join(dirs.index, 'LOCK'))).toBe(true);

    // The plain script then runs to the end over the stale lock.
    const next = run(INGEST, ['--corpus', dirs.corpus, '--index', dirs.index]);
    expect(await next.exited).toEqual({ code: 0, signal: null });
    const summary = next.lines.map(message).find((m) => m.startsWith('ingest: 3 documents'));
    expect(summary).toMatch(
      /^ingest: 3 documents, \d+ chunks — files: 1 added, 0 changed, 0 removed, 2 unchanged, 0 skipped; \d+ chunks embedded, \d+ reused(; cleaning removed \d+ lines? from 1 file \(listed above\))?; [\d.]+ s$/,
    );
    expect(existsSync(path.join(dirs.index, 'LOCK'))).toBe(false);
  });
});

describe('an ingest killed with SIGKILL again and again', () => {
  it('5 kills at random moments of embedding: the index answers each time, and each next ingest embeds only what was not finished', async () => {
    const dirs = await baseWithNewFile(30_000);
    const journal = journalPath(dirs.index, model.handle!.id, model.handle!.dimensions);
    let journaled = 0;
    let total: number | null = null;
    const kills: { killedAfter: number; toEmbed: number; journaled: number }[] = [];
    for (let k = 0; k < 5; k++) {
      // batches of 2 texts (a quarter second each here) keep the loop short
      const ingest = run(INGEST, ['--corpus', dirs.corpus, '--index', dirs.index], { EMBEDDINGS_BATCH_SIZE: '2' });
      // at a random moment of the first half of this run's embedding, measured in finished texts rather than in
      // time (a timed delay let a fast machine finish the ingest before the kill)
      const started = await ingest.waitForLine((l) => /^embed: 0\/\d+/.test(message(l)));
      const todo = Number(/^embed: 0\/(\d+)/.exec(message(started))![1]);
      const target = 1 + Math.floor(Math.random() * Math.max(1, Math.floor(todo / 2)));
      await ingest.waitForLine((l) => {
        const m = /^embed: (\d+)\//.exec(message(l));
        return !!m && Number(m[1]) >= target;
      });
      ingest.child.kill('SIGKILL');
      expect(await ingest.exited).toEqual({ code: null, signal: 'SIGKILL' });
      // this run was told to embed only what the journal did not hold
      const asked = toEmbed(ingest.lines)!;
      total ??= asked;
      expect(asked).toBe(total - journaled);
      await expectBaseIndexAnswers(dirs.index);
      await expectManifestMatchesContents(dirs.index);
      const now = (await readJournal(journal, model.handle!.dimensions)).vectors.size;
      expect(now).toBeGreaterThanOrEqual(journaled);
      journaled = now;
      kills.push({ killedAfter: target, toEmbed: asked, journaled });
    }
    console.info(`kill loop: ${total} texts to embed; after each kill ${JSON.stringify(kills)}`);
    expect(journaled, JSON.stringify(kills)).toBeGreaterThan(0);
    expect(journaled).toBeLessThan(total!);

    const { log, lines } = recordingLogger();
    const report = await buildIndex({ corpusDir: dirs.corpus, indexDir: dirs.index, embeddings: model, log });
    expect(lines.map((l) => l.msg)).toContain(
      `ingest: ${journaled} embeddings of an interrupted ingest are on disk and are reused`,
    );
    expect(report).toMatchObject({ added: ['extra.txt'], wrote: true, chunksResumed: journaled, chunksEmbedded: total! - journaled });
    expect(existsSync(journal)).toBe(false);
    await expectManifestMatchesContents(dirs.index);
  });
});

describe('npm run ingest exit codes', () => {
  it('exits 1 naming a missing corpus folder, and 2 on an unknown flag', async () => {
    const missing = path.join(tmp, 'nothing-here');
    const r1 = run(INGEST, ['--corpus', missing, '--index', path.join(tmp, 'idx')]);
    expect(await r1.exited).toEqual({ code: 1, signal: null });
    expect(r1.lines.map(message)).toContain(
      `ingest: The corpus folder ${missing} does not exist. Create it and put documents in it, or pass --corpus DIR.`,
    );
    const r2 = run(INGEST, ['--corpse', 'x']);
    expect(await r2.exited).toEqual({ code: 2, signal: null });
  });
});
