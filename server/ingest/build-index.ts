// STUB (owned by the index helper): corpus → chunks → embeddings → a new index generation, swapped in atomically.
import type { SkippedFile } from '../domain.js';
import type { EmbeddingsChoice } from '../embeddings/create-embeddings.js';
import type { Logger } from '../log.js';

export interface BuildProgress {
  phase: 'scan' | 'load' | 'embed' | 'write' | 'done';
  filesDone: number;
  filesTotal: number;
  chunksDone: number;
  chunksTotal: number;
}

export interface BuildOptions {
  corpusDir: string;
  indexDir: string;
  embeddings: EmbeddingsChoice;
  log: Logger;
  /** ignore the previous index and embed everything */
  rebuild?: boolean;
  onProgress?: (p: BuildProgress) => void;
}

export interface BuildReport {
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: string[];
  skipped: SkippedFile[];
  documents: number;
  chunksTotal: number;
  chunksEmbedded: number;
  embedder: string | null;
  /** false when nothing changed and the live index was left as it was */
  wrote: boolean;
  durationMs: number;
}

export async function buildIndex(options: BuildOptions): Promise<BuildReport> {
  void options;
  throw new Error('buildIndex: not implemented yet');
}

/** Whether the index reflects the corpus and the configured embedder; cheap (hashes only, no parsing). */
export async function checkIndexFreshness(options: Pick<BuildOptions, 'corpusDir' | 'indexDir' | 'embeddings'>): Promise<{ fresh: boolean; reason: string }> {
  void options;
  throw new Error('checkIndexFreshness: not implemented yet');
}
