// `npm run ingest` (and `npm start`'s catch-up) into PostgreSQL, with the local ingest's semantics:
// - one ingest at a time: a session-level advisory lock, refused at once when held, released by PostgreSQL when
//   the ingest's connection ends (so a killed ingest never leaves a stale lock);
// - a file whose content hash is unchanged is not read nor embedded again; a changed file's chunks, vectors and
//   postings are replaced, and a removed file's deleted, each in one transaction that also bumps state.generation;
//   a vector is reused for any chunk whose embedded text was embedded before (same model);
// - so a kill at any moment leaves every file either wholly old or wholly new, the database answers from its last
//   committed state, and the next ingest does only what is left. A change of embedding model is the exception: the
//   old and new vectors cannot be searched together, so that rebuild is one transaction.
import { createHash } from 'node:crypto';
import type { Chunk, SkippedFile, SourceDoc } from '../../domain.js';
import { CHUNKING } from '../../ingest/chunk.js';
import { discoverCorpus } from '../../ingest/discover.js';
import { IngestError, prepareDocument } from '../../ingest/prepare-document.js';
import { describeRemovedText, removedTextOf, type RemovedText } from '../../ingest/removed-text.js';
import { searchTextFingerprint } from '../../ingest/search-text-fingerprint.js';
import type { BuildOptions, BuildReport } from '../../ingest/build-index.js';
import { denseText, lexicalText } from '../index-text.js';
import { IndexMismatchError } from '../index-errors.js';
import { sameSettings } from '../manifest.js';
import { ensureVectorIndex, HNSW_INDEX } from './ensure-vector-index.js';
import { compactLexical } from './lexical-blocks.js';
import { LOCK_KEYS } from './migrate.js';
import { SCHEMA } from './migrations.js';
import { PgIngestLockedError } from './pg-errors.js';
import type { PgStore } from './pg-store.js';
import { readStoreState, type StoreState } from './store-state.js';
import { createEmbedStream } from '../../ingest/embed-stream.js';
import { recordIngest, recordSettings, removeDocument, writeDocument } from './pg-writer.js';

export type PgIngestOptions = Omit<BuildOptions, 'indexDir'>;

type Target = { embedder: string | null; dimensions: number | null };

/** Texts per model call when the caller does not say (EMBEDDINGS_BATCH_SIZE's default). */
const EMBED_BATCH = 16;
/** Vectors awaited by files read but not yet written, at most, before the next file is read (memory bound). */
const READ_AHEAD_VECTORS = 2048;

/** Hash of an embedded text: the key a vector is reused by. */
const textKey = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 22);

export async function ingestIntoPg(store: PgStore, options: PgIngestOptions): Promise<BuildReport> {
  const t0 = performance.now();
  const { corpusDir, embeddings, log, rebuild = false } = options;
  const progress = options.onProgress ?? (() => undefined);
  const client = await store.pool.connect();
  let locked = false;
  try {
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [LOCK_KEYS.ingest]);
    locked = rows[0].ok;
    if (!locked) throw new PgIngestLockedError(store.database);

    // What an interrupted ingest wrote is packed for searches first (lexical-blocks.ts).
    await compactLexical(client);
    const state = await readStoreState(client);
    const handle = embeddings.handle;
    const target: Target = { embedder: handle?.id ?? null, dimensions: handle?.dimensions ?? null };
    // Settings are recorded when a first ingest starts (below), so one that was killed is resumed, not redone.
    const built = state.builtAt !== null || state.chunking !== null;
    if (built && !rebuild && state.embedder !== null && handle && (state.embedder !== target.embedder || state.dimensions !== target.dimensions)) {
      throw new IndexMismatchError(store.database, { embedder: state.embedder, dimensions: state.dimensions }, target);
    }
    const fullRebuildReason = rebuild ? 'rebuild requested (--rebuild)' : built ? settingsChange(state, target) : null;
    if (fullRebuildReason) log.info(`ingest: reading every file again: ${fullRebuildReason}`);
    const searchText = searchTextFingerprint();
    const searchTextChanged = built && !fullRebuildReason && state.searchText !== searchText;
    if (searchTextChanged) log.info('ingest: search texts or the BM25 analyzer changed; both indexes are derived again');
    const reread = Boolean(fullRebuildReason) || searchTextChanged;
    const modelChanged = built && (state.embedder !== target.embedder || state.dimensions !== target.dimensions);
    const reuseVectors = !rebuild && target.embedder !== null && (!built || state.embedder === target.embedder);

    // A model change rewrites every vector: one transaction, so no reader ever sees two models' vectors mixed.
    const inTransaction = async <T>(fn: () => Promise<T>): Promise<T> => {
      if (modelChanged) return fn();
      await client.query('BEGIN');
      try {
        const out = await fn();
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    };
    if (modelChanged) {
      await client.query('BEGIN');
      // The HNSW index is on embedding::vector(<old dims>); new vectors of another length could not be inserted.
      await client.query(`DROP INDEX IF EXISTS ${SCHEMA}.${HNSW_INDEX}`);
      await client.query(`UPDATE ${SCHEMA}.state SET hnsw = NULL`);
    }

    if (!built || modelChanged) {
      await inTransaction(() => recordSettings(client, { ...target, chunking: { ...CHUNKING }, searchText }));
    }

    const prev = new Map(
      (await client.query<{ rel_path: string; doc_id: string; hash: string }>(`SELECT rel_path, doc_id, hash FROM ${SCHEMA}.documents`)).rows.map(
        (r) => [r.rel_path, r],
      ),
    );
    const discovered = await discoverCorpus(corpusDir);
    progress({ phase: 'scan', filesDone: 0, filesTotal: discovered.files.length, chunksDone: 0, chunksTotal: 0 });
    const skipped: (SkippedFile & { hash?: string })[] = [...discovered.skipped];
    const removedText: RemovedText[] = [];
    const added: string[] = [];
    const changed: string[] = [];
    const unchanged: string[] = [];
    const removed: string[] = [];
    let chunksEmbedded = 0;
    let chunksReused = 0;
    const toLoad = discovered.files.filter((f) => {
      const before = prev.get(f.relPath);
      const same = before !== undefined && before.hash === f.hash && before.doc_id === f.docId;
      if (same && !reread) unchanged.push(f.relPath);
      return !(same && !reread);
    });
    // Files are read one after another while their new texts are embedded (embed-stream.ts: batches across files,
    // one per inference process) and each file, once its vectors are all there, is written in its own transaction,
    // in corpus order. The connection `client` is used by the writes alone, chained, so no two overlap; reading
    // ahead is bounded by the vectors still awaited.
    let chunksDone = 0;
    let filesWritten = 0;
    let queuedTexts = 0;
    let readingDone = false;
    let writeError: Error | null = null;
    let writes: Promise<void> = Promise.resolve();
    const stream = handle ? createEmbedStream({ handle, batchSize: options.embedBatchSize ?? EMBED_BATCH, onProgress: (done, queued) => embedProgress(done, queued) }) : null;
    const embedProgress = (done: number, queued: number) =>
      readingDone && progress({ phase: 'embed', filesDone: filesWritten, filesTotal: toLoad.length, chunksDone: done, chunksTotal: queued });
    const chain = (write: () => Promise<void>) => {
      writes = writes.then(async () => {
        if (writeError) return;
        try {
          await write();
        } catch (err) {
          writeError = err as Error;
        }
      });
    };
    try {
      for (const [i, file] of toLoad.entries()) {
        if (writeError) break;
        await stream?.room(READ_AHEAD_VECTORS);
        const before = prev.get(file.relPath);
        let doc: SourceDoc;
        let chunks: Chunk[];
        try {
          const prepared = await prepareDocument(file, embeddings.countTokens, { limits: options.limits });
          ({ doc, chunks } = prepared);
          for (const w of prepared.warnings) log.warn(`ingest: ${file.relPath}: ${w}`);
          const removed = removedTextOf(file.relPath, prepared.cleaning);
          if (removed) {
            removedText.push(removed);
            log.info(`ingest: ${describeRemovedText(removed)}`);
          }
        } catch (err) {
          const reason = err instanceof IngestError ? err.reason : `could not be read (${(err as Error).message})`;
          // As the local ingest: an unreadable file that was indexed keeps its last good version, unless every file is
          // being re-read (then there is no consistent old version to keep).
          const keep = !reread && before !== undefined && before.doc_id === file.docId;
          skipped.push({ relPath: file.relPath, hash: file.hash, reason: keep ? `${reason}; the previously indexed version is kept` : reason });
          if (!keep && before) {
            chain(async () => {
              await inTransaction(() => removeDocument(client, { relPath: file.relPath }));
            });
          }
          continue;
        }
        const texts = chunks.map((c) => denseText(c, doc));
        const keys = texts.map(textKey);
        let vectorsOf: Promise<(ArrayLike<number> | null)[]> = Promise.resolve(chunks.map(() => null));
        if (handle && stream) {
          const known = new Map<string, ArrayLike<number>>();
          if (reuseVectors && keys.length) {
            // on another pooled connection: `client` may be in the middle of a write
            const { rows } = await store.pool.query<{ text_key: string; v: string }>(
              `SELECT DISTINCT ON (text_key) text_key, embedding::text AS v FROM ${SCHEMA}.chunks
                WHERE text_key = ANY($1::text[]) AND embedding IS NOT NULL`,
              [keys],
            );
            for (const r of rows) known.set(r.text_key, JSON.parse(r.v) as number[]);
          }
          const missing = new Map<string, string>();
          keys.forEach((k, j) => {
            if (!known.has(k) && !missing.has(k)) missing.set(k, texts[j]);
          });
          chunksReused += keys.filter((k) => known.has(k)).length;
          queuedTexts += missing.size;
          const fresh = stream.add([...missing.keys()], [...missing.values()]);
          vectorsOf = fresh.then((vs) => {
            [...missing.keys()].forEach((k, j) => known.set(k, vs[j]));
            return keys.map((k) => known.get(k)!);
          });
          vectorsOf.catch(() => undefined);
        }
        chain(async () => {
          const vectors = await vectorsOf;
          await inTransaction(() =>
            writeDocument(client, {
              doc,
              chunks,
              lexicalTexts: chunks.map((c) => lexicalText(c, doc)),
              textKeys: handle ? keys : chunks.map(() => null),
              vectors,
            }),
          );
          (before ? changed : added).push(file.relPath);
          chunksDone += chunks.length;
          filesWritten++;
        });
        progress({ phase: 'load', filesDone: i + 1, filesTotal: toLoad.length, chunksDone: queuedTexts, chunksTotal: queuedTexts });
      }
      readingDone = true;
      if (stream && !writeError) {
        embedProgress(stream.embedded, stream.queued);
        await stream.finish().catch((err: Error) => (writeError ??= err));
      }
      await writes;
    } finally {
      // a failed ingest: nothing more is embedded, and the writes queued so far end before the connection is let go
      if (writeError || !readingDone) await stream?.abort();
      await writes;
    }
    if (writeError) throw writeError;
    chunksEmbedded = stream?.embedded ?? 0;
    const present = new Set(discovered.files.map((f) => f.relPath));
    for (const relPath of [...prev.keys()].sort()) {
      if (present.has(relPath)) continue;
      await inTransaction(() => removeDocument(client, { relPath }));
      removed.push(relPath);
    }
    skipped.sort((a, b) => a.relPath.localeCompare(b.relPath));
    for (const s of skipped) log.warn(`ingest: skipped ${s.relPath}: ${s.reason}`);

    const nothingChanged = built && !added.length && !changed.length && !removed.length && !reread && sameSkipped(state.skipped, skipped);
    progress({ phase: 'write', filesDone: toLoad.length, filesTotal: toLoad.length, chunksDone, chunksTotal: chunksDone, step: 'HNSW index' });
    if (target.dimensions !== null) {
      await ensureVectorIndex(client, target.dimensions, { m: store.settings.hnsw.m, efConstruction: store.settings.hnsw.efConstruction });
    }
    if (!nothingChanged) {
      await inTransaction(() =>
        recordIngest(client, { ...target, chunking: { ...CHUNKING }, searchText, skipped }),
      );
    }
    progress({ phase: 'write', filesDone: toLoad.length, filesTotal: toLoad.length, chunksDone, chunksTotal: chunksDone, step: 'keyword blocks' });
    await compactLexical(client, { inTransaction: modelChanged });
    if (modelChanged) await client.query('COMMIT');
    const counts = (
      await client.query<{ documents: number; chunks: number }>(
        `SELECT (SELECT count(*) FROM ${SCHEMA}.documents) AS documents, (SELECT count(*) FROM ${SCHEMA}.chunks) AS chunks`,
      )
    ).rows[0];
    const generation = await readStoreState(client).then((s) => s.generation);
    progress({ phase: 'done', filesDone: toLoad.length, filesTotal: toLoad.length, chunksDone: counts.chunks, chunksTotal: counts.chunks });
    return {
      added,
      changed,
      removed,
      unchanged,
      skipped: skipped.map(({ relPath, reason }) => ({ relPath, reason })),
      removedText,
      documents: counts.documents,
      chunksTotal: counts.chunks,
      chunksEmbedded,
      chunksReused,
      embedder: target.embedder,
      wrote: !nothingChanged,
      durationMs: performance.now() - t0,
      fullRebuildReason,
      generation: String(generation),
    };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    if (locked) await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEYS.ingest]).catch(() => undefined);
    client.release();
  }
}

/** Whether the database reflects the corpus and the configured embedder; cheap (hashes only, no parsing). */
export async function checkPgFreshness(
  store: PgStore,
  options: Pick<BuildOptions, 'corpusDir' | 'embeddings'>,
): Promise<{ fresh: boolean; reason: string }> {
  const stale = (reason: string) => ({ fresh: false, reason });
  const state = await readStoreState(store.pool);
  if (state.builtAt === null) return stale(`no index in ${store.database}`);
  const handle = options.embeddings.handle;
  const change = settingsChange(state, { embedder: handle?.id ?? null, dimensions: handle?.dimensions ?? null });
  // A model that went missing is no reason to rebuild: the database still answers lexically and keeps its vectors.
  if (change && !(state.embedder && !handle)) return stale(state.embedder && handle ? `${change}; run \`npm run ingest -- --rebuild\`` : change);
  if (state.searchText !== searchTextFingerprint()) return stale('search texts or the BM25 analyzer changed');
  const { files } = await discoverCorpus(options.corpusDir);
  const stored = new Map(
    (await store.pool.query<{ rel_path: string; hash: string }>(`SELECT rel_path, hash FROM ${SCHEMA}.documents`)).rows.map((r) => [r.rel_path, r.hash]),
  );
  const skippedHash = new Map(state.skipped.map((s) => [s.relPath, s.hash]));
  for (const f of files) {
    if (stored.get(f.relPath) === f.hash || skippedHash.get(f.relPath) === f.hash) continue;
    return stale(stored.has(f.relPath) ? `${f.relPath} changed` : `${f.relPath} is new`);
  }
  const present = new Set(files.map((f) => f.relPath));
  const gone = [...stored.keys()].find((rel) => !present.has(rel));
  if (gone) return stale(`${gone} was removed`);
  return { fresh: true, reason: state.embedder && !handle ? 'up to date (no model: lexical search only)' : 'up to date' };
}

function settingsChange(s: StoreState, target: Target): string | null {
  if (s.embedder !== target.embedder || s.dimensions !== target.dimensions) {
    if (s.embedder === null) return `the index was built without embeddings; ${target.embedder} is now available`;
    if (target.embedder === null) return `no embedding model available (the index was built with ${s.embedder})`;
    return `embeddings changed (${s.embedder}, ${s.dimensions} dimensions → ${target.embedder}, ${target.dimensions} dimensions)`;
  }
  if (!s.chunking || !sameSettings(s.chunking, { ...CHUNKING })) return 'chunking settings changed';
  return null;
}

function sameSkipped(a: StoreState['skipped'], b: StoreState['skipped']): boolean {
  const canon = (list: StoreState['skipped']) => JSON.stringify(list.map((s) => [s.relPath, s.reason, s.hash ?? null]).sort());
  return canon(a) === canon(b);
}
