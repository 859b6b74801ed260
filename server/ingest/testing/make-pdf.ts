// Test helper, not product code: a one-page PDF whose content stream is FlateDecode-compressed. `padding` bytes of
// spaces (PDF white space) come before the text operators, compressed by repeating one full-flushed block, so a
// stream of hundreds of MB fits in a few hundred KB (the same trick as make-zip.ts).
import { constants, deflateRawSync } from 'node:zlib';

export function makePdf(text: string, paddingMb = 0): Buffer {
  const block = deflateRawSync(Buffer.alloc(1 << 20, 0x20), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const ops = Buffer.from(`BT /F1 12 Tf 72 712 Td (${text}) Tj ET`);
  // zlib header, the raw deflate blocks, and a trailer pdf.js does not check (its Adler-32)
  const stream = Buffer.concat([Buffer.from([0x78, 0xda]), ...Array<Buffer>(paddingMb).fill(block), deflateRawSync(ops), Buffer.alloc(4)]);
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const offsets: number[] = [];
  let length = parts[0].length;
  const add = (b: Buffer | string) => {
    const buf = Buffer.isBuffer(b) ? b : Buffer.from(b, 'latin1');
    parts.push(buf);
    length += buf.length;
  };
  const obj = (n: number, ...body: (Buffer | string)[]) => {
    offsets[n] = length;
    add(`${n} 0 obj\n`);
    body.forEach(add);
    add('\nendobj\n');
  };
  obj(1, '<< /Type /Catalog /Pages 2 0 R >>');
  obj(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  obj(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>');
  obj(4, `<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`, stream, '\nendstream');
  obj(5, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  const xref = length;
  const rows = [1, 2, 3, 4, 5].map((n) => `${String(offsets[n]).padStart(10, '0')} 00000 n \n`).join('');
  add(`xref\n0 6\n0000000000 65535 f \n${rows}trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(parts);
}

/**
 * Test helper: a PDF of several pages, each line of `pages[p]` drawn as one line of text (14 pt apart, from the
 * top), the way a text-to-PDF printer lays out a file. Uncompressed; ASCII text only (Helvetica's WinAnsi encoding).
 */
export function makePagedPdf(pages: string[][]): Buffer {
  const esc = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const n = pages.length;
  // objects: 1 catalog, 2 pages, 3 font, then a page and its content stream per page
  const pageObj = (p: number) => 4 + 2 * p;
  const chunks: string[] = ['%PDF-1.4\n'];
  const offsets: number[] = [];
  let length = chunks[0].length;
  const obj = (id: number, body: string) => {
    offsets[id] = length;
    const s = `${id} 0 obj\n${body}\nendobj\n`;
    chunks.push(s);
    length += Buffer.byteLength(s, 'latin1');
  };
  obj(1, '<< /Type /Catalog /Pages 2 0 R >>');
  obj(2, `<< /Type /Pages /Kids [${pages.map((_, p) => `${pageObj(p)} 0 R`).join(' ')}] /Count ${n} >>`);
  obj(3, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  pages.forEach((lines, p) => {
    const ops = `BT /F1 10 Tf 14 TL 72 740 Td ${lines.map((l) => `(${esc(l)}) Tj T*`).join(' ')} ET`;
    obj(pageObj(p), `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents ${pageObj(p) + 1} 0 R /Resources << /Font << /F1 3 0 R >> >> >>`);
    obj(pageObj(p) + 1, `<< /Length ${Buffer.byteLength(ops, 'latin1')} >>\nstream\n${ops}\nendstream`);
  });
  const count = 4 + 2 * n;
  const xref = length;
  const rows = Array.from({ length: count - 1 }, (_, i) => `${String(offsets[i + 1]).padStart(10, '0')} 00000 n \n`).join('');
  chunks.push(`xref\n0 ${count}\n0000000000 65535 f \n${rows}trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.from(chunks.join(''), 'latin1');
}
