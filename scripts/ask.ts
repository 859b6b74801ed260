// npm run ask -- [--json] [--k N] "question": one question from the terminal.
// The question goes through the real HTTP app in-process (app.inject), so `--json` prints exactly the body
// POST /api/chat returns, and the printed answer is the one the chat UI would show.
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.js';
import type { ChatResponse, ErrorBody } from '../server/contract.js';
import { createEmbeddings } from '../server/embeddings/create-embeddings.js';
import { createEngine } from '../server/engine.js';
import { buildApp } from '../server/http/app.js';
import { createLogger } from '../server/log.js';
import { ensureIndex } from '../server/ingest/ensure-index.js';

const USAGE = 'usage: npm run ask -- [--json] [--k N] "your question"';

export function formatAnswer(body: ChatResponse): string {
  const lines: string[] = [body.answer, ''];
  if (body.citations.length) {
    lines.push('Sources:');
    for (const c of body.citations) {
      const who = [c.authors.join(', '), c.date].filter(Boolean).join(', ');
      const where = [c.page ? `p. ${c.page}` : '', c.section ?? ''].filter(Boolean).join(', ');
      lines.push(`  [${c.n}] ${c.title}${who ? ` — ${who}` : ''}${where ? ` (${where})` : ''}${c.supported ? '' : '  ⚠ not supported by this passage'}`);
      if (c.span) lines.push(`      “${c.text.slice(c.span.start, c.span.end)}”`);
      lines.push(`      ${c.docId} · ${c.chunkId}${c.url ? ` · ${c.url}` : ''}`);
    }
  }
  if (body.uncertain) lines.push('note: possibly not an answer: the passages may not say what was asked; check the sources.');
  if (body.abstained && body.passages.length) {
    lines.push('Closest passages (they do not answer the question):');
    for (const p of body.passages.slice(0, 3)) lines.push(`  - ${p.title}: “${p.text.slice(0, 160).replace(/\s+/g, ' ')}…”`);
  }
  for (const w of body.warnings) lines.push(`warning: ${w}`);
  if (body.rewrittenQuery && body.rewrittenQuery !== body.answer) lines.push('', `(searched for: ${body.rewrittenQuery}; answerer: ${body.answerer})`);
  return lines.join('\n');
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, k: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const question = positionals.join(' ');
  if (values.help || !question.trim()) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const config = loadConfig();
  // Logs go to stderr so that stdout holds only the answer (or the JSON body).
  const log = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, { fd: 2 });
  const embeddings = await createEmbeddings(config, log);
  await ensureIndex(config, embeddings, log);
  const engine = await createEngine(config, { log, embeddings });
  const app = await buildApp({ config: { ...config, RATE_LIMIT_MAX: 0 }, engine, log });
  const k = values.k === undefined ? undefined : Number(values.k);
  const res = await app.inject({ method: 'POST', url: '/api/chat', payload: { question, ...(k === undefined ? {} : { k }) } });
  await app.close();
  if (values.json) {
    process.stdout.write(`${res.body}\n`);
  } else if (res.statusCode === 200) {
    console.log(formatAnswer(res.json() as ChatResponse));
  } else {
    console.error(`error: ${(res.json() as ErrorBody).error.message}`);
  }
  process.exit(res.statusCode === 200 ? 0 : 1);
}

if (process.argv[1]?.endsWith('ask.ts')) {
  main().catch((err) => {
    console.error(`error: ${(err as Error).message}`);
    process.exit(1);
  });
}
