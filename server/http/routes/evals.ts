// GET /api/evals: the evaluation reports in EVAL_DIR (one folder per run holding report.json + report.html),
// newest first, with their aggregates; GET /api/evals/:name/report.html|json: the files themselves.
// `:name` must be one plain folder name (schema pattern) and resolve inside EVAL_DIR, so no request can read
// anything else on disk.
import { createReadStream } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBodySchema, EvalListResponseSchema, EvalReportNameSchema, type EvalReportSummary } from '../../contract.js';
import { AppError } from '../../errors.js';

export interface EvalRoutesOptions {
  /** absolute EVAL_DIR */
  evalDir: string;
}

// The report is data from answers and passages: escaped by its writer, and here also barred from running
// scripts or loading anything, whatever it holds. Framing is allowed for the /evals page of the same origin.
const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'";

const FILES = { 'report.html': 'text/html; charset=utf-8', 'report.json': 'application/json; charset=utf-8' } as const;

const isInside = (dir: string, file: string) => file.startsWith(dir + path.sep);

async function exists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

async function summarise(evalDir: string, name: string): Promise<EvalReportSummary | null> {
  const dir = path.join(evalDir, name);
  let r: Record<string, unknown>;
  try {
    r = JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8'));
  } catch {
    return null; // a folder without a readable report (a run in progress, or something else) is not listed
  }
  if (!r || typeof r !== 'object' || typeof r.aggregate !== 'object' || r.aggregate === null) return null;
  return {
    name,
    set: typeof r.set === 'string' ? r.set : name,
    kind: typeof r.kind === 'string' ? r.kind : 'qa',
    cases: Number.isInteger(r.cases) ? (r.cases as number) : Array.isArray(r.results) ? r.results.length : 0,
    createdAt: typeof r.createdAt === 'string' ? r.createdAt : null,
    config: typeof r.config === 'object' && r.config !== null ? (r.config as Record<string, unknown>) : {},
    aggregate: r.aggregate as Record<string, unknown>,
    errors: Array.isArray(r.errors) ? r.errors.length : 0,
    hasHtml: await exists(path.join(dir, 'report.html')),
  };
}

export async function listReports(evalDir: string): Promise<EvalReportSummary[]> {
  let entries: string[];
  try {
    entries = (await readdir(evalDir, { withFileTypes: true })).filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []; // no eval has run yet
    throw err;
  }
  const reports = (await Promise.all(entries.map((name) => summarise(evalDir, name)))).filter((r): r is EvalReportSummary => r !== null);
  // Newest first; undated reports last, by name.
  return reports.sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '') || a.name.localeCompare(b.name));
}

export const evalRoutes: FastifyPluginAsyncTypebox<EvalRoutesOptions> = async (app, options) => {
  const evalDir = path.resolve(options.evalDir);

  app.get(
    '/api/evals',
    {
      schema: {
        tags: ['evals'],
        summary: 'The evaluation reports in EVAL_DIR, newest first, with their aggregate metrics',
        response: { 200: EvalListResponseSchema, '5xx': ErrorBodySchema },
      },
    },
    async () => ({ reports: await listReports(evalDir) }),
  );

  app.get(
    '/api/evals/:name/:file',
    {
      schema: {
        tags: ['evals'],
        summary: 'One evaluation report: report.html (self-contained page) or report.json',
        params: Type.Object({
          name: EvalReportNameSchema,
          file: Type.Union([Type.Literal('report.html'), Type.Literal('report.json')]),
        }),
        // 200 is the file itself (a stream: Fastify sends it without serialising)
        response: { 200: Type.Unknown(), '4xx': ErrorBodySchema, '5xx': ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const { name, file } = request.params;
      const notFound = () => new AppError('UNKNOWN_REPORT', `No evaluation report "${name}" (${file}) in EVAL_DIR.`);
      let resolved: string;
      try {
        // realpath: a symlink inside EVAL_DIR must not lead outside it.
        resolved = await realpath(path.join(evalDir, name, file));
      } catch {
        throw notFound();
      }
      if (!isInside(await realpath(evalDir), resolved) || !(await exists(resolved))) throw notFound();
      reply.header('content-type', FILES[file]).header('x-content-type-options', 'nosniff').header('cache-control', 'no-cache');
      if (file === 'report.html') reply.header('content-security-policy', REPORT_CSP);
      return reply.send(createReadStream(resolved));
    },
  );
};
