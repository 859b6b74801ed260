import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { BuildProgress } from './build-index.js';
import { createProgressReporter, describeProgress, formatSeconds } from './progress-bar.js';

const p = (
  phase: BuildProgress['phase'],
  filesDone: number,
  filesTotal: number,
  chunksDone: number,
  chunksTotal: number,
  step?: string,
): BuildProgress => ({
  phase,
  filesDone,
  filesTotal,
  chunksDone,
  chunksTotal,
  ...(step ? { step } : {}),
});

describe('describeProgress', () => {
  it('says what is done, the rate and the time left in each phase', () => {
    expect(describeProgress(p('scan', 0, 12, 0, 0), 0)).toBe('scan: 12 documents in the corpus');
    expect(describeProgress(p('load', 3, 12, 40, 40), 1500)).toBe(
      'load: 3/12 new or changed files (25%), 2.0 files/s, ETA 5s, 40 chunks',
    );
    expect(describeProgress(p('embed', 48, 96, 48, 96), 4000)).toBe('embed: 48/96 chunks (50%), 12.0 chunks/s, ETA 4s');
    expect(describeProgress(p('embed', 0, 96, 0, 960), 0)).toBe('embed: 0/960 chunks (0%)');
    expect(describeProgress(p('write', 12, 12, 96, 96, 'hnswlib.index'), 10)).toBe('write: hnswlib.index (96 chunks)');
  });

  it('leaves the rate out while it is noise (the first half second)', () => {
    expect(describeProgress(p('embed', 16, 96, 16, 96), 120)).toBe('embed: 16/96 chunks (16%)');
  });

  it('formats durations for people', () => {
    expect([0.4, 59, 61, 3599, 3600, 7325].map(formatSeconds)).toEqual([
      '0s',
      '59s',
      '1m01s',
      '59m59s',
      '1h00m',
      '2h02m',
    ]);
  });
});

describe('createProgressReporter without a terminal', () => {
  it('prints a line when a phase starts, at each tenth, and at each write step, not for every batch', () => {
    const lines: string[] = [];
    let t = 0;
    const reporter = createProgressReporter({ tty: false, line: (l) => lines.push(l), now: () => t });
    reporter.update(p('scan', 0, 2, 0, 0));
    for (let done = 0; done <= 40; done += 4) {
      t += 1000;
      reporter.update(p('embed', 2, 2, done, 40));
      reporter.update(p('embed', 2, 2, done, 40));
    }
    reporter.update(p('write', 2, 2, 40, 40, 'chunks.json'));
    reporter.update(p('write', 2, 2, 40, 40, 'manifest.json'));
    reporter.update(p('done', 2, 2, 40, 40));
    expect(lines).toEqual([
      'scan: 2 documents in the corpus',
      'embed: 0/40 chunks (0%)',
      'embed: 4/40 chunks (10%), 4.0 chunks/s, ETA 9s',
      'embed: 8/40 chunks (20%), 4.0 chunks/s, ETA 8s',
      'embed: 12/40 chunks (30%), 4.0 chunks/s, ETA 7s',
      'embed: 16/40 chunks (40%), 4.0 chunks/s, ETA 6s',
      'embed: 20/40 chunks (50%), 4.0 chunks/s, ETA 5s',
      'embed: 24/40 chunks (60%), 4.0 chunks/s, ETA 4s',
      'embed: 28/40 chunks (70%), 4.0 chunks/s, ETA 3s',
      'embed: 32/40 chunks (80%), 4.0 chunks/s, ETA 2s',
      'embed: 36/40 chunks (90%), 4.0 chunks/s, ETA 1s',
      'embed: 40/40 chunks (100%), 4.0 chunks/s, ETA 0s',
      'write: chunks.json (40 chunks)',
      'write: manifest.json (40 chunks)',
    ]);
  });
});

describe('createProgressReporter on a terminal', () => {
  it('draws a bar with the phase details and clears it when done', () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (d: Buffer) => (text += d.toString()));
    const stream = Object.assign(out, {
      isTTY: true,
      columns: 120,
      cursorTo: () => true,
      clearLine: () => true,
      moveCursor: () => true,
    });
    let t = 0;
    const reporter = createProgressReporter({
      tty: true,
      stream: stream as unknown as NodeJS.WriteStream,
      now: () => t,
    });
    reporter.update(p('embed', 1, 1, 0, 10));
    t = 2000;
    reporter.update(p('embed', 1, 1, 5, 10));
    reporter.stop();
    expect(text).toContain('embed: 0/10 chunks (0%)');
    expect(text).toContain('50% | embed: 5/10 chunks (50%), 2.5 chunks/s, ETA 2s');
  });
});
