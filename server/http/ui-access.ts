// With API_KEYS set, the assistant's own pages (the UI at /, the /embed frame) still call the API without a key.
// They are recognised by any of: a page cookie this server sets on its HTML pages (HttpOnly, SameSite=Strict; it
// covers the UI's GET requests, which browsers send without an Origin header), an Origin equal to the server's own
// (POSTs, also from /embed inside a portal's frame, where the cookie is not sent), or `Sec-Fetch-Site: same-origin`
// (GETs from /embed on https or localhost). None of these is a secret: anyone who can open the UI can use what the UI
// uses, under the per-address rate limit. The keys stop programs that do not pose as the UI page, and give each
// key holder (a script, a portal, an MCP client) its own rate limit. README "Security" says so.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiKey } from '../config.js';
import { isSameOrigin } from './plugins/origin-policy.js';

export const UI_COOKIE = 'ra_ui';

function cookieValue(request: FastifyRequest, name: string): string | null {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return null;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return null;
}

export function createUiAccess(keys: readonly ApiKey[]) {
  // Derived from the keys, so it survives a restart (open pages keep working) and changes when the keys change.
  const secret = createHash('sha256').update(keys.map((k) => k.key).join('\n')).digest();
  const token = createHmac('sha256', secret).update('ui-page-v1').digest('base64url');
  const tokenDigest = createHash('sha256').update(token).digest();

  return {
    enabled: keys.length > 0,
    /** Gives an HTML page of ours the cookie its API calls will carry. */
    setCookie(reply: FastifyReply) {
      if (keys.length) reply.header('set-cookie', `${UI_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict`);
    },
    isOwnPage(request: FastifyRequest): boolean {
      const origin = request.headers.origin;
      if (origin && isSameOrigin(request, origin)) return true;
      if (!origin && request.headers['sec-fetch-site'] === 'same-origin') return true;
      const cookie = cookieValue(request, UI_COOKIE);
      return cookie !== null && timingSafeEqual(createHash('sha256').update(cookie).digest(), tokenDigest);
    },
  };
}

export type UiAccess = ReturnType<typeof createUiAccess>;
