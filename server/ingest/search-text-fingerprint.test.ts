import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.doUnmock('../store/index-text.js');
  vi.resetModules();
});

describe('searchTextFingerprint', () => {
  it('is stable, and changes when index-text.ts makes a different dense text', async () => {
    const { searchTextFingerprint } = await import('./search-text-fingerprint.js');
    const before = searchTextFingerprint();
    expect(before).toMatch(/^[\w-]{16}$/);
    expect(searchTextFingerprint()).toBe(before);

    vi.resetModules();
    vi.doMock('../store/index-text.js', async (importOriginal) => {
      const real = await importOriginal<typeof import('../store/index-text.js')>();
      return {
        ...real,
        denseText: (chunk: { section: string | null; text: string }) => `${chunk.section}: ${chunk.text}`,
      };
    });
    const changed = await import('./search-text-fingerprint.js');
    expect(changed.searchTextFingerprint()).not.toBe(before);
  });
});
