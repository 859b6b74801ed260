// Follows INDEX_DIR/CURRENT to the live generation and reads its manifest.
import path from 'node:path';
import type { IndexManifest } from './types.js';
import { IndexCorruptError } from './index-errors.js';
import { readCurrentGeneration } from './index-dir.js';
import { readManifest } from './manifest.js';

export interface GenerationRef {
  /** directory name, gen-<id> */
  name: string;
  dir: string;
  manifest: IndexManifest;
}

/** null when no generation has been published (no index yet). */
export async function readCurrent(indexDir: string): Promise<GenerationRef | null> {
  let name: string | null;
  try {
    name = await readCurrentGeneration(indexDir);
  } catch (err) {
    throw new IndexCorruptError(indexDir, (err as Error).message, { cause: err });
  }
  if (!name) return null;
  const dir = path.join(indexDir, name);
  try {
    return { name, dir, manifest: await readManifest(dir) };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const detail = code === 'ENOENT' ? `CURRENT names ${name}, which has no manifest.json` : (err as Error).message;
    throw new IndexCorruptError(indexDir, detail, { cause: err });
  }
}
