// Shutting down with answers still streaming: each open stream ends with an `error` event saying so (never cut
// mid-answer without a word), and the server closes.
import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '../contract.js';
import type { Engine } from '../engine.js';
import { silentLogger } from '../log.js';
import { buildApp } from './app.js';
import { useSeedEngine } from '../testing/seed-engine.js';

const seed = useSeedEngine();

/** An answer that has started (meta, one token) and would go on until its signal is aborted (a slow LLM). */
async function* slowAnswer(_: unknown, options: { signal?: AbortSignal } = {}): AsyncGenerator<ChatEvent> {
  yield { type: 'meta', rewrittenQuery: 'q', answerer: 'llm:slow', passages: [] };
  yield { type: 'token', text: 'The answer begins' };
  await new Promise<void>((resolve) => {
    if (options.signal?.aborted) resolve();
    options.signal?.addEventListener('abort', () => resolve(), { once: true });
  });
}

describe('shutdown with streams open', () => {
  it('ends every open stream with an error event (SHUTTING_DOWN) and closes', async () => {
    const app = await buildApp({ config: seed.index.config, engine: { ...seed.engine, chatStream: slowAnswer } as Engine, log: silentLogger });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as import('node:net').AddressInfo;
    const streams = await Promise.all(
      [1, 2, 3].map(() =>
        fetch(`http://127.0.0.1:${port}/api/chat`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
          body: JSON.stringify({ question: 'What happens next?' }),
        }),
      ),
    );
    // read until each stream has sent its first token, then shut down
    const readers = streams.map((r) => r.body!.getReader());
    const texts = readers.map(() => '');
    const decoder = new TextDecoder();
    await Promise.all(
      readers.map(async (reader, i) => {
        while (!texts[i].includes('event: token')) texts[i] += decoder.decode((await reader.read()).value);
      }),
    );
    const closed = app.close();
    await Promise.all(
      readers.map(async (reader, i) => {
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) texts[i] += decoder.decode(chunk.value);
      }),
    );
    await closed;
    for (const text of texts) {
      const events = [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
      expect(events).toEqual(['meta', 'token', 'error']);
      expect(text).toContain('"code":"SHUTTING_DOWN"');
    }
  }, 30_000);
});
