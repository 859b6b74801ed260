// Decompression-bomb guard for PDFs: pdf.js inflates a FlateDecode stream whole into memory outside the JavaScript
// heap, where LOADER_MEMORY_MB does not reach (a 300 KB file whose content stream inflates to 300 MB took it 18 s and
// the memory of the inflated stream). Every stream whose dictionary names FlateDecode is inflated into a counter
// first (as many times over as the filter is repeated), and the PDF is refused once the total passes the limit.
// Not covered: streams of encrypted PDFs (they do not inflate before decryption) and LZW streams.
import { countInflatedBytes } from './count-inflated-bytes.js';
import { formatBytes } from './format-bytes.js';
import { LoadFailure } from './load-document.js';

/** how far back from `stream` its object's dictionary may start */
const DICT_WINDOW = 4096;

export async function checkPdfStreams(bytes: Uint8Array, maxBytes: number): Promise<void> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  let streams = 0;
  for (let at = buf.indexOf('stream'); at !== -1; at = buf.indexOf('stream', at + 6)) {
    if (at >= 3 && buf.toString('latin1', at - 3, at) === 'end') continue;
    // the keyword is followed by an end of line (CRLF, or LF; a lone CR is seen in the wild)
    let start = at + 6;
    if (buf[start] === 0x0d) start++;
    if (buf[start] === 0x0a) start++;
    else if (buf[start - 1] !== 0x0d) continue;
    const head = buf.toString('latin1', Math.max(0, at - DICT_WINDOW), at);
    const dict = head.slice(head.lastIndexOf(' obj') + 1);
    const layers = dict.match(/\/FlateDecode\b/g)?.length ?? 0;
    if (!layers) continue;
    const end = buf.indexOf('endstream', start);
    const data = buf.subarray(start, end === -1 ? buf.length : end);
    streams++;
    // a damaged stream counts what inflated before the damage; pdf.js decides what else to make of it
    const { bytes: inflated } = await countInflatedBytes(data, maxBytes - total, { layers });
    total += inflated;
    if (total > maxBytes) {
      throw new LoadFailure(
        `decompression bomb: ${formatBytes(bytes.length)} on disk, and its compressed streams would inflate past the ` +
          `${formatBytes(maxBytes)} limit (MAX_DECOMPRESSED_BYTES) by stream ${streams}`,
      );
    }
  }
}
