// Build progress for people: a redrawn bar on a terminal (cli-progress), plain one-line messages otherwise
// (CI logs, `npm start` under a process manager), where a redrawn bar would print hundreds of lines.
import cliProgress from 'cli-progress';
import type { BuildProgress } from './build-index.js';

export interface ProgressReporter {
  update(p: BuildProgress): void;
  stop(): void;
}

export interface ProgressReporterOptions {
  /** true: draw a bar on `stream`; false: call `line` now and then */
  tty: boolean;
  stream?: NodeJS.WriteStream;
  line?: (text: string) => void;
  /** milliseconds clock (tests) */
  now?: () => number;
}

interface PhaseClock {
  phase: BuildProgress['phase'];
  startedAt: number;
}

/** "embed: 48/96 chunks (50%), 20.1 chunks/s, ETA 2s" — rate and ETA since the phase began. */
export function describeProgress(p: BuildProgress, elapsedMs: number): string {
  switch (p.phase) {
    case 'scan':
      return `scan: ${p.filesTotal} documents in the corpus`;
    case 'load':
      return `load: ${counted(p.filesDone, p.filesTotal, 'new or changed files', elapsedMs, 'files')}, ${p.chunksDone} chunks`;
    case 'embed':
      return `embed: ${counted(p.chunksDone, p.chunksTotal, 'chunks', elapsedMs)}`;
    case 'write':
      return `write: ${p.step ?? 'index'} (${p.chunksTotal} chunks)`;
    case 'done':
      return `done: ${p.chunksTotal} chunks`;
  }
}

function counted(done: number, total: number, unit: string, elapsedMs: number, rateUnit = unit): string {
  const pct = total > 0 ? Math.floor((100 * done) / total) : 100;
  let text = `${done}/${total} ${unit} (${pct}%)`;
  // Under half a second the rate is noise (the first file, the first batch).
  if (done > 0 && elapsedMs >= 500) {
    const rate = done / (elapsedMs / 1000);
    text += `, ${rate.toFixed(1)} ${rateUnit}/s, ETA ${formatSeconds((total - done) / rate)}`;
  }
  return text;
}

export function formatSeconds(s: number): string {
  const sec = Math.max(0, Math.round(s));
  if (sec < 60) return `${sec}s`;
  const m = Math.floor(sec / 60);
  if (m < 60) return `${m}m${String(sec % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

export function createProgressReporter(options: ProgressReporterOptions): ProgressReporter {
  const now = options.now ?? (() => performance.now());
  let clock: PhaseClock | null = null;
  const elapsed = (p: BuildProgress) => {
    if (!clock || clock.phase !== p.phase) clock = { phase: p.phase, startedAt: now() };
    return now() - clock.startedAt;
  };
  return options.tty
    ? barReporter(options.stream ?? process.stderr, elapsed)
    : lineReporter(options.line ?? console.log, elapsed);
}

function lineReporter(line: (text: string) => void, elapsed: (p: BuildProgress) => number): ProgressReporter {
  // One line when a phase starts, at each tenth of it and when it ends: a log reader sees it move without a flood.
  let last: { phase: string; tenth: number; step?: string } | null = null;
  return {
    update(p) {
      const ms = elapsed(p);
      const [done, total] = p.phase === 'load' ? [p.filesDone, p.filesTotal] : [p.chunksDone, p.chunksTotal];
      const tenth = total > 0 ? Math.floor((10 * done) / total) : 10;
      if (last && last.phase === p.phase && last.tenth === tenth && last.step === p.step) return;
      if (p.phase === 'done') return; // the caller prints the summary
      last = { phase: p.phase, tenth, step: p.step };
      line(describeProgress(p, ms));
    },
    stop() {},
  };
}

function barReporter(stream: NodeJS.WriteStream, elapsed: (p: BuildProgress) => number): ProgressReporter {
  const bar = new cliProgress.SingleBar(
    { stream, format: '{bar} {percentage}% | {detail}', hideCursor: true, clearOnComplete: true, barsize: 24 },
    cliProgress.Presets.shades_classic,
  );
  let phase: string | null = null;
  return {
    update(p) {
      const detail = describeProgress(p, elapsed(p));
      const [done, total] = p.phase === 'load' ? [p.filesDone, p.filesTotal] : [p.chunksDone, p.chunksTotal];
      if (p.phase === 'done') return this.stop();
      if (phase !== p.phase) {
        if (phase) bar.stop();
        phase = p.phase;
        bar.start(Math.max(total, 1), done, { detail });
      } else {
        bar.setTotal(Math.max(total, 1));
        bar.update(done, { detail });
      }
    },
    stop() {
      if (phase) bar.stop();
      phase = null;
    },
  };
}
