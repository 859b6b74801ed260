// A loader that exhausts its memory or never returns costs one file, named, and the next file loads as usual.
import { describe, expect, it } from 'vitest';
import { DEFAULT_INGEST_LIMITS } from './ingest-limits.js';
import { LoadFailure } from './load-document.js';
import { loadInSubprocess } from './load-in-subprocess.js';
import { docxEntries, makeZip, paragraph } from './testing/make-zip.js';

/** 60 MB of one-word paragraphs: under the 100 MB decompression limit, but millions of DOM nodes for mammoth. */
const manyParagraphs = () => makeZip(docxEntries({ body: paragraph('x').repeat(10_000), repeat: 180 }));
const plainDocx = () => makeZip(docxEntries({ body: paragraph('The wetland holds water after the rains.') }));

describe('loadInSubprocess', () => {
  it('turns an out-of-memory parser into a named failure of that file, then loads the next file', async () => {
    const heavy = await manyParagraphs();
    const limits = { ...DEFAULT_INGEST_LIMITS, loaderMemoryMb: 64 };
    const err = await loadInSubprocess('docx', heavy, limits).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LoadFailure);
    expect((err as Error).message).toBe(
      'loading it needed more than the 64 MB memory limit (LOADER_MEMORY_MB); the loader was stopped',
    );
    const next = await loadInSubprocess('docx', await plainDocx(), limits);
    expect(next.pages).toEqual(['The wetland holds water after the rains.']);
  });

  it('stops a loader that runs past LOADER_TIMEOUT_MS', async () => {
    const heavy = await manyParagraphs();
    const limits = { ...DEFAULT_INGEST_LIMITS, loaderTimeoutMs: 1000 };
    const started = performance.now();
    await expect(loadInSubprocess('docx', heavy, limits)).rejects.toThrow(
      'loading it took longer than 1 s (LOADER_TIMEOUT_MS); the loader was stopped',
    );
    // far below the minutes mammoth would spend on 60 MB of paragraphs
    expect(performance.now() - started).toBeLessThan(30_000);
    // the next file gets a fresh loader; the default time limit, because a fresh child's first docx (importing
    // mammoth) can itself take more than 1 s on a loaded machine (CI failed on it once)
    expect((await loadInSubprocess('docx', await plainDocx(), DEFAULT_INGEST_LIMITS)).pages).toHaveLength(1);
  });

  it('refuses a decompression bomb before mammoth inflates it', async () => {
    const bomb = await makeZip(docxEntries({ body: paragraph('A'.repeat(1000)).repeat(1000), repeat: 200 }));
    await expect(loadInSubprocess('docx', bomb, DEFAULT_INGEST_LIMITS)).rejects.toThrow(
      /^decompression bomb: [\d.]+ KB on disk would inflate to 197 MB/,
    );
  });

  it('refuses text past MAX_TEXT_BYTES inside the loader process', async () => {
    const text = new TextEncoder().encode('word '.repeat(300_000));
    await expect(loadInSubprocess('txt', text, { ...DEFAULT_INGEST_LIMITS, maxTextBytes: 1024 * 1024 })).rejects.toThrow(
      'its text is larger than the 1 MB limit (MAX_TEXT_BYTES); split the file or raise the limit',
    );
  });
});
