// Errors of the index on disk that a user must act on. Each message says what is wrong and the command that fixes it,
// because `npm run ingest` and `npm start` print it as is.

export class IndexError extends Error {
  override name = 'IndexError';
}

export interface EmbedderId {
  embedder: string | null;
  dimensions: number | null;
}

const describe = (e: EmbedderId) => `${e.embedder} (${e.dimensions ?? '?'} dimensions)`;

/** The index was built with one embedding model and the caller queries or extends it with another. */
export class IndexMismatchError extends IndexError {
  override name = 'IndexMismatchError';
  constructor(
    readonly indexDir: string,
    readonly built: EmbedderId,
    readonly configured: EmbedderId,
  ) {
    super(
      `The index in ${indexDir} was built with embeddings ${describe(built)}, but ${describe(configured)} is ` +
        'configured; vectors of different models cannot be compared. Rebuild the index with ' +
        '`npm run ingest -- --rebuild`, or set EMBEDDINGS / EMBEDDINGS_DTYPE back to the model it was built with.',
    );
  }
}

export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
  /** when the kernel started that pid (Linux /proc), so a pid reused by another process is not mistaken for it */
  procStart?: string;
}

/** Another ingest holds INDEX_DIR/LOCK and its process is alive. */
export class IndexLockedError extends IndexError {
  override name = 'IndexLockedError';
  constructor(
    readonly lockPath: string,
    readonly holder: LockHolder,
  ) {
    super(
      `Another ingest (pid ${holder.pid} on ${holder.host}, started ${holder.startedAt}) is building this index. ` +
        `Wait for it to finish and run the command again. If no ingest is running, delete ${lockPath}.`,
    );
  }
}

/** The index on disk cannot be read: a file is missing or malformed, or it was written by another version. */
export class IndexCorruptError extends IndexError {
  override name = 'IndexCorruptError';
  constructor(indexDir: string, detail: string, options?: { cause?: unknown }) {
    super(
      `The index in ${indexDir} cannot be read (${detail}). Rebuild it with \`npm run ingest -- --rebuild\`.`,
      options,
    );
  }
}

export class CorpusMissingError extends IndexError {
  override name = 'CorpusMissingError';
  constructor(corpusDir: string) {
    super(`The corpus folder ${corpusDir} does not exist. Create it and put documents in it, or pass --corpus DIR.`);
  }
}

/**
 * The store holding the index cannot be reached right now (a database refusing or dropping connections, or not
 * answering in time). Unlike the errors above, nobody has to fix the index: the same request may work a moment later.
 */
export class StoreUnavailableError extends IndexError {
  override name = 'StoreUnavailableError';
}
