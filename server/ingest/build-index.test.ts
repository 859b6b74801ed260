// Builds on a copy of the real seed corpus with the real local model. The seed index is built once; each scenario
// starts from a copy of it, so only the files a scenario touches are embedded again.
import { appendFile, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../testing/test-config.js';
import {
  createEmbeddings,
  estimateTokens,
  type EmbeddingsChoice,
  type EmbeddingsHandle,
} from '../embeddings/create-embeddings.js';
import { silentLogger } from '../log.js';
import { CorpusMissingError, IndexLockedError, IndexMismatchError } from '../store/index-errors.js';
import { openIndex } from '../store/open-index.js';
import type { SearchableIndex } from '../store/types.js';
import { buildIndex, checkIndexFreshness, type BuildOptions, type BuildReport } from './build-index.js';
import { CHUNKING } from './chunk.js';

const config = testConfig();
const JPOST = 'russia-iran-converge-soleimani-jpost';
const ROOMI = 'resistance-axis-iran-regional-policy-roomi.txt';
const AVDALIANI = 'russia-ties-axis-of-resistance-avdaliani-2024.txt';
const SEED_FILES = [ROOMI, `${JPOST}.txt`, AVDALIANI];

let tmp: string;
let model: EmbeddingsChoice;
let handle: EmbeddingsHandle;
let seed: { corpus: string; index: string; report: BuildReport };

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'build-index-'));
  model = await createEmbeddings(config, silentLogger);
  if (!model.handle)
    throw new Error(`the local model ${config.embeddingsModel} is missing; set MODELS_DIR=/work/shared/models`);
  handle = model.handle;
  const corpus = path.join(tmp, 'seed', 'corpus');
  await cp(path.join(config.ROOT, 'corpus'), corpus, { recursive: true });
  const index = path.join(tmp, 'seed', 'index');
  seed = {
    corpus,
    index,
    report: await buildIndex({ corpusDir: corpus, indexDir: index, embeddings: model, log: silentLogger }),
  };
});

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

let scenarios = 0;
/** A copy of the seed corpus and its built index. */
async function copyOfSeed(): Promise<{ corpus: string; index: string }> {
  const dir = path.join(tmp, `s${++scenarios}`);
  await cp(path.join(tmp, 'seed'), dir, { recursive: true });
  return { corpus: path.join(dir, 'corpus'), index: path.join(dir, 'index') };
}

/** A corpus of one short file, for scenarios that must embed everything again. */
async function tinyCorpus(): Promise<{ corpus: string; index: string }> {
  const dir = path.join(tmp, `s${++scenarios}`);
  await mkdir(path.join(dir, 'corpus'), { recursive: true });
  await writeFile(
    path.join(dir, 'corpus', 'note.txt'),
    'Field note\n\nThe heron waits in the shallow reeds at dawn.\n',
  );
  return { corpus: path.join(dir, 'corpus'), index: path.join(dir, 'index') };
}

const build = (dirs: { corpus: string; index: string }, extra: Partial<BuildOptions> = {}) =>
  buildIndex({ corpusDir: dirs.corpus, indexDir: dirs.index, embeddings: model, log: silentLogger, ...extra });

const open = async (indexDir: string, choice: EmbeddingsChoice = model): Promise<SearchableIndex> =>
  (await openIndex(indexDir, { embedder: choice.handle?.id ?? null, dimensions: choice.handle?.dimensions ?? null }))!;

const fresh = (dirs: { corpus: string; index: string }, embeddings = model) =>
  checkIndexFreshness({ corpusDir: dirs.corpus, indexDir: dirs.index, embeddings });

/** A logger whose messages the test can read. */
function recordingLogger() {
  const lines: { level: number; msg: string }[] = [];
  const log = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
  return {
    log,
    warnings: () => lines.filter((l) => l.level === 40).map((l) => l.msg),
    infos: () => lines.filter((l) => l.level === 30).map((l) => l.msg),
  };
}

/** Stand-in for a different embedding model: deterministic 4-d vectors. */
const otherModel: EmbeddingsChoice = {
  handle: {
    id: 'test:other-model',
    dimensions: 4,
    embeddings: {} as EmbeddingsHandle['embeddings'],
    embedDocuments: async (texts) => texts.map((t) => [t.length, 1, 2, 3]),
    parallelCalls: 1,
    embedQuery: async (t) => [t.length, 1, 2, 3],
  },
  countTokens: estimateTokens,
  label: 'test:other-model',
};
const noModel: EmbeddingsChoice = { handle: null, countTokens: estimateTokens, label: 'none' };

const docIdsOf = (index: SearchableIndex, hits: { index: number }[]) => hits.map((h) => index.chunks[h.index].docId);

describe('buildIndex on the seed corpus', () => {
  it('indexes every file, and both searches find the JPost article for its subject', async () => {
    const r = seed.report;
    expect(r.added).toEqual(SEED_FILES);
    expect([r.changed, r.removed, r.unchanged, r.skipped]).toEqual([[], [], [], []]);
    expect(r).toMatchObject({ documents: 3, wrote: true, embedder: handle.id, chunksReused: 0 });
    expect(r.chunksEmbedded).toBe(r.chunksTotal);

    const index = await open(seed.index);
    expect(index.chunks).toHaveLength(r.chunksTotal);
    expect(index.manifest).toMatchObject({ embedder: handle.id, dimensions: 384, chunking: { ...CHUNKING } });
    expect(Object.keys(index.manifest.files)).toEqual(SEED_FILES);
    const jpostChunks = index.manifest.files[`${JPOST}.txt`].chunks;
    const top = Math.min(3, jpostChunks);

    const lexical = index.lexical.search('Soleimani Moscow', 5);
    expect(docIdsOf(index, lexical).slice(0, top)).toEqual(Array(top).fill(JPOST));

    const dense = await index.dense!.search(await handle.embedQuery('Soleimani Moscow'), 5);
    expect(dense).toHaveLength(5);
    expect(docIdsOf(index, dense).slice(0, top)).toEqual(Array(top).fill(JPOST));
    expect(dense.every((h, i) => h.score <= 1 && (i === 0 || h.score <= dense[i - 1].score))).toBe(true);
  });

  it('re-running with no change embeds nothing and leaves the live index as it was', async () => {
    const dirs = await copyOfSeed();
    const before = (await readdir(dirs.index)).sort();
    expect(await fresh(dirs)).toEqual({ fresh: true, reason: 'up to date' });
    const r = await build(dirs);
    expect(r).toMatchObject({
      wrote: false,
      chunksEmbedded: 0,
      generation: seed.report.generation,
      unchanged: SEED_FILES,
      added: [],
    });
    expect(r.chunksTotal).toBe(seed.report.chunksTotal);
    expect((await readdir(dirs.index)).sort()).toEqual(before);
  });

  it('editing one file re-embeds only chunks of that file', async () => {
    const dirs = await copyOfSeed();
    await appendFile(
      path.join(dirs.corpus, AVDALIANI),
      '\nThe envoys also traded Zanzibar cloves for Caspian caviar.\n',
    );
    expect(await fresh(dirs)).toEqual({ fresh: false, reason: `${AVDALIANI} changed` });
    const r = await build(dirs);
    expect(r).toMatchObject({
      changed: [AVDALIANI],
      unchanged: [ROOMI, `${JPOST}.txt`],
      added: [],
      removed: [],
      wrote: true,
    });
    const index = await open(dirs.index);
    const fileChunks = index.manifest.files[AVDALIANI].chunks;
    expect(r.chunksEmbedded).toBeGreaterThan(0);
    expect(r.chunksEmbedded).toBeLessThanOrEqual(fileChunks);
    expect(r.chunksReused).toBe(r.chunksTotal - r.chunksEmbedded);
    expect(docIdsOf(index, index.lexical.search('Zanzibar cloves caviar', 1))).toEqual([AVDALIANI.replace('.txt', '')]);
    const dense = await index.dense!.search(await handle.embedQuery('Zanzibar cloves traded for Caspian caviar'), 1);
    expect(docIdsOf(index, dense)).toEqual([AVDALIANI.replace('.txt', '')]);
    // The replaced generation stays one build for readers that opened it; older ones go.
    expect((await readdir(dirs.index)).filter((n) => n.startsWith('gen-')).sort()).toEqual(
      [seed.report.generation, r.generation].sort(),
    );
    await appendFile(path.join(dirs.corpus, AVDALIANI), 'A second edit.\n');
    const r2 = await build(dirs);
    expect((await readdir(dirs.index)).filter((n) => n.startsWith('gen-')).sort()).toEqual(
      [r.generation, r2.generation].sort(),
    );
    expect(await fresh(dirs)).toEqual({ fresh: true, reason: 'up to date' });
  });

  it('deleting a file removes all its chunks from both indexes', async () => {
    const dirs = await copyOfSeed();
    await rm(path.join(dirs.corpus, `${JPOST}.txt`));
    expect(await fresh(dirs)).toEqual({ fresh: false, reason: `${JPOST}.txt was removed` });
    const r = await build(dirs);
    expect(r).toMatchObject({
      removed: [`${JPOST}.txt`],
      unchanged: [ROOMI, AVDALIANI],
      chunksEmbedded: 0,
      documents: 2,
    });
    const index = await open(dirs.index);
    expect(index.documents.has(JPOST)).toBe(false);
    expect(index.chunks.filter((c) => c.docId === JPOST)).toEqual([]);
    // "Shoigu" occurs only in the JPost article.
    expect(index.lexical.search('Shoigu', 10)).toEqual([]);
    const all = await index.dense!.search(await handle.embedQuery('Soleimani Moscow Shoigu'), index.chunks.length);
    expect(all).toHaveLength(index.chunks.length);
    expect(new Set(docIdsOf(index, all))).toEqual(new Set([ROOMI, AVDALIANI].map((f) => f.replace('.txt', ''))));
  });

  it('keeps the last good version of a file that became unreadable, and skips a new unreadable file', async () => {
    const dirs = await copyOfSeed();
    await writeFile(path.join(dirs.corpus, AVDALIANI), '');
    const { log, warnings } = recordingLogger();
    const r = await build(dirs, { log });
    expect(r.skipped).toEqual([
      { relPath: AVDALIANI, reason: expect.stringMatching(/; the previously indexed version is kept$/) },
    ]);
    expect(warnings()).toEqual([`ingest: skipped ${AVDALIANI}: ${r.skipped[0].reason}`]);
    expect(r).toMatchObject({ changed: [], unchanged: [ROOMI, `${JPOST}.txt`], documents: 3, chunksEmbedded: 0 });
    const index = await open(dirs.index);
    expect(index.manifest.files[AVDALIANI]).toEqual((await open(seed.index)).manifest.files[AVDALIANI]);
    expect(index.chunks.filter((c) => `${c.docId}.txt` === AVDALIANI).length).toBeGreaterThan(0);
    // Known-bad content is not a reason for `npm start` to ingest again, and a re-run changes nothing.
    expect(await fresh(dirs)).toEqual({ fresh: true, reason: 'up to date' });
    expect(await build(dirs)).toMatchObject({ wrote: false, skipped: r.skipped });

    await writeFile(path.join(dirs.corpus, 'blank.txt'), '   \n');
    const r2 = await build(dirs);
    expect(r2.skipped.map((s) => s.relPath)).toEqual(['blank.txt', AVDALIANI]);
    expect(r2.skipped[0].reason).not.toMatch(/kept/);
    expect(r2).toMatchObject({ added: [], documents: 3, wrote: true });
    expect((await open(dirs.index)).manifest.skipped.map((s) => s.relPath)).toEqual(['blank.txt', AVDALIANI]);
  });

  it('refuses an index built with another model, naming both and the rebuild command', async () => {
    const dirs = await copyOfSeed();
    const err = await build(dirs, { embeddings: otherModel }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IndexMismatchError);
    expect((err as Error).message).toContain(
      `built with embeddings ${handle.id} (384 dimensions), but test:other-model (4 dimensions)`,
    );
    expect((err as Error).message).toContain('`npm run ingest -- --rebuild`');
    await expect(openIndex(dirs.index, { embedder: 'test:other-model', dimensions: 4 })).rejects.toThrow(
      IndexMismatchError,
    );
    expect(await fresh(dirs, otherModel)).toEqual({
      fresh: false,
      reason: `embeddings changed (${handle.id}, 384 dimensions → test:other-model, 4 dimensions); run \`npm run ingest -- --rebuild\``,
    });
    expect(existsSync(path.join(dirs.index, 'LOCK'))).toBe(false);
  });

  it('derives both indexes again when search texts change, re-embedding only texts that differ', async () => {
    const dirs = await copyOfSeed();
    // As if the index had been built by code that made search texts differently (index-text.ts, BM25 analyzer).
    const manifestPath = path.join(dirs.index, seed.report.generation!, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    await writeFile(manifestPath, JSON.stringify({ ...manifest, searchText: 'older-code' }));
    expect(await fresh(dirs)).toEqual({ fresh: false, reason: 'search texts or the BM25 analyzer changed' });
    const r = await build(dirs);
    expect(r).toMatchObject({
      wrote: true,
      chunksEmbedded: 0,
      chunksReused: seed.report.chunksTotal,
      unchanged: SEED_FILES,
    });
    expect(await fresh(dirs)).toEqual({ fresh: true, reason: 'up to date' });
  });

  it('refuses to run while another live process holds the lock', async () => {
    const dirs = await copyOfSeed();
    const holder = JSON.stringify({ pid: process.ppid, host: os.hostname(), startedAt: 'earlier' });
    await writeFile(path.join(dirs.index, 'LOCK'), holder);
    await expect(build(dirs)).rejects.toThrow(IndexLockedError);
    await expect(build(dirs)).rejects.toThrow(
      `Another ingest (pid ${process.ppid} on ${os.hostname()}, started earlier)`,
    );
  });

  it('says which corpus folder is missing', async () => {
    const dirs = { corpus: path.join(tmp, 'no-such-corpus'), index: path.join(tmp, 'no-index') };
    await expect(build(dirs)).rejects.toThrow(CorpusMissingError);
    await expect(build(dirs)).rejects.toThrow(`The corpus folder ${dirs.corpus} does not exist.`);
    expect(await fresh(dirs)).toEqual({ fresh: false, reason: `no index in ${dirs.index}` });
  });
});

describe('the ingest report', () => {
  it('counts what cleaning removed from each file it read, and logs it with examples', async () => {
    const dirs = await tinyCorpus();
    const chrome = ['Share this article', 'No comments:'];
    await writeFile(path.join(dirs.corpus, 'article.txt'), `Harbour news\n\n${chrome[0]}\n\nThe harbour reopened on Monday.\n\n${chrome[1]}\n`);
    const rec = recordingLogger();
    const r = await build(dirs, { embeddings: noModel, log: rec.log });
    expect(r.removedText).toEqual([
      {
        relPath: 'article.txt',
        lines: { 'web chrome': 2 },
        chars: { 'web chrome': chrome.join('').length },
        examples: { 'web chrome': chrome },
      },
    ]);
    expect(rec.infos()).toContain('ingest: article.txt: removed 2 lines of web chrome (e.g. "Share this article", "No comments:")');
  });
});

describe('buildIndex when the embedding model changes', () => {
  it('builds lexical-only without a model, and embeds everything once the model is available', async () => {
    const dirs = await tinyCorpus();
    const lexical = await build(dirs, { embeddings: noModel });
    expect(lexical).toMatchObject({ embedder: null, chunksEmbedded: 0, added: ['note.txt'], wrote: true });
    expect((await readdir(path.join(dirs.index, lexical.generation!))).sort()).toEqual([
      'bm25.bin',
      'bm25.json',
      'chunks.json',
      'documents.json',
      'manifest.json',
    ]);
    const withModel = await open(dirs.index);
    expect(withModel.dense).toBeNull();
    expect(withModel.lexical.search('heron', 1)).toHaveLength(1);
    expect(await fresh(dirs, noModel)).toEqual({ fresh: true, reason: 'up to date' });
    const reason = `the index was built without embeddings; ${handle.id} is now available`;
    expect(await fresh(dirs)).toEqual({ fresh: false, reason });

    const dense = await build(dirs);
    expect(dense).toMatchObject({
      embedder: handle.id,
      fullRebuildReason: reason,
      unchanged: ['note.txt'],
      wrote: true,
    });
    expect(dense.chunksEmbedded).toBe(dense.chunksTotal);
    const index = await open(dirs.index);
    expect(docIdsOf(index, await index.dense!.search(await handle.embedQuery('a bird standing in water'), 1))).toEqual([
      'note',
    ]);

    // Losing the model later: the index stays usable lexically and is not rebuilt by `npm start`.
    expect(await fresh(dirs, noModel)).toEqual({ fresh: true, reason: 'up to date (no model: lexical search only)' });
    expect((await open(dirs.index, noModel)).dense).toBeNull();
  });

  it('--rebuild replaces an index built with another model', async () => {
    const dirs = await tinyCorpus();
    await build(dirs, { embeddings: otherModel });
    const r = await build(dirs, { rebuild: true });
    expect(r).toMatchObject({
      embedder: handle.id,
      fullRebuildReason: 'rebuild requested (--rebuild)',
      chunksReused: 0,
      wrote: true,
    });
    expect(r.chunksEmbedded).toBe(r.chunksTotal);
    expect((await open(dirs.index)).manifest.embedder).toBe(handle.id);
  });
});
