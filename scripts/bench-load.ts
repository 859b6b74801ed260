// npm run bench:load -- [--seconds N] [--connections N] [--json]: HTTP under load on loopback (scripts/bench/http-load.ts):
// wrk on POST /api/chat and POST /api/search, GET /api/health probed alongside. Measures, never asserts. Prints a
// markdown table, saves the result as EVAL_DIR/.bench/load-<time>.json; --json prints one JSON object as the last line.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { saveBenchRun } from '../evals/report/bench-runs.js';
import { loadConfig, PROJECT_ROOT } from '../server/config.js';
import { benchHttpLoad, type HttpLoadResult } from './bench/http-load.js';

export function loadTable(r: HttpLoadResult): string {
  const lines = [
    `HTTP load: ${r.tool}, ${r.connections} connections × ${r.seconds} s per route, ${r.index}; ${r.machine}`,
    '',
    '| route | requests/s | p50 | p99 | errors | /api/health p50 / p99 / max | server event-loop delay p99 / max |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  r.routes.forEach((route, i) => {
    const h = r.health[i];
    const loop = h.serverEventLoop ? `${h.serverEventLoop.p99Ms} / ${h.serverEventLoop.maxMs} ms` : 'n/a';
    lines.push(
      `| ${route.route} | ${route.rps} | ${route.p50Ms} ms | ${route.p99Ms} ms | ${route.errors} of ${route.requests} | ` +
        `${h.p50Ms} / ${h.p99Ms} / ${h.maxMs} ms (${h.samples} probes${h.failures ? `, ${h.failures} failed` : ''}) | ${loop} |`,
    );
  });
  return lines.join('\n');
}

async function main() {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '60' },
      connections: { type: 'string', default: '50' },
      json: { type: 'boolean', default: false },
    },
  });
  const seconds = Math.max(1, Number(values.seconds));
  const connections = Math.max(1, Number(values.connections));
  const result = await benchHttpLoad({ seconds, connections, say: (line) => console.error(line) });
  if (!result) process.exit(0);
  console.log(loadTable(result));
  console.error(`saved: ${path.relative(PROJECT_ROOT, saveBenchRun(loadConfig().EVAL_DIR, 'load', result))}`);
  if (values.json) console.log(JSON.stringify(result));
  process.exit(0);
}

if (process.argv[1]?.endsWith('bench-load.ts')) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
