// Decompression-bomb guard for ZIP packages (.docx): before a parser inflates anything, read the central directory
// and then inflate every entry into a byte counter (nothing is kept), refusing the package as soon as the total
// passes the limit. The declared sizes alone are not enough — they are written by whoever made the file, and
// JSZip (under mammoth) does not hold an entry to them — so the real inflated bytes are counted too.
// Format: PKWARE APPNOTE.TXT §4.3 (local header, central directory header, end of central directory record).
import { countInflatedBytes } from './count-inflated-bytes.js';
import { formatBytes } from './format-bytes.js';
import { LoadFailure } from './load-document.js';

const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const EOCD_MIN = 22;
/** the EOCD record ends the file, after a comment of at most 65,535 bytes */
const EOCD_SEARCH = EOCD_MIN + 0xffff;
/** a Word document has a few dozen parts; tens of thousands is an attack on the parser, not a document */
const MAX_ENTRIES = 10_000;

export interface ZipEntryInfo {
  name: string;
  method: number;
  compressedSize: number;
  declaredSize: number;
  dataOffset: number;
}

const damaged = (why: string) => new LoadFailure(`the ZIP package is damaged (${why})`);

/** The entries of the central directory, with where each one's data starts. Throws LoadFailure. */
export function readZipEntries(bytes: Uint8Array): ZipEntryInfo[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - EOCD_MIN; i >= Math.max(0, bytes.length - EOCD_SEARCH); i--) {
    if (view.getUint32(i, true) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged('no end-of-central-directory record');
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  // ZIP64 marks (0xFFFF entries, 0xFFFFFFFF offsets) only appear in packages of gigabytes or ~65k parts.
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    throw new LoadFailure('the ZIP package uses ZIP64 (a package this large is not a document; refused)');
  }
  if (count > MAX_ENTRIES) throw new LoadFailure(`the ZIP package has ${count} parts (at most ${MAX_ENTRIES} are read)`);
  if (cdOffset + cdSize > eocd) throw damaged('the central directory lies outside the file');
  const entries: ZipEntryInfo[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== CENTRAL_SIG) throw damaged(`central directory entry ${n + 1} is not where it should be`);
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const declaredSize = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const localOffset = view.getUint32(p + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength));
    if (compressedSize === 0xffffffff || declaredSize === 0xffffffff || localOffset === 0xffffffff) {
      throw new LoadFailure(`the ZIP package uses ZIP64 for "${name}" (a part this large is not a document; refused)`);
    }
    if (localOffset + 30 > bytes.length || view.getUint32(localOffset, true) !== LOCAL_SIG) {
      throw damaged(`the local header of "${name}" is missing`);
    }
    const dataOffset = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    if (dataOffset + compressedSize > bytes.length) throw damaged(`"${name}" runs past the end of the file`);
    entries.push({ name, method, compressedSize, declaredSize, dataOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Refuses (LoadFailure) a ZIP package whose entries inflate to more than `maxBytes` in total, declared or real. */
export async function checkZipSize(bytes: Uint8Array, maxBytes: number): Promise<void> {
  const entries = readZipEntries(bytes);
  const limit = `the ${formatBytes(maxBytes)} limit (MAX_DECOMPRESSED_BYTES)`;
  const declared = entries.reduce((sum, e) => sum + e.declaredSize, 0);
  if (declared > maxBytes) {
    const biggest = entries.reduce((a, b) => (b.declaredSize > a.declaredSize ? b : a));
    throw new LoadFailure(
      `decompression bomb: ${formatBytes(bytes.length)} on disk would inflate to ${formatBytes(declared)} ` +
        `("${biggest.name}" alone ${formatBytes(biggest.declaredSize)}), over ${limit}`,
    );
  }
  let total = 0;
  for (const e of entries) {
    const data = bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    if (e.method === 0) total += data.length;
    else if (e.method === 8) {
      const { bytes: inflated, damaged: broken } = await countInflatedBytes(data, maxBytes - total, { raw: true });
      if (broken && inflated <= maxBytes - total) throw damaged(`"${e.name}" does not inflate`);
      total += inflated;
    }
    else throw new LoadFailure(`"${e.name}" uses ZIP compression method ${e.method} (only stored and deflate are read)`);
    if (total > maxBytes) {
      throw new LoadFailure(
        `decompression bomb: "${e.name}" inflates past its declared ${formatBytes(e.declaredSize)}; ` +
          `the package would exceed ${limit}`,
      );
    }
  }
}
