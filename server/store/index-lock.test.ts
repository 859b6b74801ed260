import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IndexLockedError } from './index-errors.js';
import { acquireIndexLock, processStartTime } from './index-lock.js';

let dir: string;
let lockPath: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'index-lock-'));
  lockPath = path.join(dir, 'LOCK');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const writeLock = (pid: number, host = os.hostname()) =>
  writeFile(lockPath, JSON.stringify({ pid, host, startedAt: '2025-01-01T00:00:00.000Z' }));

/** A pid that certainly belonged to a process and is now dead. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  return child.pid!;
}

describe('index lock', () => {
  it('writes the owner pid and removes the file on release', async () => {
    const lock = await acquireIndexLock(dir);
    expect(JSON.parse(await readFile(lockPath, 'utf8')).pid).toBe(process.pid);
    expect(lock.tookOverFrom).toBeNull();
    await lock.release();
    expect(existsSync(lockPath)).toBe(false);
  });

  it('refuses a second ingest in the same process', async () => {
    const lock = await acquireIndexLock(dir);
    await expect(acquireIndexLock(dir)).rejects.toThrow(`Another ingest (pid ${process.pid} on ${os.hostname()}`);
    await lock.release();
    await (await acquireIndexLock(dir)).release();
  });

  it('refuses a lock held by a live process, naming it and the file to delete', async () => {
    await writeLock(process.ppid);
    const err = await acquireIndexLock(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IndexLockedError);
    expect((err as Error).message).toBe(
      `Another ingest (pid ${process.ppid} on ${os.hostname()}, started 2025-01-01T00:00:00.000Z) is building this index. ` +
        `Wait for it to finish and run the command again. If no ingest is running, delete ${lockPath}.`,
    );
    expect(JSON.parse(await readFile(lockPath, 'utf8')).pid).toBe(process.ppid);
  });

  it('takes over a lock whose process is dead', async () => {
    const pid = deadPid();
    await writeLock(pid);
    const lock = await acquireIndexLock(dir);
    expect(lock.tookOverFrom?.pid).toBe(pid);
    expect(JSON.parse(await readFile(lockPath, 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('takes over a lock file that is not ours (garbage) but not one from another host', async () => {
    await writeFile(lockPath, 'not json');
    await (await acquireIndexLock(dir)).release();
    await writeLock(deadPid(), 'another-host');
    await expect(acquireIndexLock(dir)).rejects.toThrow(IndexLockedError);
  });

  it('does not remove a lock that someone else took after ours was deleted by hand', async () => {
    const lock = await acquireIndexLock(dir);
    await rm(lockPath);
    await writeLock(process.ppid);
    await lock.release();
    expect(JSON.parse(await readFile(lockPath, 'utf8')).pid).toBe(process.ppid);
  });
  it.skipIf(process.platform !== 'linux')('takes over a lock whose pid now belongs to another process (pid reuse after a crash)', async () => {
    // the parent is alive, but it is not the process that wrote this lock: that one started at another time
    const parentStart = processStartTime(process.ppid)!;
    await writeFile(lockPath, JSON.stringify({ pid: process.ppid, host: os.hostname(), startedAt: '?', procStart: `${Number(parentStart) + 1}` }));
    const lock = await acquireIndexLock(dir);
    expect(lock.tookOverFrom?.pid).toBe(process.ppid);
    expect(JSON.parse(await readFile(lockPath, 'utf8'))).toMatchObject({ pid: process.pid, procStart: processStartTime(process.pid) });
    await lock.release();
    // the same pid with its real start time is the live owner
    await writeFile(lockPath, JSON.stringify({ pid: process.ppid, host: os.hostname(), startedAt: '?', procStart: parentStart }));
    await expect(acquireIndexLock(dir)).rejects.toThrow(IndexLockedError);
  });
});
