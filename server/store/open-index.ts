// STUB (owned by the index helper): loads INDEX_DIR's current generation into a SearchableIndex.
import type { SearchableIndex } from './types.js';

export interface OpenIndexOptions {
  /** embedder id the caller will query with (null: none available). A different model/dims is refused. */
  embedder: string | null;
  dimensions: number | null;
}

/** null when no index has been built yet. Throws IndexMismatchError when built by another embedder. */
export async function openIndex(indexDir: string, options: OpenIndexOptions): Promise<SearchableIndex | null> {
  void indexDir;
  void options;
  throw new Error('openIndex: not implemented yet');
}
