import { describe, expect, it } from 'vitest';
import { checkParent, frameAncestors, originAllowed, parseOrigin } from './parent-origin.js';

const self = 'http://127.0.0.1:8787';
const base = { framed: true, ancestorOrigin: null, selfOrigin: self };

describe('parent origin', () => {
  it('accepts only bare http(s) origins', () => {
    expect(parseOrigin('https://portal.example.org')).toBe('https://portal.example.org');
    expect(parseOrigin('https://portal.example.org/')).toBe('https://portal.example.org');
    expect(parseOrigin('https://portal.example.org/page')).toBeNull();
    expect(parseOrigin('javascript:alert(1)')).toBeNull();
    expect(parseOrigin('*')).toBeNull();
  });

  it('reads frame-ancestors from a CSP header', () => {
    expect(frameAncestors("default-src 'self'; frame-ancestors 'self' https://a.example http://localhost:5000")).toEqual([
      "'self'",
      'https://a.example',
      'http://localhost:5000',
    ]);
    expect(frameAncestors("default-src 'self'")).toBeNull();
  });

  it('matches origins against the sources, wildcards included', () => {
    expect(originAllowed('https://a.example', ["'self'", 'https://a.example'], self)).toBe(true);
    expect(originAllowed('https://b.example', ["'self'", 'https://a.example'], self)).toBe(false);
    expect(originAllowed('https://x.uni.edu', ['https://*.uni.edu'], self)).toBe(true);
    expect(originAllowed('http://x.uni.edu', ['https://*.uni.edu'], self)).toBe(false);
    expect(originAllowed('https://evil.example', ['*'], self)).toBe(true);
    expect(originAllowed(self, null, self)).toBe(true);
    expect(originAllowed('https://a.example', null, self)).toBe(false);
  });

  it('trusts a parent only when framed, well-formed, the real ancestor and allowed by the server', () => {
    const csp = "frame-ancestors 'self' http://localhost:5000";
    expect(checkParent({ ...base, param: 'http://localhost:5000', csp })).toEqual({ ok: true, origin: 'http://localhost:5000' });
    expect(checkParent({ ...base, framed: false, param: 'http://localhost:5000', csp }).ok).toBe(false);
    expect(checkParent({ ...base, param: null, csp })).toEqual({ ok: false, reason: 'no ?parent=<origin> was given' });
    expect(checkParent({ ...base, ancestorOrigin: 'http://evil.test', param: 'http://localhost:5000', csp })).toEqual({
      ok: false,
      reason: '?parent=http://localhost:5000 is not the page embedding this frame (http://evil.test)',
    });
    expect(checkParent({ ...base, param: 'http://localhost:6000', csp })).toEqual({
      ok: false,
      reason: "http://localhost:6000 is not in the server's ALLOWED_ORIGINS",
    });
  });
});
