// GET /api/health: what is indexed and how questions are answered; 503 when the store holding the index is unreachable,
// so a load balancer takes this process out of rotation and the web UI shows why before anyone asks.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBodySchema, HealthResponseSchema } from '../../contract.js';

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['meta'],
        summary: 'Index and model status',
        description: '503 STORE_UNAVAILABLE when the index lives in PostgreSQL (VECTOR_STORE=pgvector) and the database cannot be reached.',
        response: { 200: HealthResponseSchema, '5xx': ErrorBodySchema },
      },
    },
    async () => {
      await app.engine.checkStore();
      return app.engine.health();
    },
  );
};
