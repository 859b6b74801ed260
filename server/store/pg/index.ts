// What the rest of the server loads, lazily, when VECTOR_STORE=pgvector (so `pg` is imported only then).
export { openPgStoreFor, type PgStore } from './pg-store.js';
export { watchPgIndex } from './watch-pg-index.js';
