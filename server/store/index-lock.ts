// INDEX_DIR/LOCK: one ingest at a time per index. The file holds the owner's pid, so a lock left by a killed ingest
// is recognised (its pid is dead) and taken over instead of blocking every later ingest.
// A pid alone is not enough: after a crash loop or in a container, the dead ingest's pid is soon another process's
// (often another `npm start`), and the lock would block every ingest for good. On Linux the lock also records when
// the kernel started that pid; a live pid with another start time is a different process, and the lock is stale.
// Not proper-lockfile: it decides staleness by mtime, so the holder must refresh the lock on a timer (which a
// long synchronous embedding batch delays) and a killed ingest blocks the next one until the timeout passes.
import { link, readFile, rename, unlink } from 'node:fs/promises';
import { readFileSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IndexLockedError, type LockHolder } from './index-errors.js';
import { writeFileDurable } from './index-dir.js';

export const LOCK_FILE = 'LOCK';

export interface IndexLock {
  readonly path: string;
  /** the dead owner whose lock was taken over, if any */
  readonly tookOverFrom: LockHolder | null;
  release(): Promise<void>;
}

/** Locks held by this process, so a second build in the same process is refused even though the pid is alive. */
const held = new Set<string>();

export async function acquireIndexLock(indexDir: string): Promise<IndexLock> {
  const lockPath = path.join(indexDir, LOCK_FILE);
  const procStart = processStartTime(process.pid);
  const content = JSON.stringify({
    pid: process.pid,
    host: os.hostname(),
    startedAt: new Date().toISOString(),
    ...(procStart ? { procStart } : {}),
  });
  let tookOverFrom: LockHolder | null = null;
  // A few rounds cover the races: the holder releasing while we read, or two ingests taking over the same stale lock.
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await tryCreate(lockPath, content)) {
      held.add(lockPath);
      return makeLock(lockPath, content, tookOverFrom);
    }
    const holder = await readHolder(lockPath);
    if (!holder) continue; // released in between
    if (isAlive(holder, lockPath)) throw new IndexLockedError(lockPath, holder);
    // Take over by renaming: of several processes doing this at once, only one rename finds the stale file.
    const aside = `${lockPath}.stale-${process.pid}`;
    try {
      await rename(lockPath, aside);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    const moved = await readHolder(aside);
    if (moved && isAlive(moved, lockPath)) {
      // Another process took over first and we moved its fresh lock: put it back and report it.
      await link(aside, lockPath).catch(() => undefined);
      await unlink(aside).catch(() => undefined);
      throw new IndexLockedError(lockPath, moved);
    }
    await unlink(aside).catch(() => undefined);
    tookOverFrom = holder;
  }
  const holder = await readHolder(lockPath);
  throw new IndexLockedError(lockPath, holder ?? { pid: -1, host: '?', startedAt: '?' });
}

/** Creates LOCK with its full content in one step: link() fails when the name exists, so no reader sees it half-written. */
async function tryCreate(lockPath: string, content: string): Promise<boolean> {
  const tmp = `${lockPath}.${process.pid}.tmp`;
  await writeFileDurable(tmp, content);
  try {
    await link(tmp, lockPath);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

async function readHolder(file: string): Promise<LockHolder | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockHolder>;
    if (typeof parsed.pid === 'number') {
      return {
        pid: parsed.pid,
        host: String(parsed.host ?? '?'),
        startedAt: String(parsed.startedAt ?? '?'),
        ...(typeof parsed.procStart === 'string' ? { procStart: parsed.procStart } : {}),
      };
    }
  } catch {
    /* fall through: not written by us */
  }
  // Unreadable content cannot name a live owner; pid -1 makes it stale.
  return { pid: -1, host: os.hostname(), startedAt: '?' };
}

function isAlive(holder: LockHolder, lockPath: string): boolean {
  // A pid on another machine (shared folder) cannot be checked: assume it is alive.
  if (holder.host !== os.hostname()) return true;
  if (holder.pid <= 0) return false;
  // Our own pid: alive only if this process holds it; otherwise a previous process with the same pid died.
  if (holder.pid === process.pid) return held.has(lockPath);
  try {
    process.kill(holder.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // The pid is taken; by the same process only if it started when the lock says (where the kernel tells).
  const now = holder.procStart ? processStartTime(holder.pid) : null;
  return now === null || now === holder.procStart;
}

/** Field 22 of /proc/<pid>/stat: when the process started, in clock ticks since boot. Null off Linux. */
export function processStartTime(pid: number): string | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // the command name (field 2) is in parentheses and may itself contain spaces and ')'
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19] ?? null;
}

function makeLock(lockPath: string, content: string, tookOverFrom: LockHolder | null): IndexLock {
  // Ctrl-C in `npm run ingest` exits through process.exit: remove the lock then too. kill -9 cannot be caught;
  // the next ingest finds the dead pid and takes over.
  const onExit = () => {
    try {
      if (readFileSync(lockPath, 'utf8') === content) unlinkSync(lockPath);
    } catch {
      /* already gone */
    }
  };
  process.on('exit', onExit);
  let released = false;
  return {
    path: lockPath,
    tookOverFrom,
    async release() {
      if (released) return;
      released = true;
      process.off('exit', onExit);
      held.delete(lockPath);
      // Only remove our own lock: if it was deleted by hand and retaken, it belongs to someone else now.
      const now = await readFile(lockPath, 'utf8').catch(() => null);
      if (now === content) await unlink(lockPath).catch(() => undefined);
    },
  };
}
