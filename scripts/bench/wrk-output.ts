// Reads the text wrk prints with --latency (and the last line of scripts/bench/http-load.lua) into numbers:
// requests, duration, the latency distribution's 50th and 99th percentiles, socket errors and non-2xx responses.
// wrk prints times with a unit (us, ms, s, m, h) and rounds to two decimals; that rounding is all the precision there is.

export interface WrkSummary {
  requests: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  socketErrors: { connect: number; read: number; write: number; timeout: number };
  /** responses whose status is not 2xx (from the Lua script), else wrk's "Non-2xx or 3xx" count */
  non2xx: number;
  /** the first non-2xx response (status and the start of its body), when the Lua script saw one */
  firstNon2xx: string | null;
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** "635.91us" → 0.63591; "1.23s" → 1230 */
export function wrkTimeMs(text: string): number {
  const m = /^([\d.]+)(us|ms|s|m|h)$/.exec(text.trim());
  if (!m) throw new Error(`wrk: unreadable time "${text}"`);
  return Number(m[1]) * UNIT_MS[m[2]];
}

export function parseWrkOutput(text: string): WrkSummary {
  const total = /(\d+) requests in ([\d.]+)(us|ms|s|m|h)/.exec(text);
  if (!total) throw new Error(`wrk: no "N requests in" line in its output:\n${text.slice(-2000)}`);
  const pct = (p: number) => {
    const m = new RegExp(`^\\s*${p}(?:\\.0+)?%\\s+([\\d.]+(?:us|ms|s|m|h))\\s*$`, 'm').exec(text);
    return m ? wrkTimeMs(m[1]) : NaN;
  };
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  const lua = /^non-2xx responses: (\d+) \(first: (.*)\)$/m.exec(text);
  const wrkNon2xx = /Non-2xx or 3xx responses: (\d+)/.exec(text);
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(text);
  const requests = Number(total[1]);
  const seconds = wrkTimeMs(`${total[2]}${total[3]}`) / 1000;
  return {
    requests,
    seconds,
    rps: rps ? Number(rps[1]) : requests / seconds,
    p50Ms: pct(50),
    p99Ms: pct(99),
    socketErrors: {
      connect: Number(sock?.[1] ?? 0),
      read: Number(sock?.[2] ?? 0),
      write: Number(sock?.[3] ?? 0),
      timeout: Number(sock?.[4] ?? 0),
    },
    non2xx: Number(lua?.[1] ?? wrkNon2xx?.[1] ?? 0),
    firstNon2xx: lua && lua[2] !== 'none' ? lua[2] : null,
  };
}
