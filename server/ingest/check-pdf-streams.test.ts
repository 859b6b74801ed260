import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPdfStreams } from './check-pdf-streams.js';
import { DEFAULT_INGEST_LIMITS } from './ingest-limits.js';
import { loadInSubprocess } from './load-in-subprocess.js';
import { makePdf } from './testing/make-pdf.js';

const LIMIT = 100 * 1024 * 1024;

describe('checkPdfStreams', () => {
  it('passes real PDFs and a small generated one (which pdf.js reads)', async () => {
    for (const f of ['groundwater-report.pdf', 'damaged.pdf', 'locked.pdf', 'scanned-no-text.pdf']) {
      await expect(checkPdfStreams(readFileSync(path.join(import.meta.dirname, 'fixtures', 'corpus', f)), LIMIT)).resolves.toBeUndefined();
    }
    const small = makePdf('Hello wetlands', 1);
    await expect(checkPdfStreams(small, LIMIT)).resolves.toBeUndefined();
    expect((await loadInSubprocess('pdf', small, DEFAULT_INGEST_LIMITS)).pages).toEqual(['Hello wetlands']);
  });

  it('refuses a PDF whose content stream inflates to 300 MB, before pdf.js reads it', async () => {
    const bomb = makePdf('Hello bomb', 300);
    expect(bomb.length).toBeLessThan(400 * 1024);
    const started = performance.now();
    await expect(loadInSubprocess('pdf', bomb, DEFAULT_INGEST_LIMITS)).rejects.toThrow(
      /^decompression bomb: 30\d\.\d KB on disk, and its compressed streams would inflate past the 100 MB limit \(MAX_DECOMPRESSED_BYTES\) by stream 1$/,
    );
    // pdf.js itself spent 18 s on this file
    expect(performance.now() - started).toBeLessThan(8000);
  });
});
