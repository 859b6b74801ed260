import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EvalListResponse, EvalReportSummary } from '../../../server/contract.js';
import { createApiClient } from '../api/client.js';
import { EvalsPage } from './evals-page.js';

const summary = (name: string, over: Partial<EvalReportSummary> = {}): EvalReportSummary => ({
  name,
  set: 'seed',
  kind: 'qa',
  cases: 52,
  createdAt: '2025-01-02T03:04:05.000Z',
  config: { answerer: 'extractive' },
  aggregate: { 'hit@5': 0.9, factRecall: 0.8125, citationPrecision: null, latencyMs: { p50: 120, p95: 340 } },
  errors: 0,
  hasHtml: true,
  ...over,
});

function clientAnswering(status: number, body: unknown) {
  const calls: string[] = [];
  const client = createApiClient({
    fetch: async (input) => {
      calls.push(String(input));
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    },
  });
  return { client, calls };
}

beforeEach(() => {
  history.replaceState(null, '', '/evals');
  window.scrollTo = () => undefined; // jsdom does not implement it; navigate() calls it
});
afterEach(cleanup);

describe('EvalsPage', () => {
  it('lists the reports with their headline metrics', async () => {
    const body: EvalListResponse = { reports: [summary('seed-20250102-030405', { errors: 2 }), summary('scifact-1', { set: 'scifact', kind: 'retrieval', hasHtml: false })] };
    const { client, calls } = clientAnswering(200, body);
    render(<EvalsPage client={client} />);
    const rows = await screen.findAllByTestId('eval-row');
    expect(calls).toEqual(['/api/evals']);
    expect(rows.map((r) => r.dataset.name)).toEqual(['seed-20250102-030405', 'scifact-1']);
    const cells = [...rows[0].querySelectorAll('td')].map((td) => td.textContent);
    expect(cells[0]).toBe('seed2025-01-02 03:04 · extractive · 2 errors');
    expect(cells.slice(1, 9)).toEqual(['52', '0.900', '–', '0.813', '–', '–', '–', '120 / 340 ms']);
    expect(rows[0].querySelector('a[href="/api/evals/seed-20250102-030405/report.html"]')).not.toBeNull();
    // a report without report.html can only be downloaded as JSON
    expect(rows[1].querySelector('button')!.disabled).toBe(true);
    expect(rows[1].querySelector('a[href$="report.html"]')).toBeNull();
  });

  it('shows the chosen report in a sandboxed frame and remembers it in the URL', async () => {
    const { client } = clientAnswering(200, { reports: [summary('seed-a')] });
    render(<EvalsPage client={client} />);
    expect(screen.queryByTestId('eval-frame')).toBeNull();
    fireEvent.click(await screen.findByRole('button', { name: 'seed' }));
    const frame = await screen.findByTestId('eval-frame');
    expect(location.search).toBe('?report=seed-a');
    expect(frame.getAttribute('src')).toBe('/api/evals/seed-a/report.html');
    expect(frame.getAttribute('sandbox')).toBe('');
  });

  it('tells how to make a report when there is none', async () => {
    const { client } = clientAnswering(200, { reports: [] });
    render(<EvalsPage client={client} />);
    expect((await screen.findByTestId('evals-empty')).textContent).toContain('npm run eval -- --set evals/sets/seed.jsonl');
  });

  it('shows the server error', async () => {
    const { client } = clientAnswering(500, { error: { code: 'INTERNAL', message: 'disk on fire' } });
    await act(async () => render(<EvalsPage client={client} />));
    expect((await screen.findByTestId('error')).dataset.code).toBe('INTERNAL');
  });
});
