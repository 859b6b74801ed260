// JSON arrays written one element per line:
//   [
//   {…},
//   {…}
//   ]
// still one JSON text (any JSON reader takes it, and stores written as one line by earlier versions read the same
// way), and a file too large for one string — V8's strings stop at about 512 MB — can be written piece by piece and
// read line by line. JSON.stringify escapes every newline inside a value, so a line never splits an element.

/** Pieces of the array's text, one element per line (for writeFileDurable). */
export function* jsonArrayLines(items: readonly unknown[]): Generator<string> {
  yield '[\n';
  for (let i = 0; i < items.length; i++) yield `${JSON.stringify(items[i])}${i < items.length - 1 ? ',' : ''}\n`;
  yield ']\n';
}

/** Files below this size are parsed whole (one JSON.parse is faster than one per line). */
const WHOLE_PARSE_BYTES = 256 << 20;

/** Parses a JSON array file's bytes; large files line by line (they were written by jsonArrayLines). */
export function parseJsonArray<T>(bytes: Uint8Array, name: string, wholeParseBytes = WHOLE_PARSE_BYTES): T[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.byteLength < wholeParseBytes) {
    const value = JSON.parse(buf.toString('utf8')) as unknown;
    if (!Array.isArray(value)) throw new Error(`${name} is not a JSON array`);
    return value as T[];
  }
  const out: T[] = [];
  let start = 0;
  let line = 0;
  let closed = false;
  while (start < buf.byteLength) {
    let end = buf.indexOf(0x0a, start);
    if (end < 0) end = buf.byteLength;
    const text = buf.toString('utf8', start, end).trim();
    start = end + 1;
    line++;
    if (line === 1) {
      if (text !== '[') throw new Error(`${name} is not a JSON array written one element per line`);
      continue;
    }
    if (text === ']') {
      closed = true;
      break;
    }
    if (!text) continue;
    try {
      out.push(JSON.parse(text.endsWith(',') ? text.slice(0, -1) : text) as T);
    } catch (err) {
      throw new Error(`${name} line ${line}: ${(err as Error).message}`);
    }
  }
  if (!closed) throw new Error(`${name} ends before the array does (a truncated file)`);
  return out;
}
