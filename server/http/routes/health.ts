// Probes for load balancers, orchestrators and the UI. GET /api/health (liveness): 200 while this process serves
// HTTP, with counts and the configured models; it reads nothing but memory, so it answers at once under load and
// never fails because of something a restart would not fix (a database outage). GET /api/ready (readiness): 200
// when a question can be answered now — index loaded, the database holding it reachable — else 503 with the error
// body (INDEX_NOT_READY, STORE_UNAVAILABLE), so a load balancer sends no traffic here until it is.
//
// Both are probes (config.probe, read by origin-policy.ts): no rate limit (an address that spent its budget on bad
// requests must not take a healthy instance out of service), no API key or embed key, no Host check (a load balancer
// may send its own name); the Origin check stays, so a portal that is not allowed still learns so at its first
// request (load balancers send no Origin). What makes that safe: neither route carries corpus content — no title,
// text, file name or path — only counts, times and model names, the same as `GET /v1/models` tells.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBodySchema, HealthResponseSchema, ReadyResponseSchema } from '../../contract.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** a health probe: exempt from the rate limit, the keys and the Host check (not from the Origin check) */
    probe?: boolean;
  }
}

const PROBE = { probe: true, rateLimit: false } as const;

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/health',
    {
      config: PROBE,
      schema: {
        tags: ['meta'],
        summary: 'Liveness: the process serves; what is indexed and how questions are answered',
        description:
          'Always 200 while the server runs (no rate limit, no API key). Counts and model names only, no corpus content. ' +
          'Whether a question can be answered now (index loaded, database reachable) is GET /api/ready.',
        response: { 200: HealthResponseSchema, '4xx': ErrorBodySchema },
      },
    },
    async () => app.engine.health(),
  );

  app.get(
    '/api/ready',
    {
      config: PROBE,
      schema: {
        tags: ['meta'],
        summary: 'Readiness: the index and models are loaded and the store answers',
        description:
          '200 when questions can be answered; 503 INDEX_NOT_READY (no index: run `npm run ingest`) or STORE_UNAVAILABLE ' +
          '(VECTOR_STORE=pgvector and PostgreSQL cannot be reached); while the server shuts down, every route answers 503 (Fastify\'s own body). No rate limit, no API key.',
        response: { 200: ReadyResponseSchema, '4xx': ErrorBodySchema, '5xx': ErrorBodySchema },
      },
    },
    async () => app.engine.readiness(),
  );
};
