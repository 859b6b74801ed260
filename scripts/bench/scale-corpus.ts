// Corpora of any size for the scale benchmark (scripts/bench-scale.ts), grown from a real one: SciFact's 9,998
// chunks with their real MiniLM vectors, then derived chunks until the size is reached. Embedding 1M chunks here
// would take about a day, so the derived chunks are made from the real ones:
//   text   the first half of one real chunk's sentences followed by the second half of another's (chunks of two
//          different documents, picked by a seeded generator), so the vocabulary, term frequencies and chunk lengths
//          are SciFact's;
//   vector the two source chunks' real vectors weighted by the share of the text each gave, then scaled to unit
//          length: what an embedding of the joined text roughly is, and spread over the same region of the space;
//   document two derived chunks each, titled as the first chunk's source document.
// Deterministic: a size is a prefix of every larger size (same seed), so 100k is the first 100k of 1M.
import { plainSourceDoc, type Chunk, type SourceDoc } from '../../server/domain.js';

export interface BaseCorpus {
  documents: Map<string, SourceDoc>;
  chunks: Chunk[];
  /** row i = chunk i, unit length */
  vectors: Float32Array[];
}

export interface ScaleCorpus {
  size: number;
  /** chunks taken as they are from the base corpus */
  real: number;
  documents: SourceDoc[];
  /** in document order, as the stores number them */
  chunks: Chunk[];
  dimensions: number;
  /** row-major, row i = chunk i */
  vectors: Float32Array;
}

/** mulberry32: a small seeded generator, so every run derives the same corpus. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sentencesOf = (text: string) => text.split(/(?<=[.!?])\s+/).filter((s) => s.trim());

export const CHUNKS_PER_DERIVED_DOCUMENT = 2;

export function deriveScaleCorpus(base: BaseCorpus, size: number, seed = 20261202): ScaleCorpus {
  const dims = base.vectors[0].length;
  const real = Math.min(size, base.chunks.length);
  const vectors = new Float32Array(size * dims);
  const documents: SourceDoc[] = [];
  const chunks: Chunk[] = [];
  // The real part: whole documents while they fit.
  const realDocs = new Set(base.chunks.slice(0, real).map((c) => c.docId));
  for (const id of realDocs) documents.push(base.documents.get(id)!);
  for (let i = 0; i < real; i++) {
    chunks.push(base.chunks[i]);
    vectors.set(base.vectors[i], i * dims);
  }
  const sentences = base.chunks.map((c) => sentencesOf(c.text));
  const rand = seeded(seed);
  const pick = () => Math.floor(rand() * base.chunks.length);
  let row = real;
  for (let d = 0; row < size; d++) {
    const docId = `scale-${d}`;
    const parts: { text: string; a: number }[] = [];
    for (let n = 0; n < CHUNKS_PER_DERIVED_DOCUMENT && row + n < size; n++) {
      const a = pick();
      let b = pick();
      while (base.chunks[b].docId === base.chunks[a].docId) b = pick();
      const sa = sentences[a].length ? sentences[a] : [base.chunks[a].text];
      const sb = sentences[b].length ? sentences[b] : [base.chunks[b].text];
      const head = sa.slice(0, Math.max(1, Math.ceil(sa.length / 2))).join(' ');
      const tail = sb.slice(Math.floor(sb.length / 2)).join(' ');
      const share = head.length / Math.max(1, head.length + tail.length);
      const va = base.vectors[a];
      const vb = base.vectors[b];
      const at = (row + n) * dims;
      let norm = 0;
      for (let i = 0; i < dims; i++) {
        const x = share * va[i] + (1 - share) * vb[i];
        vectors[at + i] = x;
        norm += x * x;
      }
      norm = Math.sqrt(norm) || 1;
      for (let i = 0; i < dims; i++) vectors[at + i] /= norm;
      parts.push({ text: `${head} ${tail}`, a });
    }
    const text = parts.map((p) => p.text).join('\n\n');
    const title = base.documents.get(base.chunks[parts[0].a].docId)?.title ?? docId;
    documents.push(plainSourceDoc({ docId, title, text, relPath: `${docId}.txt`, format: 'derived', hash: docId }));
    let start = 0;
    parts.forEach((p, n) => {
      const source = base.chunks[p.a];
      chunks.push({
        chunkId: `${docId}#${n}`,
        docId,
        text: p.text,
        start,
        end: start + p.text.length,
        page: null,
        section: null,
        isReferences: false,
        tokens: source.tokens,
      });
      start += p.text.length + 2;
    });
    row += parts.length;
  }
  return { size, real, documents, chunks, dimensions: dims, vectors };
}
