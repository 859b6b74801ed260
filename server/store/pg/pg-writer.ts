// Writes of the ingest into PostgreSQL, each inside the caller's transaction: replace one document (its row, chunks,
// vectors and postings), remove one, record the finished ingest. Every write bumps state.generation and keeps the
// BM25 totals (chunk count, Σ lexical length) in step with the postings, so a reader of any committed state scores
// exactly as Bm25Index would over that state's chunks.
import type pg from 'pg';
import type { Chunk, SourceDoc } from '../../domain.js';
import { analyze } from '../bm25-tokenize.js';
import type { IndexManifest } from '../types.js';
import { countDeadPostings } from './lexical-blocks.js';
import { SCHEMA } from './migrations.js';
import { vectorLiteral } from './pg-vector-search.js';

export interface DocumentWrite {
  doc: SourceDoc;
  chunks: Chunk[];
  /** per chunk: the text BM25 indexes (index-text.ts lexicalText) */
  lexicalTexts: string[];
  /** per chunk: hash of the embedded text, and its vector (null: none, lexical-only) */
  textKeys: (string | null)[];
  vectors: (ArrayLike<number> | null)[];
}

type Db = Pick<pg.PoolClient, 'query'>;

/** Deletes the document stored under this relPath or docId (chunks and postings go with it); null when none. */
export async function removeDocument(db: Db, where: { relPath: string; docId?: string }): Promise<{ docId: string } | null> {
  const { rows } = await db.query<{ doc_id: string; n: number; len: number }>(
    `SELECT d.doc_id, count(c.id) AS n, coalesce(sum(c.lexical_length), 0) AS len
       FROM ${SCHEMA}.documents d LEFT JOIN ${SCHEMA}.chunks c ON c.doc_id = d.doc_id
      WHERE d.rel_path = $1 OR d.doc_id = $2 GROUP BY d.doc_id`,
    [where.relPath, where.docId ?? null],
  );
  if (!rows.length) return null;
  for (const r of rows) {
    await countDeadPostings(db, r.doc_id);
    await db.query(`DELETE FROM ${SCHEMA}.documents WHERE doc_id = $1`, [r.doc_id]);
    await db.query(
      `UPDATE ${SCHEMA}.state SET chunk_count = chunk_count - $1, lexical_length = lexical_length - $2, generation = generation + 1`,
      [r.n, r.len],
    );
  }
  return { docId: rows[0].doc_id };
}

/** Replaces whatever is stored for the document's relPath or docId with this version. */
export async function writeDocument(db: Db, w: DocumentWrite): Promise<void> {
  const { doc, chunks } = w;
  if (w.lexicalTexts.length !== chunks.length || w.vectors.length !== chunks.length || w.textKeys.length !== chunks.length) {
    throw new Error(`writeDocument ${doc.docId}: ${chunks.length} chunks, ${w.lexicalTexts.length} texts, ${w.vectors.length} vectors`);
  }
  await removeDocument(db, { relPath: doc.relPath, docId: doc.docId });
  const { text, ...meta } = doc;
  await db.query(`INSERT INTO ${SCHEMA}.documents (doc_id, rel_path, hash, meta, body) VALUES ($1, $2, $3, $4, $5)`, [
    doc.docId,
    doc.relPath,
    doc.hash,
    JSON.stringify(meta),
    text,
  ]);
  if (!chunks.length) {
    await db.query(`UPDATE ${SCHEMA}.state SET generation = generation + 1`);
    return;
  }
  const terms = w.lexicalTexts.map((t) => analyze(t));
  const { rows } = await db.query<{ id: number; chunk_id: string }>(
    `INSERT INTO ${SCHEMA}.chunks (doc_id, chunk_id, start_offset, end_offset, page, section, is_references, tokens,
                                  own_text, text_key, lexical_length, embedding)
     SELECT $1, * FROM unnest($2::text[], $3::int[], $4::int[], $5::int[], $6::text[], $7::bool[], $8::int[],
                              $9::text[], $10::text[], $11::int[], $12::vector[])
     RETURNING id, chunk_id`,
    [
      doc.docId,
      chunks.map((c) => c.chunkId),
      chunks.map((c) => c.start),
      chunks.map((c) => c.end),
      chunks.map((c) => c.page),
      chunks.map((c) => c.section),
      chunks.map((c) => c.isReferences),
      chunks.map((c) => c.tokens),
      // Stored as offsets into the document text, as the local chunk store does; the text only when it is not the slice.
      chunks.map((c) => (text.slice(c.start, c.end) === c.text ? null : c.text)),
      w.textKeys,
      terms.map((t) => t.length),
      w.vectors.map((v) => (v ? vectorLiteral(v) : null)),
    ],
  );
  const idOf = new Map(rows.map((r) => [r.chunk_id, r.id]));
  const pTerm: string[] = [];
  const pChunk: number[] = [];
  const pTf: number[] = [];
  const pLen: number[] = [];
  chunks.forEach((c, i) => {
    const tf = new Map<string, number>();
    for (const t of terms[i]) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, n] of tf) {
      pTerm.push(t);
      pChunk.push(idOf.get(c.chunkId)!);
      pTf.push(n);
      pLen.push(terms[i].length);
    }
  });
  await db.query(
    `INSERT INTO ${SCHEMA}.postings (term, chunk, tf, len) SELECT * FROM unnest($1::text[], $2::bigint[], $3::int[], $4::int[])`,
    [pTerm, pChunk, pTf, pLen],
  );
  const total = terms.reduce((s, t) => s + t.length, 0);
  await db.query(
    `UPDATE ${SCHEMA}.state SET chunk_count = chunk_count + $1, lexical_length = lexical_length + $2, generation = generation + 1`,
    [chunks.length, total],
  );
}

export interface IngestRecord {
  embedder: string | null;
  dimensions: number | null;
  chunking: Record<string, unknown>;
  searchText: string;
  skipped: IndexManifest['skipped'];
}

/** Marks the ingest finished: what the stored index was built with, and when. */
export async function recordIngest(db: Db, r: IngestRecord): Promise<void> {
  await db.query(
    `UPDATE ${SCHEMA}.state SET embedder = $1, dimensions = $2, chunking = $3, search_text = $4, skipped = $5,
            built_at = now(), generation = generation + 1`,
    [r.embedder, r.dimensions, JSON.stringify(r.chunking), r.searchText, JSON.stringify(r.skipped)],
  );
}

/** What the rows being written are built with, recorded before the first ingest writes any (so a killed first ingest resumes). */
export async function recordSettings(db: Db, r: Omit<IngestRecord, 'skipped'>): Promise<void> {
  await db.query(`UPDATE ${SCHEMA}.state SET embedder = $1, dimensions = $2, chunking = $3, search_text = $4`, [
    r.embedder,
    r.dimensions,
    JSON.stringify(r.chunking),
    r.searchText,
  ]);
}
