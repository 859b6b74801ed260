// POST /v1/chat/completions: OpenAI's Chat Completions over the engine, as one JSON completion or, with
// `stream: true`, as `data: {chat.completion.chunk}` lines ending in `data: [DONE]`. Errors before the stream
// starts keep their status (the same as /api) in OpenAI's error shape; an error after it started is a last
// `data: {"error": …}` line, as OpenAI sends it.
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { toChunks, toCompletion } from '../openai/completion.js';
import { ChatCompletionRequestSchema, ChatCompletionSchema, MODEL_ID, OpenAiErrorSchema } from '../openai/schemas.js';
import { toChatRequest } from '../openai/to-chat-request.js';
import { toAppError } from '../error-handler.js';
import { unknownModel } from './openai-models.js';

export const openAiChatRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/v1/chat/completions',
    {
      schema: {
        tags: ['openai'],
        summary: 'A cited answer as an OpenAI chat completion (streamed with `stream: true`)',
        description:
          'The last message is the question and the earlier user/assistant messages are the conversation. The answer ' +
          'keeps its `[n]` markers and ends with a plain-text source list; `message.citations` (and, when streamed, the ' +
          'final chunk\'s `delta.citations`) carries the structured citations.',
        body: ChatCompletionRequestSchema,
        response: { 200: ChatCompletionSchema, '4xx': OpenAiErrorSchema, '5xx': OpenAiErrorSchema },
      },
    },
    async (request, reply) => {
      if (request.body.model !== MODEL_ID) throw unknownModel(request.body.model);
      const chatRequest = toChatRequest(request.body);
      const controller = new AbortController();
      reply.raw.on('close', () => {
        if (!reply.raw.writableFinished) controller.abort();
      });
      if (!request.body.stream) return toCompletion(await app.engine.chat(chatRequest, { signal: controller.signal }));

      // The first event is awaited before any byte is sent, so that a request the engine refuses (no index, an
      // empty question) gets its status and a JSON error rather than a stream that fails at once.
      const events = app.engine.chatStream(chatRequest, { signal: controller.signal })[Symbol.asyncIterator]();
      const first = await events.next();
      if (first.done) throw toAppError(new Error('The answer stream ended before it began.') as never, request.url);
      const chunks = toChunks(first.value, events, {
        includeUsage: request.body.stream_options?.include_usage === true,
        url: request.url,
        onError: (err) => {
          if (toAppError(err as never, request.url).status >= 500) request.log.error({ err }, 'chat completion stream failed');
        },
      });
      async function* frames() {
        for await (const c of chunks) yield `data: ${typeof c === 'string' ? c : JSON.stringify(c)}\n\n`;
      }
      return reply
        .header('cache-control', 'no-cache')
        .header('x-accel-buffering', 'no')
        .type('text/event-stream; charset=utf-8')
        // a stream is sent as it is (the 200 schema describes the JSON completion, not the event stream)
        .send(Readable.from(frames()) as never);
    },
  );
};
