// Walks the corpus folder → the files to ingest, each with the metadata that applies to it and a content hash.
// Metadata sources, most specific first: `<file>.meta.json` sidecar, then the `sources.json` of the file's folder
// (an array of objects with a "file" key, as in the seed corpus). Front matter inside .md files is read later by
// the loader and ranks below both. A broken metadata file never stops ingestion: it is reported in `skipped`.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DiscoveredFile, SkippedFile } from '../domain.js';
import { mergeMeta, normalizeMeta, type MetaFields } from './load-metadata.js';

export const SUPPORTED_EXTENSIONS = new Set(['txt', 'md', 'markdown', 'html', 'htm', 'pdf', 'docx']);

const SOURCES_FILE = 'sources.json';
const SIDECAR_SUFFIX = '.meta.json';
/** The corpus' own documentation (corpus/README.md) is not a document. */
const ROOT_DOCS = new Set(['README.md']);

/** Editor and office lock/backup files that appear while a document is open: not documents, not worth a warning. */
function isTransient(name: string): boolean {
  return name.startsWith('.') || name.startsWith('~$') || name.endsWith('~') || /\.(tmp|swp|part|crdownload)$/i.test(name);
}

async function listFiles(corpusDir: string, skipped: SkippedFile[]): Promise<string[]> {
  const out: string[] = [];
  const rel = (abs: string) => path.relative(corpusDir, abs).split(path.sep).join('/');
  async function walk(dir: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      if (isTransient(entry.name)) continue;
      const abs = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        // follow links to files; linked folders are not followed, so a link cycle cannot loop
        const s = await stat(abs).catch(() => null);
        isFile = !!s?.isFile();
        isDir = false;
        if (!s) skipped.push({ relPath: rel(abs), reason: 'a symbolic link to nothing (or to a link loop); not followed' });
        else if (s.isDirectory()) skipped.push({ relPath: rel(abs), reason: 'a symbolic link to a folder; linked folders are not followed' });
      }
      if (isDir) await walk(abs);
      else if (isFile) out.push(rel(abs));
    }
  }
  await walk(corpusDir);
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function describeJsonError(err: unknown): string {
  return (err as Error).message.replace(/\s+/g, ' ').slice(0, 160);
}

/** sources.json of one folder → metadata by file path relative to the corpus; problems go to `skipped`. */
async function readSourcesFile(
  corpusDir: string,
  relPath: string,
  skipped: SkippedFile[],
): Promise<Map<string, { meta: MetaFields; entry: number }>> {
  const byFile = new Map<string, { meta: MetaFields; entry: number }>();
  const folder = path.posix.dirname(relPath);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path.join(corpusDir, relPath), 'utf8'));
  } catch (err) {
    skipped.push({ relPath, reason: `not valid JSON (${describeJsonError(err)}); its metadata was not applied` });
    return byFile;
  }
  if (!Array.isArray(parsed)) {
    skipped.push({ relPath, reason: 'must be a JSON array of objects with a "file" key; its metadata was not applied' });
    return byFile;
  }
  parsed.forEach((item, i) => {
    const file = item && typeof item === 'object' ? (item as Record<string, unknown>).file : undefined;
    if (typeof file !== 'string' || !file.trim()) {
      skipped.push({ relPath, reason: `entry ${i + 1} has no "file" key; it was ignored` });
      return;
    }
    const target = path.posix.normalize(path.posix.join(folder, file.trim().replace(/\\/g, '/')));
    byFile.set(target, { meta: normalizeMeta(item), entry: i + 1 });
  });
  return byFile;
}

/** Stable JSON (sorted keys) so the hash does not depend on key order in the metadata file. */
function canonical(meta: MetaFields): string {
  return JSON.stringify(Object.fromEntries(Object.entries(meta).sort(([a], [b]) => (a < b ? -1 : 1))));
}

export function docIdFor(relPath: string): string {
  return relPath.replace(/\.[^./]+$/, '');
}

export async function discoverCorpus(corpusDir: string): Promise<{ files: DiscoveredFile[]; skipped: SkippedFile[] }> {
  const files: DiscoveredFile[] = [];
  const skipped: SkippedFile[] = [];
  const all = await listFiles(corpusDir, skipped);
  const present = new Set(all);

  const sourcesMeta = new Map<string, { meta: MetaFields; entry: number; from: string }>();
  for (const rel of all.filter((f) => path.posix.basename(f) === SOURCES_FILE)) {
    for (const [file, value] of await readSourcesFile(corpusDir, rel, skipped)) sourcesMeta.set(file, { ...value, from: rel });
  }
  for (const [file, { entry, from }] of sourcesMeta) {
    if (!present.has(file)) skipped.push({ relPath: from, reason: `entry ${entry} names "${file}", which is not in the corpus` });
  }

  const seenDocIds = new Map<string, string>();
  for (const relPath of all) {
    const name = path.posix.basename(relPath);
    if (name === SOURCES_FILE || (ROOT_DOCS.has(relPath))) continue;
    if (name.endsWith(SIDECAR_SUFFIX)) {
      const target = relPath.slice(0, -SIDECAR_SUFFIX.length);
      if (!present.has(target)) skipped.push({ relPath, reason: `metadata sidecar for "${target}", which is not in the corpus` });
      continue;
    }
    const ext = path.posix.extname(name).slice(1).toLowerCase();
    if (!SUPPORTED_EXTENSIONS.has(ext)) {
      const kind = ext ? `".${ext}"` : 'without an extension';
      skipped.push({ relPath, reason: `unsupported file type ${kind} (supported: ${[...SUPPORTED_EXTENSIONS].join(', ')})` });
      continue;
    }
    const docId = docIdFor(relPath);
    const clash = seenDocIds.get(docId);
    if (clash) {
      skipped.push({ relPath, reason: `same document id "${docId}" as ${clash}; rename one of them` });
      continue;
    }
    seenDocIds.set(docId, relPath);

    let sidecar: MetaFields | undefined;
    if (present.has(relPath + SIDECAR_SUFFIX)) {
      const sidecarPath = relPath + SIDECAR_SUFFIX;
      try {
        sidecar = normalizeMeta(JSON.parse(await readFile(path.join(corpusDir, sidecarPath), 'utf8')));
      } catch (err) {
        skipped.push({ relPath: sidecarPath, reason: `not valid JSON (${describeJsonError(err)}); its metadata was not applied` });
      }
    }
    const meta = mergeMeta(sidecar, sourcesMeta.get(relPath)?.meta);
    const abs = path.join(corpusDir, ...relPath.split('/'));
    // editing the metadata that applies to a file changes its hash, so the file is re-ingested
    const hash = createHash('sha256');
    let size = 0;
    try {
      // streamed: a file of gigabytes is hashed without being held in memory
      for await (const chunk of createReadStream(abs) as AsyncIterable<Buffer>) {
        hash.update(chunk);
        size += chunk.length;
      }
    } catch (err) {
      // unreadable (permissions) or removed since the scan: skipped like any other bad file, ingestion goes on
      skipped.push({ relPath, reason: `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` });
      continue;
    }
    hash.update('\0').update(canonical(meta));
    files.push({ docId, path: abs, relPath, ext, size, hash: hash.digest('hex'), meta });
  }
  return { files, skipped };
}
