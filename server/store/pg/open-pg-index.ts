// Loads the PostgreSQL store into a SearchableIndex: documents and chunk offsets in memory (the engine lists
// documents and the retriever returns chunk positions), the lexical and vector searches answered by the database.
// Read in one REPEATABLE READ transaction, so documents, chunks and the state row come from one committed state.
import type pg from 'pg';
import type { Chunk, SourceDoc } from '../../domain.js';
import { IndexMismatchError } from '../index-errors.js';
import type { OpenIndexOptions } from '../open-index.js';
import type { AsyncLexicalSearch, IndexManifest, SearchableIndex } from '../types.js';
import { SCHEMA } from './migrations.js';
import { PgLexicalSearch } from './pg-lexical-search.js';
import type { PgReader } from './pg-read.js';
import { readStoreState, type StoreState } from './store-state.js';
import { PgVectorSearch } from './pg-vector-search.js';

export type PgSearchableIndex = SearchableIndex<AsyncLexicalSearch> & { generation: number };

interface ChunkRow {
  id: number;
  doc_id: string;
  chunk_id: string;
  start_offset: number;
  end_offset: number;
  page: number | null;
  section: string | null;
  is_references: boolean;
  tokens: number;
  own_text: string | null;
  lexical_length: number;
}

/** null when nothing has been ingested yet. The searches of the index it returns run through `reader`. */
export async function openPgIndex(
  pool: pg.Pool,
  reader: PgReader,
  options: OpenIndexOptions & { database: string; efSearch: number },
): Promise<PgSearchableIndex | null> {
  const client = await pool.connect();
  let state: StoreState;
  let docRows: { rel_path: string; hash: string; meta: Omit<SourceDoc, 'text'>; body: string }[];
  let chunkRows: ChunkRow[];
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    state = await readStoreState(client);
    if (state.builtAt === null) {
      await client.query('COMMIT');
      return null;
    }
    ({ rows: docRows } = await client.query(`SELECT rel_path, hash, meta, body FROM ${SCHEMA}.documents ORDER BY doc_id`));
    ({ rows: chunkRows } = await client.query<ChunkRow>(
      `SELECT id, doc_id, chunk_id, start_offset, end_offset, page, section, is_references, tokens, own_text, lexical_length
         FROM ${SCHEMA}.chunks ORDER BY id`,
    ));
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }

  const built = { embedder: state.embedder, dimensions: state.dimensions };
  const withVectors = built.embedder !== null && options.embedder !== null;
  if (withVectors && (built.embedder !== options.embedder || built.dimensions !== options.dimensions)) {
    throw new IndexMismatchError(options.database, built, options);
  }
  const documents = new Map<string, SourceDoc>();
  const files: IndexManifest['files'] = {};
  for (const r of docRows) {
    documents.set(r.meta.docId, { ...r.meta, text: r.body });
    files[r.rel_path] = { docId: r.meta.docId, hash: r.hash, chunks: 0 };
  }
  const fileOfDoc = new Map([...documents.values()].map((d) => [d.docId, files[d.relPath]]));
  const positionOf = positionLookup(chunkRows.map((r) => Number(r.id)));
  const docLengths = Uint32Array.from(chunkRows, (r) => r.lexical_length);
  const chunks: Chunk[] = chunkRows.map((r) => {
    const entry = fileOfDoc.get(r.doc_id);
    if (entry) entry.chunks++;
    const text = r.own_text ?? documents.get(r.doc_id)?.text.slice(r.start_offset, r.end_offset) ?? '';
    return {
      chunkId: r.chunk_id,
      docId: r.doc_id,
      text,
      start: r.start_offset,
      end: r.end_offset,
      page: r.page,
      section: r.section,
      isReferences: r.is_references,
      tokens: r.tokens,
    };
  });
  const manifest: IndexManifest = {
    formatVersion: state.schemaVersion,
    embedder: state.embedder,
    dimensions: state.dimensions,
    chunking: state.chunking ?? {},
    files,
    skipped: state.skipped,
    builtAt: state.builtAt,
    counts: { documents: documents.size, chunks: chunks.length },
    generation: String(state.generation),
    ...(state.searchText ? { searchText: state.searchText } : {}),
    ...(state.hnsw ? { vectors: { space: 'cosine', ...state.hnsw, efSearch: options.efSearch } } : {}),
  };
  return {
    manifest,
    chunks,
    documents,
    lexical: new PgLexicalSearch(reader, positionOf, docLengths),
    dense: withVectors ? new PgVectorSearch(reader, built.dimensions!, options.efSearch, positionOf) : null,
    generation: state.generation,
  };
}

/**
 * Chunk row id → position, for ids in ascending order. A search looks up every posting of its terms (100k+ at 100k
 * chunks), so when the ids are dense enough (bigserial, gaps only where chunks were deleted) it is an array index
 * rather than a Map.
 */
export function positionLookup(ids: number[]): (id: number) => number | undefined {
  if (!ids.length) return () => undefined;
  const first = ids[0];
  const span = ids[ids.length - 1] - first + 1;
  if (span <= 4 * ids.length + 1024) {
    const table = new Int32Array(span).fill(-1);
    ids.forEach((id, i) => (table[id - first] = i));
    return (id) => {
      const at = id - first;
      if (at < 0 || at >= span) return undefined;
      const p = table[at];
      return p < 0 ? undefined : p;
    };
  }
  const map = new Map(ids.map((id, i) => [id, i]));
  return (id) => map.get(id);
}
