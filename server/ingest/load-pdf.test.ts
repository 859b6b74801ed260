import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isRealAuthor, isRealTitle } from './load-metadata.js';
import { firstPageTitle, loadPdf } from './load-pdf.js';
import { makePdf } from './testing/make-pdf.js';

const LIMITS = { maxDecompressedBytes: 100 * 2 ** 20 };
// A real PDF whose title is also the running header of every page (Debian's shared-mime-info documentation)
const SPEC = '/usr/share/doc/shared-mime-info/shared-mime-info-spec.pdf';

describe('PDF title', () => {
  it('takes the title from page 1 as printed when the PDF has no metadata title', async () => {
    const d = await loadPdf(makePdf('Groundwater Recharge in Dry Valleys'), LIMITS);
    expect(d.meta.title).toBe('Groundwater Recharge in Dry Valleys');
  });

  it('skips page numbers, dates and addresses at the top of page 1', () => {
    expect(firstPageTitle('3\n2021-04-01\nhttps://example.org/x\nThe Harbour Survey of 1902\nA. Writer')).toBe('The Harbour Survey of 1902');
    expect(firstPageTitle('Introduction.\n12')).toBeUndefined();
  });

  it("skips a man page's running header for its NAME line (groff -man -Tpdf, issue 22)", () => {
    expect(firstPageTitle('TAR(1) GNU TAR Manual TAR(1)\nNAME\ntar - an archiving utility\nSYNOPSIS')).toBe('tar - an archiving utility');
  });

  it("ignores reportlab's placeholder title and author", async () => {
    // makePdf writes no Info dictionary; reportlab writes "(anonymous)" for both when a script sets neither
    const d = await loadPdf(makePdf('Apache License'), LIMITS);
    expect(d.meta).toEqual({ title: 'Apache License' });
    expect(isRealTitle('(anonymous)')).toBe(false);
    expect(isRealAuthor('(anonymous)')).toBe(false);
    expect(isRealAuthor('Mira Jensen')).toBe(true);
  });

  it.skipIf(!existsSync(SPEC))('keeps a title that is also the running header (shared-mime-info spec)', async () => {
    const d = await loadPdf(new Uint8Array(readFileSync(SPEC)), LIMITS);
    expect(d.meta.title).toBe('Shared MIME-info Database');
  });
});
