// BASELINE (the ingest helper owns and replaces this): walk the corpus folder → DiscoveredFile[].
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DiscoveredFile, DocMeta, SkippedFile } from '../domain.js';

export const SUPPORTED_EXTENSIONS = new Set(['txt', 'md', 'markdown', 'html', 'htm', 'pdf', 'docx']);

export async function discoverCorpus(corpusDir: string): Promise<{ files: DiscoveredFile[]; skipped: SkippedFile[] }> {
  const files: DiscoveredFile[] = [];
  const skipped: SkippedFile[] = [];
  let sources: (Partial<DocMeta> & { file: string })[] = [];
  try {
    sources = JSON.parse(await readFile(path.join(corpusDir, 'sources.json'), 'utf8'));
  } catch {
    /* no metadata file */
  }
  async function walk(dir: string) {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        await walk(abs);
        continue;
      }
      const relPath = path.relative(corpusDir, abs).split(path.sep).join('/');
      if (relPath === 'sources.json' || relPath.endsWith('.meta.json') || relPath === 'README.md') continue;
      const ext = path.extname(entry.name).slice(1).toLowerCase();
      if (!SUPPORTED_EXTENSIONS.has(ext)) {
        skipped.push({ relPath, reason: `unsupported file type ".${ext}"` });
        continue;
      }
      const bytes = await readFile(abs);
      const meta = sources.find((s) => s.file === relPath) ?? {};
      const hash = createHash('sha256').update(bytes).update(JSON.stringify(meta)).digest('hex');
      files.push({
        docId: relPath.replace(/\.[^./]+$/, ''),
        path: abs,
        relPath,
        ext,
        size: (await stat(abs)).size,
        hash,
        meta,
      });
    }
  }
  await walk(corpusDir);
  files.sort((a, b) => a.relPath.localeCompare(b.relPath));
  return { files, skipped };
}
