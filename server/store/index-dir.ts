// Layout of INDEX_DIR and the atomic swap between index generations.
//
//   INDEX_DIR/CURRENT        name of the live generation, one line; replaced by write-temp + fsync + rename
//   INDEX_DIR/LOCK           held by a running ingest (index-lock.ts)
//   INDEX_DIR/gen-<time>-<pid>/   a complete generation: manifest.json, chunks.json, documents.json, bm25.json + bm25.bin,
//                                  and with embeddings vectors.f32, vector-keys.json, hnswlib.index
//   INDEX_DIR/tmp-<time>-<pid>/   a generation being written; debris if its writer died
//   INDEX_DIR/embeddings-<id>.journal   vectors an unfinished build computed (embedding-journal.ts), reused by the next
//
// A generation is never modified once written. Readers follow CURRENT, so a crash at any point leaves CURRENT naming
// a complete generation (or no CURRENT at all before the first build).
import { readFileSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export const CURRENT_FILE = 'CURRENT';
const GEN_PREFIX = 'gen-';
const TMP_PREFIX = 'tmp-';
const CURRENT_TMP_PREFIX = `${CURRENT_FILE}.tmp-`;

/** Sorts by creation time; the pid keeps two builds in the same millisecond apart. */
export function newGenerationId(now = new Date()): string {
  return `${now.toISOString().replace(/[-:.]/g, '')}-${process.pid}`;
}

export const generationDirName = (id: string) => `${GEN_PREFIX}${id}`;
export const tempDirName = (id: string) => `${TMP_PREFIX}${id}`;

/** The live generation's directory name, or null when no index has been published yet. */
export async function readCurrentGeneration(indexDir: string): Promise<string | null> {
  let text: string;
  try {
    // sync: polled while the server answers; an async read would wait behind inference in the threadpool
    text = readFileSync(path.join(indexDir, CURRENT_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const name = text.trim();
  // CURRENT is only ever replaced whole, so anything else means someone edited it by hand.
  if (!name.startsWith(GEN_PREFIX) || name.includes('/') || name.includes('\\')) {
    throw new Error(`${path.join(indexDir, CURRENT_FILE)} does not name a generation ("${name.slice(0, 80)}")`);
  }
  return name;
}

/**
 * Writes a file and flushes it to the disk before returning, so a later rename cannot publish a hole. `data` is one
 * string or buffer, or pieces written in order (for files longer than the longest string V8 can hold).
 */
export async function writeFileDurable(file: string, data: string | Uint8Array | Iterable<string | Uint8Array>): Promise<void> {
  const handle = await open(file, 'w');
  try {
    if (typeof data === 'string' || data instanceof Uint8Array) {
      await handle.writeFile(data);
    } else {
      // Strings are gathered into writes of about 4 MB: one write per small piece would cost a syscall each.
      let pending: string[] = [];
      let size = 0;
      const flush = async () => {
        if (pending.length) await handle.write(pending.join(''));
        pending = [];
        size = 0;
      };
      for (const piece of data) {
        if (typeof piece === 'string') {
          pending.push(piece);
          size += piece.length;
          if (size >= 4 << 20) await flush();
        } else {
          await flush();
          await handle.write(piece);
        }
      }
      await flush();
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flushes a file written by someone else (hnswlib writes its own file). */
export async function fsyncFile(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes renames and new entries in `dir` durable (POSIX needs the directory itself flushed). */
export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch (err) {
    // Some file systems cannot flush a directory; the rename is still atomic there, only less durable.
    if (!['EINVAL', 'EISDIR', 'EPERM', 'ENOTSUP'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
  } finally {
    await handle.close();
  }
}

/** A fresh, empty directory to write a generation into. */
export async function createTempGeneration(indexDir: string, id: string): Promise<string> {
  const dir = path.join(indexDir, tempDirName(id));
  await mkdir(dir, { recursive: false });
  return dir;
}

/**
 * Publishes a fully written temp generation: rename it to gen-<id>, then point CURRENT at it. Both renames are atomic;
 * a crash between them leaves an unreferenced gen-* that the next build removes.
 */
export async function publishGeneration(indexDir: string, id: string): Promise<string> {
  const name = generationDirName(id);
  await fsyncDir(path.join(indexDir, tempDirName(id)));
  await rename(path.join(indexDir, tempDirName(id)), path.join(indexDir, name));
  await fsyncDir(indexDir);
  const tmp = path.join(indexDir, `${CURRENT_TMP_PREFIX}${process.pid}`);
  await writeFileDurable(tmp, `${name}\n`);
  await rename(tmp, path.join(indexDir, CURRENT_FILE));
  await fsyncDir(indexDir);
  return name;
}

/** Removes what interrupted builds left behind. Call only while holding the lock. */
export async function removeDebris(indexDir: string): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await safeReaddir(indexDir)) {
    if (name.startsWith(TMP_PREFIX) || name.startsWith(CURRENT_TMP_PREFIX)) {
      await rm(path.join(indexDir, name), { recursive: true, force: true });
      removed.push(name);
    }
  }
  return removed;
}

/**
 * Removes generations other than `keep`. The generation just replaced is kept until the next build: a server that
 * read CURRENT a moment before the swap may still be loading it. Only gen-* entries are touched, so a mistyped
 * INDEX_DIR never loses unrelated files.
 */
export async function pruneGenerations(indexDir: string, keep: (string | null)[]): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await safeReaddir(indexDir)) {
    if (name.startsWith(GEN_PREFIX) && !keep.includes(name)) {
      await rm(path.join(indexDir, name), { recursive: true, force: true });
      removed.push(name);
    }
  }
  return removed;
}

async function safeReaddir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}
