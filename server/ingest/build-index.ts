// corpus → chunks → embeddings → a new index generation, swapped in atomically (store/index-dir.ts).
//
// Incremental by content: a file whose hash, chunking settings and embedder are unchanged keeps its document and
// chunks from the previous generation without being read again, and every chunk whose embedded text was embedded
// before keeps its vector (looked up by a hash of that text). Everything else — BM25, the HNSW graph, the chunk
// store — is rebuilt from those parts each time, so a removed or changed file cannot leave anything stale behind.
// Every finished embedding batch is journaled (store/embedding-journal.ts): a killed ingest's successor embeds only
// what was not finished.
import { createHash } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Chunk, DiscoveredFile, SkippedFile, SourceDoc } from '../domain.js';
import type { EmbeddingsChoice } from '../embeddings/create-embeddings.js';
import type { Logger } from '../log.js';
import { runEach } from '../run-each.js';
import { denseText, lexicalText } from '../store/index-text.js';
import { readChunkStore, writeChunkStore } from '../store/chunk-store.js';
import { readCurrent, type GenerationRef } from '../store/current-generation.js';
import { CorpusMissingError, IndexCorruptError, IndexError, IndexMismatchError } from '../store/index-errors.js';
import {
  createTempGeneration,
  generationDirName,
  newGenerationId,
  pruneGenerations,
  publishGeneration,
  removeDebris,
} from '../store/index-dir.js';
import { openEmbeddingJournal, removeJournals, type EmbeddingJournal } from '../store/embedding-journal.js';
import { acquireIndexLock } from '../store/index-lock.js';
import { writeLexicalIndex } from '../store/lexical-index.js';
import { INDEX_FORMAT_VERSION, sameSettings, writeManifest } from '../store/manifest.js';
import type { PgStore } from '../store/pg/pg-store.js';
import type { IndexManifest } from '../store/types.js';
import {
  HNSW_PARAMS,
  normaliseRows,
  readVectorTable,
  writeHnswIndex,
  writeVectorTable,
  type VectorTable,
} from '../store/vector-store.js';
import { CHUNKING } from './chunk.js';
import { discoverCorpus } from './discover.js';
import type { IngestLimits } from './ingest-limits.js';
import { releaseLoaderProcess } from './load-in-subprocess.js';
import { IngestError, prepareDocument } from './prepare-document.js';
import { describeRemovedText, removedTextOf, type RemovedText } from './removed-text.js';
import { searchTextFingerprint } from './search-text-fingerprint.js';
import { createEmbedStream } from './embed-stream.js';

export interface BuildProgress {
  phase: 'scan' | 'load' | 'embed' | 'write' | 'done';
  /** corpus files read so far (load) / to read */
  filesDone: number;
  filesTotal: number;
  /** load: chunks made so far; embed: texts embedded so far / to embed; write, done: chunks in the index */
  chunksDone: number;
  chunksTotal: number;
  /** write phase: the index file about to be written */
  step?: string;
}

export interface BuildOptions {
  corpusDir: string;
  indexDir: string;
  embeddings: EmbeddingsChoice;
  log: Logger;
  /** texts per embedding batch, each journaled when done: a kill loses at most one batch (EMBEDDINGS_BATCH_SIZE) */
  embedBatchSize?: number;
  /** per-file limits against hostile files (default: the documented defaults) */
  limits?: IngestLimits;
  /** ignore the previous index and embed everything */
  rebuild?: boolean;
  onProgress?: (p: BuildProgress) => void;
  /** VECTOR_STORE=pgvector: ingest into this PostgreSQL store instead of indexDir (store/pg/pg-ingest.ts) */
  pgStore?: PgStore;
}

export interface BuildReport {
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: string[];
  skipped: SkippedFile[];
  /** what cleaning removed from each file read in this run (page furniture, web chrome, noise…), by reason */
  removedText: RemovedText[];
  documents: number;
  chunksTotal: number;
  chunksEmbedded: number;
  embedder: string | null;
  /** false when nothing changed and the live index was left as it was */
  wrote: boolean;
  durationMs: number;
  /** chunks whose vector was copied from the previous generation or the journal of an interrupted ingest */
  chunksReused?: number;
  /** distinct texts whose vector came from the journal of an interrupted ingest (part of chunksReused) */
  chunksResumed?: number;
  /** why every file was read and chunked again (null: incremental) */
  fullRebuildReason?: string | null;
  /** directory name of the live generation after the build */
  generation?: string | null;
}

interface Planned {
  file: DiscoveredFile;
  before: IndexManifest['files'][string] | undefined;
  /** what is indexed for this file; null = nothing (skipped) */
  doc: SourceDoc | null;
  chunks: Chunk[];
  /** the file could not be read this time and its previous version is kept */
  keptPrevious: boolean;
}

export async function buildIndex(options: BuildOptions): Promise<BuildReport> {
  if (options.pgStore) return (await import('../store/pg/pg-ingest.js')).ingestIntoPg(options.pgStore, options);
  const t0 = performance.now();
  const { corpusDir, indexDir, embeddings, log, rebuild = false } = options;
  const progress = options.onProgress ?? (() => undefined);
  await assertIngestFolders(corpusDir, indexDir);
  await mkdir(indexDir, { recursive: true });
  const lock = await acquireIndexLock(indexDir);
  let embedding: Embedding | null = null;
  try {
    if (lock.tookOverFrom) {
      log.warn(`ingest: took over the lock of pid ${lock.tookOverFrom.pid}, an ingest that was killed or crashed`);
    }
    const debris = await removeDebris(indexDir);
    if (debris.length) log.info(`ingest: removed ${debris.length} unfinished build(s) left in ${indexDir}`);

    const prev = await readPrevious(indexDir, rebuild, log);
    const handle = embeddings.handle;
    const target = { embedder: handle?.id ?? null, dimensions: handle?.dimensions ?? null };
    const pm = prev?.manifest;
    if (
      pm &&
      !rebuild &&
      pm.embedder !== null &&
      handle &&
      (pm.embedder !== handle.id || pm.dimensions !== handle.dimensions)
    ) {
      throw new IndexMismatchError(indexDir, { embedder: pm.embedder, dimensions: pm.dimensions }, target);
    }
    const fullRebuildReason = rebuild ? 'rebuild requested (--rebuild)' : pm ? settingsChange(pm, target) : null;
    if (fullRebuildReason) log.info(`ingest: reading every file again: ${fullRebuildReason}`);
    if (pm?.embedder && !handle) {
      log.warn(`ingest: no embedding model; the index is rebuilt lexical-only (it was built with ${pm.embedder})`);
    }
    const reuseDocs = Boolean(pm) && fullRebuildReason === null;
    const searchText = searchTextFingerprint();
    const searchTextChanged = reuseDocs && pm!.searchText !== searchText;
    if (searchTextChanged)
      log.info('ingest: search texts or the BM25 analyzer changed; both indexes are derived again');
    const reuseVectors =
      Boolean(pm) &&
      !rebuild &&
      pm!.formatVersion === INDEX_FORMAT_VERSION &&
      pm!.embedder !== null &&
      pm!.embedder === target.embedder;

    // 1. scan: what is in the corpus, and what it was last time
    const discovered = await discoverCorpus(corpusDir);
    progress({ phase: 'scan', filesDone: 0, filesTotal: discovered.files.length, chunksDone: 0, chunksTotal: 0 });
    const skipped: (SkippedFile & { hash?: string })[] = [...discovered.skipped];
    const prevFiles = pm?.files ?? {};
    const planned: Planned[] = [];
    // discoverCorpus already skipped any file whose document id another file has
    for (const file of discovered.files) planned.push({ file, before: prevFiles[file.relPath], doc: null, chunks: [], keptPrevious: false });
    const isUnchanged = (p: Planned) => p.before?.hash === p.file.hash && p.before.docId === p.file.docId;

    // 2. load: read, clean and chunk every file that cannot be taken from the previous generation; its new texts are
    // embedded (3.) while the next files are read (embed-stream.ts)
    embedding = handle
      ? await startEmbedding({
          indexDir,
          handle,
          previous: reuseVectors ? { dir: prev!.dir, dimensions: pm!.dimensions! } : null,
          batchSize: options.embedBatchSize ?? JOURNAL_BATCH,
          log,
          onProgress: (done, total) =>
            embedPhase && progress({ phase: 'embed', filesDone: toLoad.length, filesTotal: toLoad.length, chunksDone: done, chunksTotal: total }),
        })
      : null;
    let embedPhase = false;
    const toLoad = planned.filter((p) => !(reuseDocs && isUnchanged(p)));
    const loaded = new Set(toLoad);
    let chunksMade = 0;
    const removedText: RemovedText[] = [];
    progress({ phase: 'load', filesDone: 0, filesTotal: toLoad.length, chunksDone: 0, chunksTotal: 0 });
    for (const [i, p] of toLoad.entries()) {
      try {
        const { doc, chunks, warnings, cleaning } = await prepareDocument(p.file, embeddings.countTokens, { limits: options.limits });
        p.doc = doc;
        p.chunks = chunks;
        embedding?.queue(chunks.map((c) => denseText(c, doc)));
        for (const w of warnings) log.warn(`ingest: ${p.file.relPath}: ${w}`);
        const removed = removedTextOf(p.file.relPath, cleaning);
        if (removed) {
          removedText.push(removed);
          log.info(`ingest: ${describeRemovedText(removed)}`);
        }
        chunksMade += chunks.length;
      } catch (err) {
        // Any failure of one file (IngestError, or a parser that throws on a malformed file) skips that file only.
        const reason = err instanceof IngestError ? err.reason : `could not be read (${(err as Error).message})`;
        // A file that was indexed before and cannot be read now (saved half-way, truncated copy) keeps its last
        // good version: the user loses nothing until the file is fixed or removed. Only when the settings changed
        // (every file re-chunked) is there no consistent old version to keep, and the file is dropped.
        const keep = reuseDocs && p.before !== undefined && p.before.docId === p.file.docId;
        p.keptPrevious = keep;
        const full = keep ? `${reason}; the previously indexed version is kept` : reason;
        skipped.push({ relPath: p.file.relPath, hash: p.file.hash, reason: full });
      }
      progress({
        phase: 'load',
        filesDone: i + 1,
        filesTotal: toLoad.length,
        chunksDone: chunksMade,
        chunksTotal: chunksMade,
      });
    }
    skipped.sort((a, b) => a.relPath.localeCompare(b.relPath));
    for (const s of skipped) log.warn(`ingest: skipped ${s.relPath}: ${s.reason}`);

    const seen = new Set(discovered.files.map((f) => f.relPath));
    const removed = Object.keys(prevFiles)
      .filter((rel) => !seen.has(rel))
      .sort();
    const ok = (p: Planned) => p.doc !== null;
    const added = planned.filter((p) => ok(p) && !p.before).map((p) => p.file.relPath);
    const changed = planned.filter((p) => ok(p) && p.before && !isUnchanged(p)).map((p) => p.file.relPath);
    const unchanged = planned.filter((p) => isUnchanged(p) && (ok(p) || !loaded.has(p))).map((p) => p.file.relPath);
    const base = {
      added,
      changed,
      removed,
      unchanged,
      skipped: skipped.map(({ relPath, reason }) => ({ relPath, reason })),
      removedText,
      embedder: target.embedder,
      fullRebuildReason,
    };

    const nothingChanged = !added.length && !changed.length && !removed.length && !searchTextChanged;
    if (reuseDocs && nothingChanged && sameSkipped(pm!.skipped, skipped)) {
      // an interrupted ingest's journal is of no further use once the index matches the corpus
      await removeJournals(indexDir);
      progress({
        phase: 'done',
        filesDone: 0,
        filesTotal: 0,
        chunksDone: pm!.counts.chunks,
        chunksTotal: pm!.counts.chunks,
      });
      return {
        ...base,
        documents: pm!.counts.documents,
        chunksTotal: pm!.counts.chunks,
        chunksEmbedded: 0,
        chunksReused: pm!.counts.chunks,
        wrote: false,
        durationMs: performance.now() - t0,
        generation: prev!.name,
      };
    }

    // Unchanged files, and unreadable files that keep their last version, come from the previous generation.
    if (reuseDocs) {
      const store = await readChunkStore(prev!.dir).catch((err: Error) => {
        throw new IndexCorruptError(indexDir, `${prev!.name}: ${err.message}`, { cause: err });
      });
      const docs = new Map(store.documents.map((d) => [d.docId, d]));
      const chunksOf = groupBy(store.chunks, (c) => c.docId);
      for (const p of planned) {
        if (p.doc || !(isUnchanged(p) || p.keptPrevious)) continue;
        p.doc = docs.get(p.before!.docId) ?? null;
        p.chunks = chunksOf.get(p.before!.docId) ?? [];
      }
    }
    const kept = planned.filter(ok);
    const documents = kept.map((p) => p.doc!);
    const chunks = kept.flatMap((p) => p.chunks);
    const docById = new Map(documents.map((d) => [d.docId, d]));

    // 3. embed: the rest of the texts that no previous vector was computed from
    let table: VectorTable | null = null;
    let chunksEmbedded = 0;
    let chunksReused = 0;
    let chunksResumed = 0;
    if (embedding) {
      embedPhase = true;
      ({
        table,
        embedded: chunksEmbedded,
        reused: chunksReused,
        resumed: chunksResumed,
      } = await embedding.finish(chunks.map((c) => denseText(c, docById.get(c.docId)))));
      await embedding.close();
    }

    // 4. write a new generation beside the live one, then swap
    const id = newGenerationId();
    const dir = await createTempGeneration(indexDir, id);
    const step = (name: string) =>
      progress({
        phase: 'write',
        filesDone: toLoad.length,
        filesTotal: toLoad.length,
        chunksDone: chunks.length,
        chunksTotal: chunks.length,
        step: name,
      });
    step('chunks.json');
    await writeChunkStore(dir, documents, chunks);
    step('bm25.json');
    await writeLexicalIndex(
      dir,
      chunks.map((c) => lexicalText(c, docById.get(c.docId))),
    );
    if (table) {
      step('vectors.f32');
      await writeVectorTable(dir, table);
      step('hnswlib.index');
      await writeHnswIndex(dir, table);
    }
    step('manifest.json');
    const generation = generationDirName(id);
    const files: IndexManifest['files'] = {};
    for (const p of kept) {
      files[p.file.relPath] = p.keptPrevious
        ? p.before!
        : { docId: p.doc!.docId, hash: p.file.hash, chunks: p.chunks.length };
    }
    await writeManifest(dir, {
      formatVersion: INDEX_FORMAT_VERSION,
      embedder: target.embedder,
      dimensions: target.dimensions,
      chunking: { ...CHUNKING },
      files,
      skipped,
      builtAt: new Date().toISOString(),
      counts: { documents: documents.length, chunks: chunks.length },
      generation,
      searchText,
      ...(table
        ? {
            vectors: {
              space: HNSW_PARAMS.space,
              m: HNSW_PARAMS.m,
              efConstruction: HNSW_PARAMS.efConstruction,
              efSearch: HNSW_PARAMS.efSearch,
            },
          }
        : {}),
    });
    await publishGeneration(indexDir, id);
    // the new generation holds every vector the journal had
    await removeJournals(indexDir);
    await pruneGenerations(indexDir, [generation, prev?.name ?? null]);
    progress({
      phase: 'done',
      filesDone: toLoad.length,
      filesTotal: toLoad.length,
      chunksDone: chunks.length,
      chunksTotal: chunks.length,
    });
    return {
      ...base,
      documents: documents.length,
      chunksTotal: chunks.length,
      chunksEmbedded,
      chunksReused,
      chunksResumed,
      wrote: true,
      durationMs: performance.now() - t0,
      generation,
    };
  } finally {
    // the loader process is not needed until the next ingest (a server would otherwise keep it idle for good)
    releaseLoaderProcess();
    await embedding?.close();
    await lock.release();
  }
}

/** Whether the index reflects the corpus and the configured embedder; cheap (hashes only, no parsing). */
export async function checkIndexFreshness(
  options: Pick<BuildOptions, 'corpusDir' | 'indexDir' | 'embeddings' | 'pgStore'>,
): Promise<{ fresh: boolean; reason: string }> {
  if (options.pgStore) return (await import('../store/pg/pg-ingest.js')).checkPgFreshness(options.pgStore, options);
  const { corpusDir, indexDir, embeddings } = options;
  const stale = (reason: string) => ({ fresh: false, reason });
  let current: GenerationRef | null;
  try {
    current = await readCurrent(indexDir);
  } catch (err) {
    return stale((err as Error).message);
  }
  if (!current) return stale(`no index in ${indexDir}`);
  const m = current.manifest;
  const handle = embeddings.handle;
  const change = settingsChange(m, { embedder: handle?.id ?? null, dimensions: handle?.dimensions ?? null });
  // A model that went missing is no reason to rebuild: the index still answers lexically and keeps its vectors.
  if (change && !(m.embedder && !handle)) {
    return stale(m.embedder && handle ? `${change}; run \`npm run ingest -- --rebuild\`` : change);
  }
  if (m.searchText !== searchTextFingerprint()) return stale('search texts or the BM25 analyzer changed');
  if (!(await isDirectory(corpusDir))) return stale(`the corpus folder ${corpusDir} does not exist`);
  const { files } = await discoverCorpus(corpusDir);
  const skippedHash = new Map(m.skipped.map((s) => [s.relPath, s.hash]));
  for (const f of files) {
    const entry = m.files[f.relPath];
    if (entry?.hash === f.hash || skippedHash.get(f.relPath) === f.hash) continue;
    return stale(entry ? `${f.relPath} changed` : `${f.relPath} is new`);
  }
  const present = new Set(files.map((f) => f.relPath));
  const gone = Object.keys(m.files).find((rel) => !present.has(rel));
  if (gone) return stale(`${gone} was removed`);
  return { fresh: true, reason: m.embedder && !handle ? 'up to date (no model: lexical search only)' : 'up to date' };
}

/** What makes every file's chunks or vectors invalid, or null. */
function settingsChange(
  m: IndexManifest,
  target: { embedder: string | null; dimensions: number | null },
): string | null {
  if (m.formatVersion !== INDEX_FORMAT_VERSION)
    return `index format changed (${m.formatVersion} → ${INDEX_FORMAT_VERSION})`;
  if (m.embedder !== target.embedder || m.dimensions !== target.dimensions) {
    if (m.embedder === null) return `the index was built without embeddings; ${target.embedder} is now available`;
    if (target.embedder === null) return `no embedding model available (the index was built with ${m.embedder})`;
    return `embeddings changed (${m.embedder}, ${m.dimensions} dimensions → ${target.embedder}, ${target.dimensions} dimensions)`;
  }
  if (!sameSettings(m.chunking, { ...CHUNKING })) return 'chunking settings changed';
  return null;
}

/** Texts embedded per journal append when the caller does not say (EMBEDDINGS_BATCH_SIZE's default). */
const JOURNAL_BATCH = 16;

interface Embedding {
  /** queues the texts of a file just chunked (those no previous vector or journal record covers) */
  queue(texts: string[]): void;
  /** embeds whatever of `texts` (every chunk's, in index order) is still missing, and returns the vector table */
  finish(texts: string[]): Promise<{ table: VectorTable; embedded: number; reused: number; resumed: number }>;
  /** closes the journal (idempotent) */
  close(): Promise<void>;
}

/**
 * The embedding side of a local ingest: vectors of the previous generation and of an interrupted ingest's journal
 * are reused by text; new texts go to an embed stream as soon as their file is chunked, and every finished batch is
 * journaled.
 */
async function startEmbedding(o: {
  indexDir: string;
  handle: NonNullable<EmbeddingsChoice['handle']>;
  previous: { dir: string; dimensions: number } | null;
  batchSize: number;
  log: Logger;
  onProgress: (done: number, total: number) => void;
}): Promise<Embedding> {
  const { handle } = o;
  const dims = handle.dimensions;
  const previous = o.previous
    ? await readVectorTable(o.previous.dir, o.previous.dimensions).catch((err: Error) => {
        o.log.warn(`ingest: the previous vectors cannot be read (${err.message}); every chunk is embedded again`);
        return null;
      })
    : null;
  const prevRow = new Map<string, number>();
  previous?.keys.forEach((k, i) => prevRow.set(k, i));
  const journal: EmbeddingJournal = await openEmbeddingJournal(o.indexDir, handle.id, dims);
  if (journal.recovered.size) {
    o.log.info(`ingest: ${journal.recovered.size} embeddings of an interrupted ingest are on disk and are reused`);
  }
  const queuedKeys = new Set<string>();
  const stream = createEmbedStream({
    handle,
    batchSize: o.batchSize,
    onBatch: (keys, rows) => journal.append(keys, rows),
    onProgress: (done, total) => o.onProgress(done, total),
  });
  // Identical texts (boilerplate repeated across files) are embedded once: the stream queues a key once.
  const queue = (texts: string[]) => {
    const keys: string[] = [];
    const fresh: string[] = [];
    for (const t of texts) {
      const k = textKey(t);
      if (prevRow.has(k) || journal.recovered.has(k) || queuedKeys.has(k)) continue;
      queuedKeys.add(k);
      keys.push(k);
      fresh.push(t);
    }
    if (keys.length) void stream.add(keys, fresh);
  };
  let closed = false;
  let finished = false;
  return {
    queue,
    async finish(texts) {
      // texts of files taken from the previous generation, when its vectors could not be read
      queue(texts);
      o.onProgress(stream.embedded, queuedKeys.size);
      const fresh = await stream.finish();
      finished = true;
      const keys = texts.map(textKey);
      const rows = new Float32Array(keys.length * dims);
      let reused = 0;
      const resumed = new Set<string>();
      keys.forEach((k, i) => {
        const p = prevRow.get(k);
        if (p !== undefined) {
          rows.set(previous!.rows.subarray(p * dims, (p + 1) * dims), i * dims);
          reused++;
          return;
        }
        const v = fresh.get(k);
        if (v) return rows.set(v, i * dims);
        rows.set(journal.recovered.get(k)!, i * dims);
        resumed.add(k);
        reused++;
      });
      return { table: { dimensions: dims, rows, keys }, embedded: stream.embedded, reused, resumed: resumed.size };
    },
    async close() {
      if (closed) return;
      closed = true;
      // an ingest that failed: nothing more is embedded, and batches still running end before the journal closes
      if (!finished) await stream.abort();
      await journal.close();
    },
  };
}

/** Identifies an embedded text; 128 bits of sha256 make a collision between two chunks practically impossible. */
const textKey = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 22);

async function readPrevious(indexDir: string, rebuild: boolean, log: Logger): Promise<GenerationRef | null> {
  try {
    return await readCurrent(indexDir);
  } catch (err) {
    // Nothing can be reused from an unreadable index; building a fresh one is the repair, so go on.
    if (!rebuild) log.warn(`ingest: ${(err as Error).message} Building a new index from scratch instead.`);
    return null;
  }
}

/** Throws when the corpus folder is missing or the index folder would be ingested as part of the corpus. */
export async function assertIngestFolders(corpusDir: string, indexDir: string): Promise<void> {
  if (!(await isDirectory(corpusDir))) throw new CorpusMissingError(corpusDir);
  const rel = path.relative(path.resolve(corpusDir), path.resolve(indexDir));
  // The corpus walk skips dot-folders, so `corpus/.index` is safe; `corpus/index` would be ingested as documents.
  const inside =
    rel === '' ||
    (!rel.startsWith('..') && !path.isAbsolute(rel) && !rel.split(path.sep).some((s) => s.startsWith('.')));
  if (inside)
    throw new IndexError(
      `The index folder ${indexDir} is inside the corpus folder ${corpusDir}; put it elsewhere (--index DIR).`,
    );
}

async function isDirectory(dir: string): Promise<boolean> {
  return stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

function sameSkipped(a: IndexManifest['skipped'], b: IndexManifest['skipped']): boolean {
  const canon = (list: IndexManifest['skipped']) =>
    JSON.stringify(list.map((s) => [s.relPath, s.reason, s.hash ?? null]).sort());
  return canon(a) === canon(b);
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
