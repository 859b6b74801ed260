// Serves the built web UI (web/dist): files at their paths, /embed for iframes, and index.html for any other
// page path so client-side routes (/documents/…, /evals) survive a reload. API paths never fall through to HTML.
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import { AppError } from '../../errors.js';
import type { UiAccess } from '../ui-access.js';
import { frameAncestors, isApiRoute } from './origin-policy.js';

export interface WebStaticOptions {
  distDir: string;
  allowedOrigins: readonly string[];
  /** gives our pages the cookie their API calls carry when API_KEYS is set */
  uiAccess?: UiAccess;
}

const NOT_BUILT_PAGE = `<!doctype html><meta charset="utf-8"><title>Research assistant</title>
<body style="font-family:system-ui;max-width:40rem;margin:4rem auto;line-height:1.5">
<h1>The web UI is not built</h1><p>Run <code>npm run build:web</code> (or restart with <code>npm start</code>, which builds it).
The API works already: <a href="/docs">/docs</a>, <a href="/api/health">/api/health</a>.</p></body>`;

// React sets style attributes, hence 'unsafe-inline' for styles only; scripts come from this server alone.
const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export const webStatic = fp<WebStaticOptions>(
  async (app, { distDir, allowedOrigins, uiAccess }) => {
    const built = existsSync(path.join(distDir, 'index.html'));
    if (built) {
      await app.register(fastifyStatic, { root: distDir, index: false, wildcard: true, cacheControl: false });
    }

    // Only /embed may be framed, and only by the allowed origins; every other page refuses framing. Pages run only
    // their own scripts (the built bundle: no inline script), load nothing from elsewhere and send no referrer.
    app.addHook('onSend', async (request, reply, payload) => {
      const type = String(reply.getHeader('content-type') ?? '');
      if (type.startsWith('text/html')) {
        const isEmbed = request.routeOptions.url === '/embed';
        // A route that set its own policy (evaluation reports: no script, no loads) keeps it.
        if (!reply.hasHeader('content-security-policy')) {
          reply.header('content-security-policy', [PAGE_CSP, isEmbed ? frameAncestors(allowedOrigins) : "frame-ancestors 'self'"].join('; '));
        }
        if (!isEmbed) reply.header('x-frame-options', 'SAMEORIGIN');
        reply.header('referrer-policy', 'no-referrer');
        reply.header('cache-control', 'no-cache');
        // the UI's pages only (an evaluation report served by the API is a file, not the UI)
        if (!isApiRoute(request)) uiAccess?.setCookie(reply);
      }
      return payload;
    });

    const page = (file: string) => async (_req: unknown, reply: import('fastify').FastifyReply) =>
      built ? reply.type('text/html; charset=utf-8').sendFile(file) : reply.type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
    app.get('/', { schema: { hide: true } }, page('index.html'));
    app.get('/embed', { schema: { hide: true } }, page(existsSync(path.join(distDir, 'embed.html')) ? 'embed.html' : 'index.html'));

    const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
    app.setNotFoundHandler(async (request, reply) => {
      const pathname = request.url.split('?')[0];
      // decoded and case-folded, so that no spelling of an API path falls through to the web page
      const decoded = safeDecode(pathname).toLowerCase().replace(/\/{2,}/g, '/');
      // A missing file (/assets/x.js) is a 404; a page path that merely looks like one (/documents/report-v1.2, opened
      // in a new tab or reloaded) is a navigation, which browsers send with Accept: text/html.
      const navigation = /\btext\/html\b/.test(String(request.headers.accept ?? ''));
      const api = /^\/(?:api|v1)(?:\/|$)|^\/mcp\/?$/.test(decoded);
      if (api || request.method !== 'GET' || (path.extname(pathname) && !navigation)) {
        // a route that exists with other methods (GET /api/chat): 405 with the methods it takes (RFC 9110)
        const allowed = METHODS.filter((method) => app.hasRoute({ method, url: pathname }));
        if (allowed.length) {
          reply.header('allow', allowed.join(', '));
          throw new AppError('METHOD_NOT_ALLOWED', `${request.method} ${pathname} is not served; it takes ${allowed.join(', ')}.`);
        }
        throw new AppError('NOT_FOUND', `No route ${request.method} ${pathname}.`);
      }
      return page('index.html')(request, reply);
    });
  },
  { name: 'web-static' },
);
