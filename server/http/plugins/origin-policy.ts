// Who may call the API from a browser, and who may frame /embed (portal embedding).
// corsHeaders (@fastify/cors) writes the CORS headers, preflight included, for every origin, so that a refused
// origin can still read the refusal; originPolicy then decides, for every API route (by the matched route, never
// the raw URL): the Host header must be localhost, an IP address or a host of PUBLIC_ORIGINS (else 403
// FORBIDDEN_HOST: a page whose host name was re-pointed at this server — DNS rebinding — reads nothing); then same
// origin or ALLOWED_ORIGINS → on, otherwise 403 FORBIDDEN_ORIGIN. Then the key: with API_KEYS set, a valid API key
// (Authorization: Bearer, X-API-Key, or a portal's x-embed-key) or one of our own pages (ui-access.ts), else 401;
// without API_KEYS, EMBED_KEY (when set) is required from cross-origin callers (portals), not from our pages. The
// rate limit counts before the policy refuses, so refused attempts (e.g. guessing a key) count too. Probe routes
// (/api/health, /api/ready: routes/health.ts) meet the Origin check only.
import cors from '@fastify/cors';
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import { sameSecret, type KeyChecker } from '../api-keys.js';
import type { UiAccess } from '../ui-access.js';

export interface OriginPolicyOptions {
  allowedOrigins: readonly string[];
  /** origins where users reach the server by a host name (PUBLIC_ORIGINS) */
  publicOrigins: readonly string[];
  embedKey: string;
  /** API_KEYS; when enabled, every API route needs a key or one of our pages */
  keys: KeyChecker;
  uiAccess: UiAccess;
}

/** Route prefixes that make up the API: the contract's /api, the OpenAI-compatible /v1 and the MCP endpoint. */
const API_ROUTE = /^\/(?:api|v1)\/|^\/mcp$/;

const hostnameOf = (hostHeader: string) => {
  try {
    return new URL(`http://${hostHeader}`).hostname.toLowerCase();
  } catch {
    return null;
  }
};

/**
 * A Host header this server answers to: localhost (and *.localhost), an IP address (a name-less request cannot be
 * a rebinding attack: rebinding needs the attacker's host name), or a host of PUBLIC_ORIGINS. A request without
 * Host (HTTP/1.0 tools) is not a browser's.
 */
export function isKnownHost(hostHeader: string | undefined, publicOrigins: readonly string[]): boolean {
  if (!hostHeader) return true;
  const name = hostnameOf(hostHeader);
  if (!name) return false;
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(name) || name.startsWith('[')) return true;
  return publicOrigins.some((o) => hostnameOf(o.replace(/^[a-z]+:\/\//i, '')) === name);
}

/**
 * True when the request was routed to an API route. Decided on the route the router matched, never on the raw URL:
 * the router decodes the path, so `/%61pi/chat` and `/ap%69/chat` reach /api/chat and must meet the same policy,
 * key check and rate limit as `/api/chat` itself.
 */
export function isApiRoute(request: FastifyRequest): boolean {
  const route = request.routeOptions.url;
  return route !== undefined && API_ROUTE.test(route);
}

export function isSameOrigin(request: FastifyRequest, origin: string): boolean {
  try {
    const originUrl = new URL(origin);
    // normalise both sides the same way (URL drops default ports: http://host:80 → host)
    return originUrl.host === new URL(`${originUrl.protocol}//${request.headers.host ?? ''}`).host;
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

export const corsHeaders = fp(
  async (app) => {
    await app.register(cors, {
      origin: true,
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ['content-type', 'accept', 'x-embed-key', 'authorization', 'x-api-key', 'mcp-protocol-version', 'mcp-session-id', 'last-event-id'],
      exposedHeaders: ['mcp-session-id', 'www-authenticate'],
      maxAge: 600,
      // a bare OPTIONS (no Access-Control-Request-Method) gets the same 204 instead of a plain-text 400
      strictPreflight: false,
    });
  },
  { name: 'cors-headers' },
);

export const originPolicy = fp<OriginPolicyOptions>(
  async (app, { allowedOrigins, publicOrigins, embedKey, keys, uiAccess }) => {
    // preParsing: after the rate limit's per-route onRequest hook has counted the request, before the body is read.
    app.addHook('preParsing', async (request, reply, payload) => {
      if (!isApiRoute(request) || request.method === 'OPTIONS') return payload;
      const probe = request.routeOptions.config?.probe === true;
      // a probe (health, ready: routes/health.ts) carries no corpus content, so a rebinding page gains nothing from it,
      // while a load balancer that sends its own host name must get an answer
      if (!probe && !isKnownHost(request.headers.host, publicOrigins)) {
        throw new AppError(
          'FORBIDDEN_HOST',
          `Requests for the host "${String(request.headers.host).slice(0, 100)}" are refused. If users reach the assistant at this name, add its origin to PUBLIC_ORIGINS.`,
        );
      }
      const origin = request.headers.origin;
      const crossOrigin = Boolean(origin) && !isSameOrigin(request, origin!);
      if (crossOrigin && !isAllowedOrigin(origin!, allowedOrigins)) {
        throw new AppError(
          'FORBIDDEN_ORIGIN',
          `This site (${origin}) is not allowed to use the assistant. Ask its administrator to add it to ALLOWED_ORIGINS.`,
        );
      }
      if (probe) return payload;
      if (keys.enabled) {
        const { presented, key } = keys.check(request);
        // a wrong key is refused even from our own pages: it is never silently ignored
        if (presented && !key) throw new AppError('BAD_API_KEY');
        if (!key && !uiAccess.isOwnPage(request)) throw new AppError('MISSING_API_KEY');
        // the key's name, never the key, goes into this request's log lines
        if (key) request.log = reply.log = request.log.child({ apiKey: key.name });
        return payload;
      }
      const embedKeyGiven = request.headers['x-embed-key'];
      if (crossOrigin && embedKey && !(typeof embedKeyGiven === 'string' && sameSecret(embedKeyGiven, embedKey))) {
        throw new AppError('BAD_EMBED_KEY');
      }
      return payload;
    });
  },
  { name: 'origin-policy' },
);
