import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBodySchema, SearchRequestSchema, SearchResponseSchema } from '../../contract.js';

export const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Passages most relevant to a query (hybrid lexical + dense retrieval)',
        body: SearchRequestSchema,
        response: { 200: SearchResponseSchema, '4xx': ErrorBodySchema, '5xx': ErrorBodySchema },
      },
    },
    async (request) => ({ results: await app.engine.search(request.body.query, request.body.k) }),
  );
};
