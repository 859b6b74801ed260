// manifest.json: what a generation was built from (embedder, chunking, per-file hashes). Written last into a
// generation, so a generation with a manifest is complete.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IndexManifest } from './types.js';
import { writeFileDurable } from './index-dir.js';

// Read synchronously on purpose: under load the libuv threadpool is busy with model inference, and an async read
// queued behind it made a finished ingest go live 15–17 s late (a few MB read at once block the loop for milliseconds).
export const MANIFEST_FILE = 'manifest.json';

/** Bump when the files of a generation change shape; an index of another version is rebuilt by the next ingest. */
export const INDEX_FORMAT_VERSION = 1;

export async function writeManifest(dir: string, manifest: IndexManifest): Promise<void> {
  await writeFileDurable(path.join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
}

/** Reads and checks the manifest's shape; throws with the reason when it is not one. */
export async function readManifest(dir: string): Promise<IndexManifest> {
  const m = JSON.parse(readFileSync(path.join(dir, MANIFEST_FILE), 'utf8')) as Partial<IndexManifest>;
  const ok =
    typeof m.formatVersion === 'number' &&
    (m.embedder === null || typeof m.embedder === 'string') &&
    (m.dimensions === null || typeof m.dimensions === 'number') &&
    typeof m.files === 'object' &&
    m.files !== null &&
    Array.isArray(m.skipped) &&
    typeof m.chunking === 'object';
  if (!ok) throw new Error(`${MANIFEST_FILE} is not an index manifest`);
  return m as IndexManifest;
}

/** Stable comparison of chunking settings (key order does not matter). */
export function sameSettings(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const canon = (o: Record<string, unknown>) =>
    JSON.stringify(
      Object.keys(o)
        .sort()
        .map((k) => [k, o[k]]),
    );
  return canon(a) === canon(b);
}
