import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HealthResponseSchema } from '../../contract.js';

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/health',
    { schema: { tags: ['meta'], summary: 'Index and model status', response: { 200: HealthResponseSchema } } },
    async () => app.engine.health(),
  );
};
