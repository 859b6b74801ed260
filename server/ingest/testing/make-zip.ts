// Test helper, not product code: writes ZIP packages (stored or deflated entries) for the decompression-bomb tests.
// An entry's content is `head + body × repeat + tail`, and a 300 MB part is built in well under a second without
// ever being held in memory. `declaredSize` lets a test write a package that lies about its sizes.
import { constants, crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntrySpec {
  name: string;
  head?: string;
  body?: string | Buffer;
  repeat?: number;
  tail?: string;
  /** the uncompressed size written into the headers (default: the true size) */
  declaredSize?: number;
}

/**
 * Deflates head + body × repeat + tail fast: each piece is compressed once, ending in a full flush (which leaves the
 * output byte-aligned and resets the history), so the body's compressed bytes can simply be repeated (RFC 1951).
 */
function deflate(spec: ZipEntrySpec): { data: Buffer; size: number; crc: number } {
  const body = typeof spec.body === 'string' ? Buffer.from(spec.body) : (spec.body ?? Buffer.alloc(0));
  const head = Buffer.from(spec.head ?? '');
  const tail = Buffer.from(spec.tail ?? '');
  const repeat = Math.round(spec.repeat ?? 1);
  const flushed = (b: Buffer) => deflateRawSync(b, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const bodyData = flushed(body);
  const data = Buffer.concat([flushed(head), ...Array<Buffer>(repeat).fill(bodyData), deflateRawSync(tail)]);
  let crc = crc32(head);
  for (let i = 0; i < repeat; i++) crc = crc32(body, crc);
  crc = crc32(tail, crc);
  return { data, size: head.length + body.length * repeat + tail.length, crc };
}

export async function makeZip(entries: ZipEntrySpec[]): Promise<Buffer> {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const spec of entries) {
    const { data, size, crc } = deflate(spec);
    const declared = spec.declaredSize ?? size;
    const name = Buffer.from(spec.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/** A minimal Word package whose document.xml is `paragraphs` (XML of w:p elements) between the usual wrapper. */
export function docxEntries(document: Omit<ZipEntrySpec, 'name' | 'head' | 'tail'>): ZipEntrySpec[] {
  return [
    {
      name: '[Content_Types].xml',
      body:
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    },
    {
      name: '_rels/.rels',
      body:
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    },
    {
      name: 'word/document.xml',
      head: `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>`,
      tail: '</w:body></w:document>',
      ...document,
    },
  ];
}

/** `<w:p>` with one run of text. */
export const paragraph = (text: string) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;
