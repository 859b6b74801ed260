import { describe, expect, it } from 'vitest';
import type { Chunk } from '../domain.js';
import { precedingChunk } from './preceding-chunk.js';

const chunk = (n: number, start: number, end: number, section: string | null = null, docId = 'doc'): Chunk => ({
  chunkId: `${docId}#${n}`, docId, text: 'x'.repeat(end - start), start, end, page: null, section, isReferences: false, tokens: 1,
});

describe('precedingChunk', () => {
  it('is the chunk before, when it ends where the passage starts in the same section', () => {
    const chunks = [chunk(0, 0, 100), chunk(1, 101, 200), chunk(0, 0, 50, null, 'other')];
    expect(precedingChunk({ chunks }, chunks[1])?.chunkId).toBe('doc#0');
    expect(precedingChunk({ chunks }, chunks[0])).toBeNull(); // the document's first chunk
  });

  it('is null when the chunks overlap (the passage repeats the sentence before), or another section precedes', () => {
    const overlapping = [chunk(0, 0, 120), chunk(1, 101, 200)];
    expect(precedingChunk({ chunks: overlapping }, overlapping[1])).toBeNull();
    const sections = [chunk(0, 0, 100, 'Intro'), chunk(1, 101, 200, 'Methods')];
    expect(precedingChunk({ chunks: sections }, sections[1])).toBeNull();
  });
});
