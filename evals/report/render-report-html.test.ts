import { describe, expect, it } from 'vitest';
import { fakeResult } from '../testing/fake-result.js';
import { buildReport } from './build-report.js';
import { renderReportHtml } from './render-report-html.js';
import { histogramBins } from './svg-charts.js';

const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>';

function sample() {
  const base = buildReport({
    set: 'seed',
    kind: 'qa',
    config: { embeddings: 'local:m', answerer: 'extractive', k: 6 },
    results: [fakeResult('q1', { factRecall: 1 }), fakeResult('q2', { factRecall: 1 })],
    startedAt: new Date('2025-01-01T00:00:00Z'),
    durationMs: 1000,
  });
  return buildReport({
    set: 'seed',
    kind: 'qa',
    config: { embeddings: 'local:m', answerer: 'extractive', k: 6 },
    results: [
      fakeResult('q1', { factRecall: 0.5, citationPrecision: 1 }, {
        question: `What about ${hostile}?`,
        answer: `It says ${hostile} [1].`,
        expectedSources: ['doc-a'],
        citations: [{ n: 1, docId: 'doc-"b"', chunkId: 'doc-b#0', title: 't', text: `passage ${hostile}`, supported: true, supportScore: 0.9, precise: true }],
        missing: { facts: [['Sergei Shoigu', '<b>Shoigu</b>']], sources: ['doc-a'], abstention: null, unsupportedSentences: [] },
        category: 'single-fact',
      }),
      fakeResult('q2', { factRecall: 1 }, { answerable: false, abstained: true, answer: 'The documents do not answer this.', missing: { facts: [], sources: [], abstention: null, unsupportedSentences: [] } }),
    ],
    errors: [{ line: 3, id: null, stage: 'parse', reason: `not valid JSON ${hostile}` }],
    startedAt: new Date('2025-01-02T00:00:00Z'),
    durationMs: 2000,
    baseline: { report: base, file: 'reports/base/report.json' },
  });
}

describe('renderReportHtml', () => {
  const html = renderReportHtml(sample());

  it('escapes everything that comes from answers, passages, questions and errors', () => {
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<b>Shoigu</b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('doc-&quot;b&quot;');
  });

  it('is self-contained: no script, no external stylesheet, image or font', () => {
    expect(html).not.toMatch(/<script|<link|@import|url\(/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html).toMatch(/<svg[^>]*aria-label="metric bars"/);
    expect(html).toMatch(/<svg[^>]*aria-label="latency histogram"/);
  });

  it('shows the contract metrics, what each case missed, errors, and regressions against the baseline', () => {
    for (const label of ['Hit@1', 'Recall@5', 'nDCG@10', 'Fact recall', 'Citation precision', 'Abstention accuracy', 'False abstention']) {
      expect(html).toContain(`>${label}<`);
    }
    expect(html).toContain('fact: “Sergei Shoigu” / “&lt;b&gt;Shoigu&lt;/b&gt;”');
    expect(html).toContain('source: doc-a');
    expect(html).toContain('Errors (1)');
    expect(html).toMatch(/<tr id="case-q1" class="regressed">/);
    expect(html).toContain('<span class="down">−0.50</span>');
    expect(html).toContain('Regressed cases (1):</b> <a href="#case-q1">q1</a>');
  });
});

describe('histogramBins', () => {
  it('uses round bin widths and puts every value in a bin', () => {
    const bins = histogramBins([0, 10, 95, 120, 230], 12);
    // raw width 230/12 ≈ 19.2 → 20 ms bins, 12 of them to reach 230
    expect(bins[0]).toEqual({ from: 0, to: 20, n: 2 });
    expect(bins.length).toBe(12);
    expect(bins.reduce((s, b) => s + b.n, 0)).toBe(5);
  });
});
