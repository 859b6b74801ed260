import { describe, expect, it } from 'vitest';
import { normalizeMeta } from './load-metadata.js';

describe('normalizeMeta', () => {
  it('keeps web addresses and drops any other URL, which every client would render as a link', () => {
    expect(normalizeMeta({ url: 'https://example.org/report?id=1' }).url).toBe('https://example.org/report?id=1');
    expect(normalizeMeta({ url: 'http://example.org' }).url).toBe('http://example.org');
    for (const url of ['javascript:alert(1)', 'JavaScript:alert(document.cookie)', 'data:text/html,<script>x</script>', 'vbscript:x', '/relative/path', 'example.org', ' javascript:alert(1)']) {
      expect([url, normalizeMeta({ url, title: 'T' })]).toEqual([url, { title: 'T' }]);
    }
  });
});
