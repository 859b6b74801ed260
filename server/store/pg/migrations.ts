// The PostgreSQL schema, as numbered migrations applied in order by migrate.ts. Never edit a migration that has
// shipped: add the next number. Everything lives in the schema `assistant`.
//
//   state      one row: generation (bumped by every committed change; API processes poll it), embedder, chunking,
//              search-text fingerprint, skipped files, BM25 totals (chunk count, Σ lexical length), HNSW settings
//   documents  one row per indexed file: relPath, content hash, metadata (jsonb) and the cleaned text
//   chunks     offsets into the document text (+ page, section); the text only when it is not that slice; the hash
//              of the embedded text (reuse key); the vector (`vector`, any length: the HNSW index is an expression
//              index on embedding::vector(<dims>), created by the ingest once the model's dimensions are known)
//   postings   BM25 postings: term → chunk, term frequency and the chunk's length (so scoring reads one table)

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const SCHEMA = 'assistant';

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
];
