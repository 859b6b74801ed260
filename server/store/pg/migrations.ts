// The PostgreSQL schema, as numbered migrations applied in order by migrate.ts. Never edit a migration that has
// shipped: add the next number. Everything lives in the schema `assistant`.
//
//   state      one row: generation (bumped by every committed change; API processes poll it), embedder, chunking,
//              search-text fingerprint, skipped files, BM25 totals (chunk count, Σ lexical length), HNSW settings
//   documents  one row per indexed file: relPath, content hash, metadata (jsonb) and the cleaned text
//   chunks     offsets into the document text (+ page, section); the text only when it is not that slice; the hash
//              of the embedded text (reuse key); the vector (`vector`, any length: the HNSW index is an expression
//              index on embedding::vector(<dims>), created by the ingest once the model's dimensions are known)
//   postings   BM25 postings: term → chunk, term frequency and the chunk's length (the source of truth, written in
//              each file's transaction)
//   lexical_blocks (2) the same postings packed per term ([chunk id, tf] as big-endian int4 pairs, chunk ids
//              ascending) for every chunk up to state.lexical_upto; a search reads a term's blocks plus the postings
//              rows above lexical_upto (lexical-blocks.ts)

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const SCHEMA = 'assistant';

/**
 * Every posting packed into one block per term, and lexical_upto moved to the newest chunk (lexical-blocks.ts runs it
 * when too many packed postings belong to deleted chunks; migration 2 runs it on the postings already there).
 */
export const REBUILD_LEXICAL_BLOCKS = `
      DELETE FROM ${SCHEMA}.lexical_blocks;
      INSERT INTO ${SCHEMA}.lexical_blocks (term, seq, postings, data)
        SELECT term, 1, count(*), string_agg(int4send(chunk::int4) || int4send(tf), ''::bytea ORDER BY chunk)
          FROM ${SCHEMA}.postings GROUP BY term;
      UPDATE ${SCHEMA}.state SET lexical_upto = coalesce((SELECT max(id) FROM ${SCHEMA}.chunks), 0), lexical_dead = 0;`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'documents, chunks, vectors and BM25 postings',
    sql: `
      CREATE EXTENSION IF NOT EXISTS vector;
      CREATE TABLE ${SCHEMA}.state (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        generation bigint NOT NULL DEFAULT 0,
        embedder text,
        dimensions integer,
        chunking jsonb,
        search_text text,
        skipped jsonb NOT NULL DEFAULT '[]',
        built_at timestamptz,
        chunk_count bigint NOT NULL DEFAULT 0,
        lexical_length bigint NOT NULL DEFAULT 0,
        hnsw jsonb
      );
      INSERT INTO ${SCHEMA}.state DEFAULT VALUES;
      CREATE TABLE ${SCHEMA}.documents (
        doc_id text PRIMARY KEY,
        rel_path text NOT NULL UNIQUE,
        hash text NOT NULL,
        meta jsonb NOT NULL,
        body text NOT NULL
      );
      CREATE TABLE ${SCHEMA}.chunks (
        id bigserial PRIMARY KEY,
        doc_id text NOT NULL REFERENCES ${SCHEMA}.documents (doc_id) ON DELETE CASCADE,
        chunk_id text NOT NULL UNIQUE,
        start_offset integer NOT NULL,
        end_offset integer NOT NULL,
        page integer,
        section text,
        is_references boolean NOT NULL,
        tokens integer NOT NULL,
        own_text text,
        text_key text,
        lexical_length integer NOT NULL,
        embedding vector
      );
      CREATE INDEX chunks_doc_id ON ${SCHEMA}.chunks (doc_id);
      CREATE INDEX chunks_text_key ON ${SCHEMA}.chunks (text_key);
      CREATE TABLE ${SCHEMA}.postings (
        term text NOT NULL,
        chunk bigint NOT NULL REFERENCES ${SCHEMA}.chunks (id) ON DELETE CASCADE,
        tf integer NOT NULL,
        len integer NOT NULL,
        PRIMARY KEY (term, chunk)
      );
      CREATE INDEX postings_chunk ON ${SCHEMA}.postings (chunk);
    `,
  },
  {
    version: 2,
    name: 'BM25 postings packed per term (lexical_blocks)',
    sql: `
      ALTER TABLE ${SCHEMA}.state ADD COLUMN lexical_upto bigint NOT NULL DEFAULT 0,
                                  ADD COLUMN lexical_dead bigint NOT NULL DEFAULT 0;
      CREATE TABLE ${SCHEMA}.lexical_blocks (
        term text NOT NULL,
        seq integer NOT NULL,
        postings integer NOT NULL,
        data bytea NOT NULL,
        PRIMARY KEY (term, seq)
      );
      -- read whole on every search: not compressed, so it is read as it lies
      ALTER TABLE ${SCHEMA}.lexical_blocks ALTER COLUMN data SET STORAGE EXTERNAL;
      ${REBUILD_LEXICAL_BLOCKS}
    `,
  },
];
