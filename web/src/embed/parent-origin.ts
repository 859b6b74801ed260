// Which page may receive the embed page's postMessage events. The parent's origin is passed explicitly
// (?parent=<origin>) and trusted only when it (1) is a plain http(s) origin, (2) matches the real embedding
// page where the browser tells us (location.ancestorOrigins), and (3) is allowed by the server — read from the
// same Content-Security-Policy frame-ancestors list the server sent for /embed, so there is one source of truth.

export type ParentCheck = { ok: true; origin: string } | { ok: false; reason: string };

export function parseOrigin(value: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    // Only a bare origin: "https://portal.example/path" is a mistake worth refusing, not silently trimming.
    return url.origin === value.replace(/\/$/, '') ? url.origin : null;
  } catch {
    return null;
  }
}

/** The frame-ancestors sources of a CSP header; null when the header has no such directive. */
export function frameAncestors(csp: string | null): string[] | null {
  if (!csp) return null;
  for (const directive of csp.split(';')) {
    const [name, ...sources] = directive.trim().split(/\s+/);
    if (name?.toLowerCase() === 'frame-ancestors') return sources;
  }
  return null;
}

export function originAllowed(origin: string, sources: readonly string[] | null, selfOrigin: string): boolean {
  // No policy (a dev server): only our own origin, the safe default.
  if (sources === null) return origin === selfOrigin;
  return sources.some((s) => {
    if (s === '*') return true;
    if (s === "'self'") return origin === selfOrigin;
    if (s === "'none'") return false;
    if (s.includes('*')) {
      // host wildcard "https://*.example.org"
      const [scheme, host] = s.split('://');
      const url = new URL(origin);
      return url.protocol === `${scheme}:` && !!host && url.host.endsWith(host.replace(/^\*/, ''));
    }
    return s.replace(/\/$/, '') === origin;
  });
}

export interface ParentCheckInput {
  param: string | null;
  framed: boolean;
  /** location.ancestorOrigins[0] where the browser has it (Chromium, Safari) */
  ancestorOrigin: string | null;
  csp: string | null;
  selfOrigin: string;
}

export function checkParent({ param, framed, ancestorOrigin, csp, selfOrigin }: ParentCheckInput): ParentCheck {
  if (!framed) return { ok: false, reason: 'the page is not inside a frame' };
  const origin = parseOrigin(param);
  if (!origin) return { ok: false, reason: param ? `"${param}" is not an origin like https://portal.example.org` : 'no ?parent=<origin> was given' };
  if (ancestorOrigin && ancestorOrigin !== origin) {
    return { ok: false, reason: `?parent=${origin} is not the page embedding this frame (${ancestorOrigin})` };
  }
  if (!originAllowed(origin, frameAncestors(csp), selfOrigin)) {
    return { ok: false, reason: `${origin} is not in the server's ALLOWED_ORIGINS` };
  }
  return { ok: true, origin };
}
