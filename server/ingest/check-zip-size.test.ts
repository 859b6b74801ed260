import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkZipSize, readZipEntries } from './check-zip-size.js';
import { LoadFailure } from './load-document.js';
import { docxEntries, makeZip, paragraph } from './testing/make-zip.js';

const MB = 1024 * 1024;
const LIMIT = 100 * MB;

describe('checkZipSize', () => {
  it('passes a real Word document and reads its parts', async () => {
    const bytes = readFileSync(path.join(import.meta.dirname, 'fixtures', 'corpus', 'wetlands-guide.docx'));
    await expect(checkZipSize(bytes, LIMIT)).resolves.toBeUndefined();
    expect(readZipEntries(bytes).map((e) => e.name)).toContain('word/document.xml');
  });

  it('refuses a bomb by its declared sizes: 295 MB of document.xml in a package of 719 KB', async () => {
    const bomb = await makeZip(docxEntries({ body: paragraph('A'.repeat(1000)).repeat(1000), repeat: 300 }));
    expect(bomb.length).toBeLessThan(MB);
    const err = await checkZipSize(bomb, LIMIT).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LoadFailure);
    expect((err as Error).message).toMatch(
      /^decompression bomb: [\d.]+ KB on disk would inflate to 295\.5 MB \("word\/document\.xml" alone 295\.5 MB\), over the 100 MB limit \(MAX_DECOMPRESSED_BYTES\)$/,
    );
  });

  it('refuses a bomb that lies about its sizes, by counting what really inflates', async () => {
    const liar = await makeZip(docxEntries({ body: 'B'.repeat(MB), repeat: 150, declaredSize: 4096 }));
    const err = await checkZipSize(liar, LIMIT).catch((e: unknown) => e);
    expect((err as Error).message).toBe(
      'decompression bomb: "word/document.xml" inflates past its declared 4 KB; the package would exceed the 100 MB limit (MAX_DECOMPRESSED_BYTES)',
    );
  });

  it('names damage instead of throwing a RangeError', async () => {
    const ok = await makeZip(docxEntries({ body: paragraph('hello') }));
    await expect(checkZipSize(ok.subarray(0, ok.length - 30), LIMIT)).rejects.toThrow(
      'the ZIP package is damaged (no end-of-central-directory record)',
    );
    const cut = Buffer.concat([ok.subarray(0, 200), ok.subarray(ok.length - 200)]);
    await expect(checkZipSize(cut, LIMIT)).rejects.toThrow(/^the ZIP package is damaged/);
  });
});
