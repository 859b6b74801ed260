// npm run mcp: the assistant as an MCP server on stdin/stdout, for assistants that start it as a subprocess.
// stdout carries the protocol alone: logs go to stderr, and so does anything a library prints with console.log.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { ConfigError, loadConfig } from '../config.js';
import { createEmbeddings } from '../embeddings/create-embeddings.js';
import { createEngine } from '../engine.js';
import { ensureIndex } from '../ingest/ensure-index.js';
import { createLogger } from '../log.js';
import { IndexError } from '../store/index-errors.js';
import { createMcpServer } from './create-mcp-server.js';

console.log = console.error;
console.info = console.error;
console.debug = console.error;

async function main() {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL, { fd: 2, pretty: false });
  const embeddings = await createEmbeddings(config, log);
  await ensureIndex(config, embeddings, log);
  const engine = await createEngine(config, { log, embeddings });
  const server = createMcpServer(engine);
  const transport = new StdioServerTransport();
  transport.onclose = () => void engine.close();
  await server.connect(transport);
  log.info(`mcp: serving on stdio (answerer: ${engine.health().answerer})`);
}

main().catch((err) => {
  const known = err instanceof ConfigError || err instanceof IndexError;
  console.error(known ? `error: ${(err as Error).message}` : err);
  process.exit(1);
});
