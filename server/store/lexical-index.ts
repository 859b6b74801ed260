// The keyword index of a generation over every chunk (Hit.index = position in chunks.json):
//   bm25.json  analyzer, parameters, the vocabulary and the array lengths;
//   bm25.bin   little-endian uint32: chunk lengths, then term offsets, then the [chunk, tf] postings (bm25.ts).
// Built from scratch by each generation: cheap next to embedding, and removal can never leave a stale posting.
// A generation written before bm25.bin existed holds the postings in bm25.json itself; it is still read.
import { readFileSync } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { Bm25Index, type Bm25Data, type Bm25Json } from './bm25.js';
import { writeFileDurable } from './index-dir.js';

// Read synchronously on purpose: under load the libuv threadpool is busy with model inference, and an async read
// queued behind it made a finished ingest go live 15–17 s late (a few MB read at once block the loop for milliseconds).
export const BM25_FILE = 'bm25.json';
export const BM25_BIN_FILE = 'bm25.bin';

interface Bm25Header {
  format: 'bm25-bin-1';
  analyzer: string;
  params: Bm25Data['params'];
  chunks: number;
  postings: number;
  terms: string[];
}

/** Indexes `texts` (one per chunk, in chunk order) and writes the index. */
export async function writeLexicalIndex(dir: string, texts: string[]): Promise<void> {
  await writeBm25(dir, Bm25Index.build(texts));
}

export async function writeBm25(dir: string, index: Bm25Index): Promise<void> {
  const d = index.toData();
  const header: Bm25Header = { format: 'bm25-bin-1', analyzer: d.analyzer, params: d.params, chunks: d.docLengths.length, postings: d.postings.length, terms: d.terms };
  const bytes = (a: Uint32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  await writeFileDurable(path.join(dir, BM25_BIN_FILE), [bytes(d.docLengths), bytes(d.offsets), bytes(d.postings)]);
  await writeFileDurable(path.join(dir, BM25_FILE), JSON.stringify(header));
}

export async function readLexicalIndex(dir: string): Promise<Bm25Index> {
  const json = JSON.parse(readFileSync(path.join(dir, BM25_FILE), 'utf8')) as Bm25Header | Bm25Json;
  if (!('format' in json)) {
    if (await exists(path.join(dir, BM25_BIN_FILE))) throw new Error(`${BM25_FILE} has no format beside ${BM25_BIN_FILE}`);
    return Bm25Index.fromJSON(json);
  }
  if (json.format !== 'bm25-bin-1') throw new Error(`${BM25_FILE} has format ${String(json.format)}, which this version cannot read`);
  const raw = readFileSync(path.join(dir, BM25_BIN_FILE));
  const counts = [json.chunks, json.terms.length + 1, json.postings];
  const expected = counts.reduce((a, b) => a + b, 0) * 4;
  if (raw.byteLength !== expected) throw new Error(`${BM25_BIN_FILE} has ${raw.byteLength} bytes, expected ${expected}`);
  // Copied into an aligned buffer: a Buffer from readFileSync may start at an offset that is not a multiple of 4.
  const all = new Uint32Array(raw.byteLength / 4);
  new Uint8Array(all.buffer).set(raw);
  const [docLengths, offsets, postings] = [
    all.subarray(0, counts[0]),
    all.subarray(counts[0], counts[0] + counts[1]),
    all.subarray(counts[0] + counts[1]),
  ];
  if (offsets[offsets.length - 1] !== postings.length) throw new Error(`${BM25_BIN_FILE}: the term offsets do not end at the postings' length`);
  return Bm25Index.fromData({ analyzer: json.analyzer, params: json.params, docLengths, terms: json.terms, offsets, postings });
}

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );
