// What the end-to-end tests run against: the real server (buildApp + engine) on a real index of corpus/, a
// static "portal" server on another origin, and Debian's Chromium. Nothing here is mocked except an optional
// gate that can hold the answer stream open between two tokens, so a test can look at a half-streamed answer.
import { mkdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig, PROJECT_ROOT } from '../../server/config.js';
import { createAnswerer } from '../../server/answer/create-answerer.js';
import type { Answerer } from '../../server/answer/types.js';
import { createEmbeddings } from '../../server/embeddings/create-embeddings.js';
import { createEngine } from '../../server/engine.js';
import { buildApp } from '../../server/http/app.js';
import { buildIndex } from '../../server/ingest/build-index.js';
import { silentLogger } from '../../server/log.js';

export const ARTIFACTS = path.join(PROJECT_ROOT, 'test-artifacts', 'e2e');
// Kept between runs: buildIndex is incremental, so an unchanged corpus costs a hash check, not re-embedding.
const E2E_INDEX = path.join(PROJECT_ROOT, '.cache', 'e2e', 'index');
const CHROMIUM = '/usr/bin/chromium';

/** Holds the answer stream after its first token until released; open (pass-through) unless held. */
export class StreamGate {
  private held = false;
  private waiting: (() => void)[] = [];
  hold() {
    this.held = true;
  }
  release() {
    this.held = false;
    for (const w of this.waiting.splice(0)) w();
  }
  async pass(): Promise<void> {
    if (this.held) await new Promise<void>((r) => this.waiting.push(r));
  }
}

function gated(inner: Answerer, gate: StreamGate): Answerer {
  return {
    id: inner.id,
    async *answer(input) {
      let first = true;
      for await (const event of inner.answer(input)) {
        yield event;
        // after the first token has gone out, before anything else does
        if (event.type === 'token' && first) {
          first = false;
          await gate.pass();
        }
      }
    },
  };
}

export interface AssistantServer {
  url: string;
  gate: StreamGate;
  close(): Promise<void>;
}

export async function startAssistantServer(options: { allowedOrigins: string[] }): Promise<AssistantServer> {
  const config = loadConfig({
    overrides: {
      INDEX_DIR: E2E_INDEX,
      WEB_DIST_DIR: path.join(PROJECT_ROOT, 'web', 'dist'),
      ALLOWED_ORIGINS: options.allowedOrigins.join(','),
      EMBED_KEY: '',
      RATE_LIMIT_MAX: 0,
      LOG_LEVEL: 'warn',
      ANSWERER: 'extractive',
    },
  });
  const log = silentLogger;
  const embeddings = await createEmbeddings(config, log);
  await buildIndex({ corpusDir: config.CORPUS_DIR, indexDir: config.INDEX_DIR, embeddings, log });
  const gate = new StreamGate();
  const answerer = gated(await createAnswerer(config, { embeddings: embeddings.handle, log }), gate);
  const engine = await createEngine(config, { log, embeddings, answerer });
  const app = await buildApp({ config, engine, log });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    gate,
    async close() {
      gate.release();
      await app.close();
      await engine.close();
    },
  };
}

export interface PortalSite {
  origin: string;
  /** the assistant the page points at; set once that server is up (its ALLOWED_ORIGINS needs our origin first) */
  assistantUrl: string;
  close(): Promise<void>;
}

/** Serves web/examples/portal.html at / on localhost:<free port>, pointed at `assistantUrl` when requested. */
export async function startPortal(): Promise<PortalSite> {
  const file = fileURLToPath(new URL('../examples/portal.html', import.meta.url));
  const site: PortalSite = { origin: '', assistantUrl: '', close: async () => undefined };
  const server = http.createServer((req, res) => {
    if (req.url !== '/' && !req.url?.startsWith('/?')) {
      res.writeHead(404).end();
      return;
    }
    // The example names the assistant at its default address; a real portal writes its own there.
    const html = readFileSync(file, 'utf8').replaceAll('http://localhost:8787', site.assistantUrl);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  // "localhost" vs the assistant's "127.0.0.1": another origin even apart from the port
  site.origin = `http://localhost:${port}`;
  site.close = () => new Promise<void>((r) => server.close(() => r()));
  return site;
}

/** Chromium from Debian. A launch failure is thrown as is: the suite fails, it never skips. */
export async function launchBrowser(): Promise<Browser> {
  try {
    return await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  } catch (err) {
    throw new Error(`Cannot launch Chromium at ${CHROMIUM} (apt-get install chromium): ${(err as Error).message}`);
  }
}

export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? false });
  return file;
}
