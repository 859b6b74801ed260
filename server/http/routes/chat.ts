// POST /api/chat: a cited answer as JSON, or the same answer streamed as Server-Sent Events when the client
// sends Accept: text/event-stream (events meta → token* → citations → done, or error; keep-alive comments).
// Work stops when the client goes away: the abort signal reaches retrieval, the answerer and the LLM request.
// When the server shuts down, every open stream is stopped and ends with an `error` event (SHUTTING_DOWN), so a
// client knows the answer was cut rather than finished.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ChatRequestSchema, ChatResponseSchema, ErrorBodySchema, type ChatEvent } from '../../contract.js';
import { AppError } from '../../errors.js';
import { toAppError } from '../error-handler.js';

export const chatRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const streaming = new Set<AbortController>();
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
    for (const controller of streaming) controller.abort();
  });
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
      if (closing) controller.abort();
      streaming.add(controller);
      try {
        const events = app.engine.chatStream(chatRequest, { signal: controller.signal });
        await reply.sse.send(toSseMessages(events, request.log, request.url, () => closing));
      } finally {
        streaming.delete(controller);
      }
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
  closing: () => boolean,
) {
  let ended = false;
  try {
    for await (const event of events) {
      ended ||= event.type === 'done' || event.type === 'error';
      yield { event: event.type, data: event };
    }
    if (!ended && closing()) throw new AppError('SHUTTING_DOWN');
  } catch (err) {
    const appError = closing() && !ended ? new AppError('SHUTTING_DOWN') : toAppError(err as never, url);
    if (appError.status >= 500) log.error({ err }, 'chat stream failed');
    const event: ChatEvent = { type: 'error', error: { code: appError.code, message: appError.message } };
    yield { event: 'error', data: event };
  }
}
