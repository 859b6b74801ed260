// EvalReport → <dir>/report.json + <dir>/report.html. Exported for every runner: `npm run eval`, `eval:beir`
// and `eval:squad` write the same two files, so the /evals page lists and opens them all.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderReportHtml } from './render-report-html.js';
import type { EvalReport } from './types.js';

export const REPORT_JSON = 'report.json';
export const REPORT_HTML = 'report.html';

/** Writes through a temp file and a rename, so the /evals page never lists a half-written report. */
async function writeAtomic(file: string, data: string) {
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}

export async function writeReport(dir: string, report: EvalReport): Promise<{ json: string; html: string }> {
  await mkdir(dir, { recursive: true });
  const json = path.join(dir, REPORT_JSON);
  const html = path.join(dir, REPORT_HTML);
  await writeAtomic(html, renderReportHtml(report));
  await writeAtomic(json, `${JSON.stringify(report, null, 2)}\n`);
  return { json, html };
}

export class ReportReadError extends Error {
  override name = 'ReportReadError';
}

/** Reads a report.json (a file or the folder holding one), checking the keys the comparison needs. */
export async function readReport(fileOrDir: string): Promise<EvalReport> {
  const file = fileOrDir.endsWith('.json') ? fileOrDir : path.join(fileOrDir, REPORT_JSON);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new ReportReadError(`cannot read the report ${file}: ${(err as Error).message}`);
  }
  const r = parsed as Partial<EvalReport>;
  if (!r || typeof r !== 'object' || typeof r.aggregate !== 'object' || !Array.isArray(r.results)) {
    throw new ReportReadError(`${file} is not an eval report (expected "aggregate" and "results")`);
  }
  return r as EvalReport;
}
