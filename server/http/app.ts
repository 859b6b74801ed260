// buildApp: the Fastify application (plugins, routes, error handling) around an engine. No listen() here:
// server/main.ts listens; tests call app.inject().
import Fastify, { LogController } from 'fastify';
import { fastifySSE } from '@fastify/sse';
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from '../config.js';
import type { Engine } from '../engine.js';
import { AppError } from '../errors.js';
import type { Logger } from '../log.js';
import { createKeyChecker } from './api-keys.js';
import { clientErrorHandler, limitedServer } from './connection-limits.js';
import { errorHandler } from './error-handler.js';
import { apiDocs } from './plugins/api-docs.js';
import { corsHeaders, isApiRoute, originPolicy } from './plugins/origin-policy.js';
import { webStatic } from './plugins/web-static.js';
import { createUiAccess } from './ui-access.js';
import { chatRoutes } from './routes/chat.js';
import { documentRoutes } from './routes/documents.js';
import { evalRoutes } from './routes/evals.js';
import { healthRoutes } from './routes/health.js';
import { mcpRoutes } from './routes/mcp.js';
import { openAiChatRoutes } from './routes/openai-chat.js';
import { openAiModelRoutes } from './routes/openai-models.js';
import { searchRoutes } from './routes/search.js';

declare module 'fastify' {
  interface FastifyInstance {
    engine: Engine;
  }
}

/** SSE keep-alive: a comment line every 15 s keeps proxies from closing a slow answer. */
export const SSE_KEEPALIVE_MS = 15_000;

export interface BuildAppOptions {
  config: Readonly<Config>;
  engine: Engine;
  log: Logger;
}

/** Headers that carry secrets; pino writes "[redacted]" wherever a log line would hold them. */
export const SECRET_HEADERS = ['authorization', 'x-api-key', 'x-embed-key', 'cookie', 'set-cookie'];

export async function buildApp({ config, engine, log }: BuildAppOptions) {
  const redact = SECRET_HEADERS.flatMap((h) => [`req.headers["${h}"]`, `res.headers["${h}"]`, `headers["${h}"]`, `request.headers["${h}"]`]);
  const keys = createKeyChecker(config.API_KEYS);
  const uiAccess = createUiAccess(config.API_KEYS);
  const app = Fastify({
    loggerInstance: log.child({}, { redact: { paths: redact, censor: '[redacted]' } }),
    bodyLimit: config.BODY_LIMIT_BYTES,
    serverFactory: limitedServer({ requestTimeoutMs: config.REQUEST_TIMEOUT_MS, maxConnectionsPerClient: config.MAX_CONNECTIONS_PER_CLIENT }),
    clientErrorHandler,
    // one line per request only when debugging; errors are logged by the error handler either way
    logController: new LogController({ disableRequestLogging: config.LOG_LEVEL !== 'debug' && config.LOG_LEVEL !== 'trace' }),
    trustProxy: false,
    // errors Fastify raises before routing (a malformed percent-encoding in the URL) get the same JSON body
    frameworkErrors: (err, request, reply) => errorHandler(err, request, reply),
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('engine', engine);
  app.setErrorHandler(errorHandler);
  // No response is ever sniffed into another type (JSON, SSE, the widget script, report files).
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    return payload;
  });

  // Plain-text bodies are refused with 415 rather than parsed into a string that fails validation.
  app.removeContentTypeParser('text/plain');
  await app.register(corsHeaders);
  if (config.RATE_LIMIT_MAX > 0) {
    await app.register(rateLimit, {
      // Rate-limit the API only; static files and docs are cheap.
      allowList: (request) => !isApiRoute(request),
      // per API key when a valid one is presented, else per client address (a wrong key counts against the address,
      // so guessing keys cannot open fresh buckets)
      keyGenerator: (request) => {
        const { key } = keys.check(request);
        return key ? `key:${key.name}` : request.ip;
      },
      max: config.RATE_LIMIT_MAX,
      timeWindow: config.RATE_LIMIT_WINDOW_MS,
      errorResponseBuilder: (_req, ctx) => {
        const err = new AppError('RATE_LIMITED', `Too many requests: at most ${ctx.max} per ${Math.round(config.RATE_LIMIT_WINDOW_MS / 1000)} s. Wait ${Math.ceil(ctx.ttl / 1000)} s and try again.`);
        return Object.assign(err, { statusCode: 429 });
      },
    });
  }
  await app.register(originPolicy, {
    allowedOrigins: config.ALLOWED_ORIGINS,
    publicOrigins: config.PUBLIC_ORIGINS,
    embedKey: config.EMBED_KEY,
    keys,
    uiAccess,
  });
  await app.register(fastifySSE, { heartbeatInterval: SSE_KEEPALIVE_MS });
  await app.register(apiDocs);

  await app.register(healthRoutes);
  await app.register(searchRoutes);
  await app.register(chatRoutes);
  await app.register(documentRoutes);
  await app.register(evalRoutes, { evalDir: config.EVAL_DIR });
  await app.register(openAiModelRoutes);
  await app.register(openAiChatRoutes);
  await app.register(mcpRoutes);

  await app.register(webStatic, { distDir: config.WEB_DIST_DIR, allowedOrigins: config.ALLOWED_ORIGINS, uiAccess });
  return app;
}
