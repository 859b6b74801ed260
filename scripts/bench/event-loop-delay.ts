// Preloaded into the server the HTTP load bench starts (node --import tsx --import this-file, with an IPC channel):
// measures the server's event-loop delay with perf_hooks.monitorEventLoopDelay, so the bench can tell a stalled
// event loop (work run synchronously on the main thread) from plain CPU contention. On the IPC message
// 'event-loop-delay' it answers { p50Ms, p99Ms, maxMs } since the previous one and starts a new histogram.
// IPC rather than a signal: close-with-grace treats SIGUSR2 as a shutdown. Nothing in server/ knows of this file.
import { monitorEventLoopDelay } from 'node:perf_hooks';

const histogram = monitorEventLoopDelay({ resolution: 10 });
histogram.enable();

const ms = (ns: number) => Math.round(ns / 1e4) / 100;

process.on('message', (message) => {
  if (message !== 'event-loop-delay') return;
  process.send?.({ p50Ms: ms(histogram.percentile(50)), p99Ms: ms(histogram.percentile(99)), maxMs: ms(histogram.max) });
  histogram.reset();
});
// the channel must not keep the server alive on its own
process.channel?.unref();
