// Benchmarks only: replaces the whole stored index with prepared documents, chunks and vectors in one transaction,
// a thousand documents per statement (the ingest writes one file per transaction, which is right for a corpus
// folder and slow for 100k benchmark chunks). Rows, postings and totals are exactly what the ingest writes, and the
// HNSW index is built once at the end. The database is marked as a benchmark's (search_text "bench:<name>"), and a
// database holding a real index is refused, so a benchmark never overwrites one.
import type { Chunk, SourceDoc } from '../../domain.js';
import { analyze } from '../bm25-tokenize.js';
import { ensureVectorIndex } from './ensure-vector-index.js';
import { compactLexical } from './lexical-blocks.js';
import { SCHEMA } from './migrations.js';
import { PgStoreError } from './pg-errors.js';
import type { PgStore } from './pg-store.js';
import { readStoreState } from './store-state.js';
import { vectorLiteral } from './pg-vector-search.js';

export interface BulkLoadInput {
  /** names the benchmark in the database (state.search_text = bench:<name>) */
  name: string;
  documents: SourceDoc[];
  /** every chunk, with its BM25 text and its vector (row i = chunk i) */
  chunks: Chunk[];
  lexicalTexts: string[];
  vectors: ArrayLike<number>[] | null;
  embedder: string | null;
  onProgress?: (done: number, total: number) => void;
}

export async function bulkLoad(store: PgStore, input: BulkLoadInput): Promise<{ loadSeconds: number; indexSeconds: number }> {
  const state = await readStoreState(store.pool);
  if (state.builtAt && !state.searchText?.startsWith('bench:')) {
    throw new PgStoreError(`${store.database} holds an index ingested from a corpus; benchmarks load only into an empty or benchmark database`);
  }
  const dims = input.vectors?.[0]?.length ?? null;
  const client = await store.pool.connect();
  const t0 = performance.now();
  try {
    await client.query('BEGIN');
    await client.query(`TRUNCATE ${SCHEMA}.lexical_blocks, ${SCHEMA}.postings, ${SCHEMA}.chunks, ${SCHEMA}.documents`);
    await client.query(`DROP INDEX IF EXISTS ${SCHEMA}.chunks_embedding_hnsw`);
    // The postings' key, index and foreign key are dropped for the load and built once at the end, in this
    // transaction: maintained row by row, they made 1M chunks' ~90M postings several times slower to insert.
    await client.query(`ALTER TABLE ${SCHEMA}.postings DROP CONSTRAINT postings_pkey, DROP CONSTRAINT postings_chunk_fkey`);
    await client.query(`DROP INDEX ${SCHEMA}.postings_chunk`);
    await client.query(`UPDATE ${SCHEMA}.state SET hnsw = NULL, chunk_count = 0, lexical_length = 0, lexical_upto = 0, lexical_dead = 0`);
    const chunksOf = new Map<string, number[]>();
    input.chunks.forEach((c, i) => {
      const list = chunksOf.get(c.docId);
      if (list) list.push(i);
      else chunksOf.set(c.docId, [i]);
    });
    let chunkCount = 0;
    let lexicalLength = 0;
    const BATCH = 1000;
    for (let b = 0; b < input.documents.length; b += BATCH) {
      const docs = input.documents.slice(b, b + BATCH);
      await client.query(
        `INSERT INTO ${SCHEMA}.documents (doc_id, rel_path, hash, meta, body) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::text[])`,
        [docs.map((d) => d.docId), docs.map((d) => d.relPath), docs.map((d) => d.hash), docs.map(({ text: _t, ...meta }) => JSON.stringify(meta)), docs.map((d) => d.text)],
      );
      const rows = docs.flatMap((d) => chunksOf.get(d.docId) ?? []);
      const terms = rows.map((i) => analyze(input.lexicalTexts[i]));
      const docText = new Map(docs.map((d) => [d.docId, d.text]));
      const ids = await client.query<{ id: number }>(
        `INSERT INTO ${SCHEMA}.chunks (doc_id, chunk_id, start_offset, end_offset, page, section, is_references, tokens, own_text, text_key, lexical_length, embedding)
         SELECT doc_id, chunk_id, s, e, page, section, refs, tokens, own, tkey, len, v
           FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::int[], $6::text[], $7::bool[], $8::int[], $9::text[], $10::text[], $11::int[], $12::vector[])
                WITH ORDINALITY AS u (doc_id, chunk_id, s, e, page, section, refs, tokens, own, tkey, len, v, ord)
          ORDER BY ord RETURNING id`,
        [
          rows.map((i) => input.chunks[i].docId),
          rows.map((i) => input.chunks[i].chunkId),
          rows.map((i) => input.chunks[i].start),
          rows.map((i) => input.chunks[i].end),
          rows.map((i) => input.chunks[i].page),
          rows.map((i) => input.chunks[i].section),
          rows.map((i) => input.chunks[i].isReferences),
          rows.map((i) => input.chunks[i].tokens),
          rows.map((i) => {
            const c = input.chunks[i];
            return docText.get(c.docId)!.slice(c.start, c.end) === c.text ? null : c.text;
          }),
          rows.map(() => null),
          terms.map((t) => t.length),
          rows.map((i) => (input.vectors ? vectorLiteral(input.vectors[i]) : null)),
        ],
      );
      const pTerm: string[] = [];
      const pChunk: number[] = [];
      const pTf: number[] = [];
      const pLen: number[] = [];
      terms.forEach((list, j) => {
        const tf = new Map<string, number>();
        for (const t of list) tf.set(t, (tf.get(t) ?? 0) + 1);
        for (const [t, n] of tf) {
          pTerm.push(t);
          pChunk.push(ids.rows[j].id);
          pTf.push(n);
          pLen.push(list.length);
        }
        lexicalLength += list.length;
      });
      chunkCount += rows.length;
      await client.query(`INSERT INTO ${SCHEMA}.postings (term, chunk, tf, len) SELECT * FROM unnest($1::text[], $2::bigint[], $3::int[], $4::int[])`, [pTerm, pChunk, pTf, pLen]);
      input.onProgress?.(chunkCount, input.chunks.length);
    }
    await client.query(`SET LOCAL maintenance_work_mem = '1GB'`);
    await client.query(`ALTER TABLE ${SCHEMA}.postings ADD PRIMARY KEY (term, chunk)`);
    await client.query(`CREATE INDEX postings_chunk ON ${SCHEMA}.postings (chunk)`);
    await client.query(`ALTER TABLE ${SCHEMA}.postings ADD CONSTRAINT postings_chunk_fkey FOREIGN KEY (chunk) REFERENCES ${SCHEMA}.chunks (id) ON DELETE CASCADE`);
    await client.query(
      `UPDATE ${SCHEMA}.state SET chunk_count = $1, lexical_length = $2, embedder = $3, dimensions = $4, chunking = '{}', search_text = $5,
              skipped = '[]', built_at = now(), generation = generation + 1`,
      [chunkCount, lexicalLength, input.embedder, dims, `bench:${input.name}`],
    );
    await client.query('COMMIT');
    // the postings packed per term for searches, as an ingest leaves them (lexical-blocks.ts)
    await compactLexical(client);
    const loadSeconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    // pgvector builds fastest when the whole graph fits in maintenance_work_mem: vectors plus 2·M neighbours each.
    const { m, efConstruction } = store.settings.hnsw;
    const graphGb = dims ? Math.min(8, Math.max(1, Math.ceil((chunkCount * (dims * 4 + 2 * m * 8 + 64)) / 2 ** 30))) : 1;
    if (dims) await ensureVectorIndex(client, dims, { m, efConstruction }, { maintenanceWorkMem: `${graphGb}GB` });
    await client.query(`VACUUM ANALYZE ${SCHEMA}.postings`);
    await client.query(`VACUUM ANALYZE ${SCHEMA}.chunks`);
    return { loadSeconds, indexSeconds: (performance.now() - t1) / 1000 };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
