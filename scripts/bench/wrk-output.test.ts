import { describe, expect, it } from 'vitest';
import { parseWrkOutput, wrkTimeMs } from './wrk-output.js';

// wrk 4.1.0's output with --latency, then the line scripts/bench/http-load.lua writes from done()
const OUTPUT = `Running 10s test @ http://127.0.0.1:8080/api/search
  2 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   120.45ms   30.12ms   1.20s    85.00%
    Req/Sec   200.12     20.00    250.00     70.00%
  Latency Distribution
     50%  115.00ms
     75%  130.00ms
     90%  150.00ms
     99%    1.01s 
  4000 requests in 10.01s, 5.00MB read
  Socket errors: connect 0, read 1, write 0, timeout 3
  Non-2xx or 3xx responses: 2
Requests/sec:    399.60
Transfer/sec:    511.49KB
non-2xx responses: 2 (first: 503 {"error":{"code":"INDEX_NOT_READY"}})
`;

describe('parseWrkOutput', () => {
  it('reads requests, rate, percentiles, socket errors and the Lua non-2xx count', () => {
    expect(parseWrkOutput(OUTPUT)).toEqual({
      requests: 4000,
      seconds: 10.01,
      rps: 399.6,
      p50Ms: 115,
      p99Ms: 1010,
      socketErrors: { connect: 0, read: 1, write: 0, timeout: 3 },
      non2xx: 2,
      firstNon2xx: '503 {"error":{"code":"INDEX_NOT_READY"}}',
    });
  });

  it('takes wrk\'s own count when the Lua line is absent, and zero errors when wrk prints none', () => {
    const plain = OUTPUT.replace(/^non-2xx.*\n/m, '').replace(/^\s*Socket errors.*\n/m, '');
    const r = parseWrkOutput(plain);
    expect(r.non2xx).toBe(2);
    expect(r.firstNon2xx).toBeNull();
    expect(r.socketErrors).toEqual({ connect: 0, read: 0, write: 0, timeout: 0 });
  });

  it('converts every unit wrk prints', () => {
    expect(wrkTimeMs('635.91us')).toBeCloseTo(0.63591);
    expect(wrkTimeMs('2.50ms')).toBe(2.5);
    expect(wrkTimeMs('1.23s')).toBe(1230);
    expect(wrkTimeMs('1.00m')).toBe(60_000);
  });

  it('refuses output without a request count (wrk failed)', () => {
    expect(() => parseWrkOutput('unable to connect to 127.0.0.1:1 Connection refused')).toThrow(/requests in/);
  });
});
