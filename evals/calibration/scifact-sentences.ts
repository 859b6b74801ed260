// SciFact abstracts as sentence lists (the evidence labels in queries.jsonl index sentences, which corpus.jsonl
// has joined into one text). Read from the upstream export in ../shared/bench/scifact/source/scifact_hf_csv.zip:
// corpus_train.csv, whose `abstract` column is a numpy-array repr of Python string literals.
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

/** The members of a zip file (stored or deflated), by name. */
export function readZip(file: string): Map<string, Buffer> {
  const buf = readFileSync(file);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error(`${file}: not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataStart, dataStart + compressed);
    out.set(name, method === 0 ? data : inflateRawSync(data));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** RFC 4180 CSV (quoted fields may hold commas, quotes doubled, newlines). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };

/** The string literals of a Python/numpy list repr, e.g. `['a' "b's"]`. */
export function pythonStrings(repr: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < repr.length; i++) {
    const q = repr[i];
    if (q !== "'" && q !== '"') continue;
    let s = '';
    for (i++; i < repr.length && repr[i] !== q; i++) {
      if (repr[i] === '\\') {
        const e = repr[++i];
        if (e === 'x') {
          s += String.fromCharCode(parseInt(repr.slice(i + 1, i + 3), 16));
          i += 2;
        } else if (e === 'u') {
          s += String.fromCharCode(parseInt(repr.slice(i + 1, i + 5), 16));
          i += 4;
        } else s += ESCAPES[e] ?? `\\${e}`;
      } else s += repr[i];
    }
    out.push(s);
  }
  return out;
}

/** doc_id → its abstract's sentences, stripped as BEIR stripped them. */
export function scifactAbstracts(zipFile: string): Map<string, { title: string; sentences: string[] }> {
  const csv = readZip(zipFile).get('corpus_train.csv');
  if (!csv) throw new Error(`${zipFile}: no corpus_train.csv inside`);
  const [header, ...rows] = parseCsv(csv.toString('utf8'));
  const [id, title, abstract] = ['doc_id', 'title', 'abstract'].map((c) => header.indexOf(c));
  const out = new Map<string, { title: string; sentences: string[] }>();
  for (const r of rows) if (r.length > abstract) out.set(r[id], { title: r[title], sentences: pythonStrings(r[abstract]).map((s) => s.trim()) });
  return out;
}
