// The evals routes over a temp EVAL_DIR: listing, serving both files, and refusing every way out of the folder.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody, EvalListResponse } from '../../contract.js';
import { errorHandler } from '../error-handler.js';
import { evalRoutes } from './evals.js';

let root: string;
let evalDir: string;
let app: ReturnType<typeof Fastify>;

function writeReportDir(name: string, report: Record<string, unknown>, html = '<!doctype html><p>report</p>') {
  const dir = path.join(evalDir, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'report.json'), JSON.stringify(report));
  if (html) writeFileSync(path.join(dir, 'report.html'), html);
}

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'evals-route-'));
  evalDir = path.join(root, 'reports');
  const agg = { 'hit@1': 0.5, factRecall: 0.75, latencyMs: { p50: 10, p95: 20 } };
  writeReportDir('seed-20250101-000000', { set: 'seed', kind: 'qa', cases: 2, createdAt: '2025-01-01T00:00:00.000Z', config: { k: 6 }, aggregate: agg, results: [], errors: [{}] });
  writeReportDir('seed-20250102-000000', { set: 'seed', cases: 3, createdAt: '2025-01-02T00:00:00.000Z', config: {}, aggregate: agg, results: [] }, '');
  mkdirSync(path.join(evalDir, 'half-written'));
  writeFileSync(path.join(evalDir, 'half-written', 'report.json'), '{"set": ');
  writeFileSync(path.join(root, 'secret.json'), '{"secret": true}');
  mkdirSync(path.join(root, 'outside'));
  writeFileSync(path.join(root, 'outside', 'report.json'), JSON.stringify({ set: 'outside', aggregate: {}, results: [] }));
  symlinkSync(path.join(root, 'outside'), path.join(evalDir, 'link-out'));
  app = Fastify().withTypeProvider<TypeBoxTypeProvider>() as unknown as ReturnType<typeof Fastify>;
  app.setErrorHandler(errorHandler);
  await app.register(evalRoutes, { evalDir });
});
afterAll(async () => {
  await app?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('GET /api/evals', () => {
  it('lists the readable reports newest first, skipping folders without a report', async () => {
    const res = await app.inject('/api/evals');
    expect(res.statusCode).toBe(200);
    const { reports } = res.json() as EvalListResponse;
    // link-out is listed by readdir as a symlink, not a directory, so it is not offered either
    expect(reports.map((r) => [r.name, r.cases, r.errors, r.hasHtml, r.kind])).toEqual([
      ['seed-20250102-000000', 3, 0, false, 'qa'],
      ['seed-20250101-000000', 2, 1, true, 'qa'],
    ]);
    expect(reports[1].aggregate).toEqual({ 'hit@1': 0.5, factRecall: 0.75, latencyMs: { p50: 10, p95: 20 } });
  });

  it('is an empty list when EVAL_DIR does not exist yet', async () => {
    const other = Fastify().withTypeProvider<TypeBoxTypeProvider>();
    await other.register(evalRoutes, { evalDir: path.join(root, 'nothing-here') });
    const res = await other.inject('/api/evals');
    expect(res.json()).toEqual({ reports: [] });
    await other.close();
  });
});

describe('GET /api/evals/:name/report.(html|json)', () => {
  it('serves the HTML with a policy that forbids scripts and outside loads', async () => {
    const res = await app.inject('/api/evals/seed-20250101-000000/report.html');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'");
    expect(res.body).toBe('<!doctype html><p>report</p>');
  });

  it('serves report.json as JSON', async () => {
    const res = await app.inject('/api/evals/seed-20250102-000000/report.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.json()).toMatchObject({ set: 'seed', cases: 3 });
  });

  it('is a 404 UNKNOWN_REPORT for a missing report or file', async () => {
    for (const url of ['/api/evals/nope/report.html', '/api/evals/seed-20250102-000000/report.html']) {
      const res = await app.inject(url);
      expect(res.statusCode).toBe(404);
      expect((res.json() as ErrorBody).error.code).toBe('UNKNOWN_REPORT');
    }
  });

  it('never reads outside EVAL_DIR', async () => {
    const attempts = [
      '/api/evals/..%2Fsecret.json/report.json',
      '/api/evals/%2E%2E/report.json',
      '/api/evals/../secret.json',
      '/api/evals/..%2F..%2Fetc/report.json',
      '/api/evals/.hidden/report.json',
      '/api/evals/seed-20250101-000000/..%2F..%2Fsecret.json',
      '/api/evals/link-out/report.json',
    ];
    for (const url of attempts) {
      const res = await app.inject(url);
      expect([400, 404], url).toContain(res.statusCode);
      expect(res.body, url).not.toMatch(/"secret":\s*true/);
      expect(res.body, url).not.toContain('"set":"outside"');
    }
  });
});
