// Who may call the API from a browser, and who may frame /embed (portal embedding).
// @fastify/cors writes the CORS headers (preflight included) for every origin, so that a refused origin can still
// read the refusal; this hook then decides: same origin or ALLOWED_ORIGINS → on; otherwise 403 FORBIDDEN_ORIGIN.
// EMBED_KEY, when set, is required from cross-origin callers (portals), not from our own pages.
import cors from '@fastify/cors';
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';

export interface OriginPolicyOptions {
  allowedOrigins: readonly string[];
  embedKey: string;
}

export function isSameOrigin(request: FastifyRequest, origin: string): boolean {
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

export function isAllowedOrigin(origin: string, allowed: readonly string[]): boolean {
  return allowed.includes('*') || allowed.includes(origin.replace(/\/$/, ''));
}

/** The CSP frame-ancestors value for a page that may be framed by the allowed origins. */
export function frameAncestors(allowed: readonly string[]): string {
  if (allowed.includes('*')) return 'frame-ancestors *';
  return ["frame-ancestors 'self'", ...allowed].join(' ');
}

export const originPolicy = fp<OriginPolicyOptions>(
  async (app, { allowedOrigins, embedKey }) => {
    await app.register(cors, {
      origin: true,
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ['content-type', 'accept', 'x-embed-key'],
      maxAge: 600,
    });
    app.addHook('onRequest', async (request) => {
      if (!request.url.startsWith('/api/') || request.method === 'OPTIONS') return;
      const origin = request.headers.origin;
      if (!origin || isSameOrigin(request, origin)) return;
      if (!isAllowedOrigin(origin, allowedOrigins)) {
        throw new AppError(
          'FORBIDDEN_ORIGIN',
          `This site (${origin}) is not allowed to use the assistant. Ask its administrator to add it to ALLOWED_ORIGINS.`,
        );
      }
      if (embedKey && request.headers['x-embed-key'] !== embedKey) throw new AppError('BAD_EMBED_KEY');
    });
  },
  { name: 'origin-policy' },
);
