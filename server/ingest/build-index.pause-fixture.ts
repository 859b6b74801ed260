// Test fixture, not product code: `npm run ingest` that freezes in the middle of writing the new generation, after
// some of its files are on disk and before the manifest and the swap. build-index.kill.test.ts runs it as a child
// process and sends SIGKILL once it prints PAUSED-MID-WRITE, so the kill lands mid-write every time.
// The hook goes through runIngest's argument, not an environment variable, so the product never checks for tests.
import { writeSync } from 'node:fs';
import { runIngest } from '../../scripts/ingest.js';

const PAUSE_BEFORE_STEP = 'hnswlib.index';
const PAUSED_MARKER = 'PAUSED-MID-WRITE';

process.exitCode = await runIngest(process.argv.slice(2), {
  onProgress(p) {
    if (p.phase !== 'write' || p.step !== PAUSE_BEFORE_STEP) return;
    writeSync(1, `${PAUSED_MARKER}\n`);
    // Blocks this (only) thread for good: no timer, no I/O, nothing more is written until the kill.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  },
});
