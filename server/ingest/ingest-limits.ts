// The per-file limits of an ingest (config: MAX_DECOMPRESSED_BYTES, MAX_TEXT_BYTES, LOADER_MEMORY_MB,
// LOADER_TIMEOUT_MS). One hostile file — a decompression bomb, a 50 MB text dump, a file that makes its parser
// allocate without end — must cost a warning for that file, never the ingest or the server.
import { loadConfig, type Config } from '../config.js';

export interface IngestLimits {
  /** a ZIP package may inflate to at most this many bytes in total; no file larger than this is read */
  maxDecompressedBytes: number;
  /** UTF-8 bytes of text one file may yield */
  maxTextBytes: number;
  /** heap cap (old generation) of the loader process */
  loaderMemoryMb: number;
  /** a loader that runs longer is stopped */
  loaderTimeoutMs: number;
}

export function ingestLimitsOf(config: Pick<Config, 'MAX_DECOMPRESSED_BYTES' | 'MAX_TEXT_BYTES' | 'LOADER_MEMORY_MB' | 'LOADER_TIMEOUT_MS'>): IngestLimits {
  return {
    maxDecompressedBytes: config.MAX_DECOMPRESSED_BYTES,
    maxTextBytes: config.MAX_TEXT_BYTES,
    loaderMemoryMb: config.LOADER_MEMORY_MB,
    loaderTimeoutMs: config.LOADER_TIMEOUT_MS,
  };
}

/** The documented defaults (config's schema), for callers that pass no limits (tests, benchmarks). */
export const DEFAULT_INGEST_LIMITS: Readonly<IngestLimits> = Object.freeze(ingestLimitsOf(loadConfig({ env: {}, dotenv: false })));
