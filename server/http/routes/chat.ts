// POST /api/chat: a cited answer as JSON, or the same answer streamed as Server-Sent Events when the client
// sends Accept: text/event-stream (events meta → token* → citations → done, or error; keep-alive comments).
// Work stops when the client goes away: the abort signal reaches retrieval, the answerer and the LLM request.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ChatRequestSchema, ChatResponseSchema, ErrorBodySchema, type ChatEvent } from '../../contract.js';
import { AppError } from '../../errors.js';
import { toAppError } from '../error-handler.js';

export const chatRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/chat',
    {
      sse: 'dual',
      schema: {
        tags: ['chat'],
        summary: 'Answer a question from the corpus, with citations',
        description:
          'JSON by default. With `Accept: text/event-stream` the answer streams as SSE events named ' +
          '`meta`, `token`, `citations`, `done` or `error`; each `data:` line is the JSON event.',
        body: ChatRequestSchema,
        response: { 200: ChatResponseSchema, '4xx': ErrorBodySchema, '5xx': ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const question = request.body.question.trim();
      if (!question) throw new AppError('EMPTY_QUESTION');
      const chatRequest = { ...request.body, question };
      const controller = new AbortController();
      reply.raw.on('close', () => {
        if (!reply.raw.writableFinished) controller.abort();
      });

      if (!reply.sse) return app.engine.chat(chatRequest, { signal: controller.signal });

      reply.sse.onClose(() => controller.abort());
      const events = app.engine.chatStream(chatRequest, { signal: controller.signal });
      await reply.sse.send(toSseMessages(events, request.log, request.url));
      // @fastify/sse answers "Connection: keep-alive" whatever the client asked; a client that sent
      // "Connection: close" gets its socket closed once the stream has ended, not after the keep-alive timeout.
      if (/\bclose\b/i.test(String(request.headers.connection ?? ''))) {
        const socket = request.raw.socket;
        if (reply.raw.writableFinished) socket.end();
        else reply.raw.once('finish', () => socket.end());
      }
    },
  );
};

async function* toSseMessages(
  events: AsyncIterable<ChatEvent>,
  log: import('fastify').FastifyBaseLogger,
  url: string,
) {
  try {
    for await (const event of events) yield { event: event.type, data: event };
  } catch (err) {
    const appError = toAppError(err as never, url);
    if (appError.status >= 500) log.error({ err }, 'chat stream failed');
    const event: ChatEvent = { type: 'error', error: { code: appError.code, message: appError.message } };
    yield { event: 'error', data: event };
  }
}
