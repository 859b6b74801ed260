// API keys (API_KEYS): which key a request presents, and whether it is one of ours. Every comparison hashes both
// sides first (so lengths always match) and runs crypto.timingSafeEqual against every configured key, without an
// early exit, so the time taken says nothing about which key, or how much of one, was right.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { ApiKey } from '../config.js';

export interface KeyCheck {
  /** a key was presented (Authorization: Bearer, X-API-Key, or a portal's x-embed-key) */
  presented: boolean;
  /** the configured key it matched, or null */
  key: ApiKey | null;
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** The key a request carries: `Authorization: Bearer <key>`, else `X-API-Key`, else a portal's `x-embed-key`. */
export function presentedKey(request: Pick<FastifyRequest, 'headers'>): string | null {
  const auth = request.headers.authorization;
  if (typeof auth === 'string') {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    // any other Authorization scheme is a key we cannot read: presented, and wrong
    return bearer ? bearer[1] : auth;
  }
  for (const header of ['x-api-key', 'x-embed-key'] as const) {
    const value = request.headers[header];
    if (typeof value === 'string' && value) return value;
  }
  return null;
}

export function createKeyChecker(keys: readonly ApiKey[]) {
  const digests = keys.map((k) => ({ key: k, digest: digest(k.key) }));
  // one check per request: the rate limit (onRequest) and the policy (preParsing) both ask
  const memo = new WeakMap<object, KeyCheck>();

  function match(candidate: string): ApiKey | null {
    const d = digest(candidate);
    let found: ApiKey | null = null;
    for (const entry of digests) if (timingSafeEqual(d, entry.digest) && !found) found = entry.key;
    return found;
  }

  return {
    enabled: keys.length > 0,
    check(request: Pick<FastifyRequest, 'headers' | 'raw'>): KeyCheck {
      const cached = memo.get(request.raw);
      if (cached) return cached;
      const candidate = keys.length ? presentedKey(request) : null;
      const result: KeyCheck = { presented: candidate !== null, key: candidate === null ? null : match(candidate) };
      memo.set(request.raw, result);
      return result;
    },
  };
}

export type KeyChecker = ReturnType<typeof createKeyChecker>;

/** Constant-time equality of two secrets of any length (the shared EMBED_KEY). */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}
