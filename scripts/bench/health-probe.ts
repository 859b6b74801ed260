// GET /api/health every `everyMs` over one keep-alive connection, recording each round trip: how long a cheap
// request waits while the server is under load (a stalled event loop shows here first). One request at a time;
// the next starts `everyMs` after the previous one started, or at once when it took longer.
import http from 'node:http';

export interface HealthProbe {
  /** stops probing; resolves with the latencies (ms) and the number of failed probes */
  stop(): Promise<{ latenciesMs: number[]; failures: number }>;
}

export function startHealthProbe(port: number, everyMs = 20): HealthProbe {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const latenciesMs: number[] = [];
  let failures = 0;
  let running = true;

  const once = () =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = http.get({ host: '127.0.0.1', port, path: '/api/health', agent, timeout: 30_000 }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode === 200) latenciesMs.push(performance.now() - t0);
          else failures++;
          resolve();
        });
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        failures++;
        resolve();
      });
    });

  const loop = (async () => {
    while (running) {
      const started = performance.now();
      await once();
      const wait = everyMs - (performance.now() - started);
      if (wait > 0 && running) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  })();

  return {
    async stop() {
      running = false;
      await loop;
      agent.destroy();
      return { latenciesMs, failures };
    },
  };
}
