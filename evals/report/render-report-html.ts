// report.json → one self-contained HTML page: inline CSS and SVG, no script, no network. Opening it from disk,
// from the /evals page or as an e-mail attachment shows the same thing. Every value that comes from the corpus,
// the answers or the set file is escaped.
import { CONTRACT_METRIC_KEYS, METRICS, metricInfo } from '../metrics/catalogue.js';
import { escapeHtml as esc } from './escape-html.js';
import { latencyHistogram, metricBars, type BarRow } from './svg-charts.js';
import type { CaseResult, EvalReport, MetricDelta } from './types.js';

const STYLE = `
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111827;margin:0;background:#f6f7f9}
main{max-width:1240px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 10px}
.muted{color:#6b7280}.small{font-size:12px}
.card{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:16px;margin-bottom:16px}
.meta{display:flex;flex-wrap:wrap;gap:6px 18px;margin-top:8px}.meta b{font-weight:600}
.grid{display:grid;grid-template-columns:1fr;gap:16px}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border-bottom:1px solid #e5e7eb;padding:6px 8px;text-align:left;vertical-align:top}
th{font-size:12px;text-transform:uppercase;letter-spacing:.03em;color:#4b5563;background:#f9fafb}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.cases{table-layout:fixed}.cases td{word-wrap:break-word;overflow-wrap:anywhere}
.cases>tbody>tr.regressed>td{background:#fef2f2}.cases>tbody>tr.regressed>td:first-child{box-shadow:inset 4px 0 #dc2626}
.badge{display:inline-block;border-radius:10px;padding:0 7px;font-size:11px;line-height:18px;margin:1px 2px 1px 0;white-space:nowrap}
.ok{background:#dcfce7;color:#166534}.bad{background:#fee2e2;color:#991b1b}.warn{background:#fef3c7;color:#92400e}.info{background:#e0e7ff;color:#3730a3}
.marker{color:#1d4ed8;font-weight:600;font-size:12px}
.abstained{color:#6b7280;font-style:italic}
.cite{margin:0 0 4px}.cite summary{cursor:pointer}.passage{font-size:12px;color:#374151;background:#f9fafb;border-left:3px solid #d1d5db;padding:4px 8px;margin:4px 0;white-space:pre-wrap}
.missed li{margin:0 0 2px}.missed ul{margin:0;padding-left:16px}
.metrics{background:transparent;width:auto}.metrics td{border:0;padding:0 4px 0 0;font-size:12px;background:transparent}
.up{color:#15803d}.down{color:#dc2626;font-weight:600}.same{color:#9ca3af}
.legend dt{font-weight:600;float:left;clear:left;width:230px}.legend dd{margin:0 0 4px 240px;color:#4b5563}
a{color:#1d4ed8}
`;

const fmt = (x: number | null | undefined, digits = 3) => (x === null || x === undefined ? '–' : x.toFixed(digits));

function deltaSpan(d: MetricDelta | undefined, digits = 3, hideZero = false): string {
  if (!d || d.delta === null) return '';
  if (Math.abs(d.delta) < 1e-9) return hideZero ? '' : `<span class="same">±0</span>`;
  const cls = d.regression ? 'down' : 'up';
  const sign = d.delta > 0 ? '+' : '−';
  return `<span class="${cls}">${sign}${Math.abs(d.delta).toFixed(digits)}</span>`;
}

/** Metric keys worth showing, contract keys first, then the extras in catalogue order, then unknown ones. */
function metricKeys(report: EvalReport): string[] {
  const agg = report.aggregate as Record<string, unknown>;
  const numeric = Object.keys(agg).filter((k) => typeof agg[k] === 'number' || agg[k] === null);
  const known = Object.keys(METRICS);
  const ordered = [
    ...CONTRACT_METRIC_KEYS.filter((k) => numeric.includes(k)),
    ...known.filter((k) => numeric.includes(k) && !(CONTRACT_METRIC_KEYS as readonly string[]).includes(k)),
    ...numeric.filter((k) => !known.includes(k) && !k.endsWith('Cases')),
  ];
  // A retrieval-only run has no answers: hide the answer metrics instead of drawing a column of n/a.
  return report.kind === 'retrieval' ? ordered.filter((k) => agg[k] !== null) : ordered;
}

function renderAnswer(answer: string | null, abstained: boolean | null): string {
  if (answer === null) return '<span class="muted">–</span>';
  const html = esc(answer).replace(/\[(\d+(?:,\s*\d+)*)\]/g, '<span class="marker">[$1]</span>');
  return abstained ? `<span class="abstained">${html}</span>` : html;
}

function renderCitations(r: CaseResult): string {
  if (!r.citations.length) return '<span class="muted">none</span>';
  return r.citations
    .map((c) => {
      const support = c.supported ? '<span class="badge ok">supported</span>' : '<span class="badge bad">unsupported</span>';
      const expected = r.expectedSources.includes(c.docId) ? '' : r.answerable ? ' <span class="badge warn">not expected</span>' : '';
      return `<details class="cite"><summary><span class="marker">[${c.n}]</span> ${esc(c.docId)} ${support}${expected}</summary>
<div class="passage">${esc(c.text)}</div><div class="small muted">${esc(c.chunkId)} · support ${fmt(c.supportScore, 2)}</div></details>`;
    })
    .join('');
}

function problems(r: CaseResult): string[] {
  const out: string[] = [];
  if (r.missing.abstention === 'should-abstain') out.push('<span class="badge bad">should have abstained</span>');
  if (r.missing.abstention === 'should-answer') out.push('<span class="badge bad">wrongly abstained</span>');
  if (r.missing.facts.length) out.push(`<span class="badge bad">${r.missing.facts.length} missing fact${r.missing.facts.length > 1 ? 's' : ''}</span>`);
  if (r.missing.sources.length) out.push(`<span class="badge warn">missed source</span>`);
  if (r.missing.unsupportedSentences.length) out.push('<span class="badge warn">unsupported sentence</span>');
  return out;
}

function renderMissed(r: CaseResult): string {
  const items: string[] = [];
  if (r.missing.abstention === 'should-abstain') items.push('<li>Unanswerable: should abstain and cite nothing.</li>');
  if (r.missing.abstention === 'should-answer') items.push('<li>Answerable, but the assistant abstained.</li>');
  for (const f of r.missing.facts) items.push(`<li>fact: ${f.map((p) => `“${esc(p)}”`).join(' / ')}</li>`);
  for (const s of r.missing.sources) items.push(`<li>source: ${esc(s)}</li>`);
  for (const s of r.missing.unsupportedSentences) items.push(`<li>unsupported: <i>${esc(s)}</i></li>`);
  return items.length ? `<ul>${items.join('')}</ul>` : '<span class="badge ok">nothing</span>';
}

function renderCaseMetrics(r: CaseResult, deltas: Record<string, MetricDelta> | undefined): string {
  const rows = Object.entries(r.metrics)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `<tr><td>${esc(metricInfo(k).short)}</td><td class="num">${fmt(v, 2)}</td><td>${deltaSpan(deltas?.[k], 2, true)}</td></tr>`);
  return rows.length ? `<table class="metrics">${rows.join('')}</table>` : '';
}

function renderQuestion(r: CaseResult): string {
  let html = esc(r.question);
  if (r.history.length) {
    const turns = r.history.map((m) => `<div><b>${esc(m.role)}:</b> ${esc(m.content)}</div>`).join('');
    html = `<details><summary class="small muted">after ${r.history.length} earlier turn${r.history.length > 1 ? 's' : ''}</summary><div class="passage">${turns}</div></details>${html}`;
  }
  if (r.rewrittenQuery && r.rewrittenQuery !== r.question) html += `<div class="small muted">searched: ${esc(r.rewrittenQuery)}</div>`;
  if (r.expectedSources.length) html += `<div class="small muted">expected: ${r.expectedSources.map(esc).join(', ')}</div>`;
  return html;
}

function renderQaCases(report: EvalReport): string {
  const regressed = new Set(report.baseline?.regressedCases ?? []);
  const rows = report.results.map((r) => {
    const deltas = report.baseline?.cases[r.id];
    const status = problems(r);
    return `<tr id="case-${esc(r.id)}" class="${regressed.has(r.id) ? 'regressed' : ''}">
<td><b>${esc(r.id)}</b><div class="small muted">${esc(r.category ?? '')}${r.line ? ` · line ${r.line}` : ''}</div>
<div>${r.answerable ? '' : '<span class="badge info">unanswerable</span>'}${status.length ? status.join('') : '<span class="badge ok">ok</span>'}${regressed.has(r.id) ? '<span class="badge bad">regressed</span>' : ''}</div></td>
<td>${renderQuestion(r)}</td>
<td>${renderAnswer(r.answer, r.abstained)}</td>
<td>${renderCitations(r)}</td>
<td class="missed">${renderMissed(r)}</td>
<td>${renderCaseMetrics(r, deltas)}<div class="small muted">${r.latencyMs} ms</div></td>
</tr>`;
  });
  return `<table class="cases"><colgroup><col style="width:10%"><col style="width:18%"><col style="width:24%"><col style="width:20%"><col style="width:14%"><col style="width:14%"></colgroup>
<thead><tr><th>case</th><th>question</th><th>answer</th><th>citations</th><th>missed</th><th>metrics</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function renderRetrievalCases(report: EvalReport): string {
  const regressed = new Set(report.baseline?.regressedCases ?? []);
  const rows = report.results.map((r) => {
    const relevant = new Set(r.expectedSources);
    const top = r.retrieved
      .slice(0, 10)
      .map((id, i) => `${i + 1}. ${relevant.has(id) ? `<b class="up">${esc(id)}</b>` : esc(id)}`)
      .join('<br>');
    return `<tr id="case-${esc(r.id)}" class="${regressed.has(r.id) ? 'regressed' : ''}">
<td><b>${esc(r.id)}</b>${r.missing.sources.length ? '<div><span class="badge warn">missed source</span></div>' : ''}</td>
<td>${esc(r.question)}</td><td class="small">${top}</td><td class="small">${r.expectedSources.map(esc).join('<br>')}</td>
<td>${renderCaseMetrics(r, report.baseline?.cases[r.id])}<div class="small muted">${r.latencyMs} ms</div></td></tr>`;
  });
  return `<table class="cases"><colgroup><col style="width:10%"><col style="width:36%"><col style="width:20%"><col style="width:14%"><col style="width:20%"></colgroup>
<thead><tr><th>query</th><th>text</th><th>retrieved (top 10, relevant in green)</th><th>relevant</th><th>metrics</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function renderCategories(report: EvalReport, keys: string[]): string {
  const cats = Object.entries(report.byCategory);
  if (cats.length < 2) return '';
  const cols = keys.filter((k) => cats.some(([, m]) => m[k] !== null && m[k] !== undefined));
  const head = cols.map((k) => `<th class="num" title="${esc(metricInfo(k).label)}">${esc(metricInfo(k).short)}</th>`).join('');
  const body = cats
    .map(([name, m]) => `<tr><td>${esc(name)}</td><td class="num">${m.cases}</td>${cols.map((k) => `<td class="num">${fmt(m[k], 2)}</td>`).join('')}</tr>`)
    .join('');
  return `<h2>By category</h2><div class="card" style="overflow-x:auto"><table><thead><tr><th>category</th><th class="num">cases</th>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

function renderBaseline(report: EvalReport): string {
  const b = report.baseline;
  if (!b) return '';
  const rows = Object.entries(b.aggregate)
    .map(([k, d]) => {
      const digits = k.startsWith('latency') ? 0 : 3;
      const label = k.startsWith('latencyMs.') ? `Latency ${k.slice(10)} (ms)` : metricInfo(k).label;
      return `<tr${d.regression ? ' class="regressed"' : ''}><td>${esc(label)}</td><td class="num">${fmt(d.base, digits)}</td><td class="num">${fmt(d.current, digits)}</td><td class="num">${deltaSpan(d, digits)}</td></tr>`;
    })
    .join('');
  const list = (ids: string[]) => (ids.length ? ids.map((id) => `<a href="#case-${esc(id)}">${esc(id)}</a>`).join(', ') : '<span class="muted">none</span>');
  return `<h2>Against the baseline</h2><div class="card"><p class="small muted">baseline: ${esc(b.file)} (${esc(b.set)}, ${esc(b.createdAt ?? 'undated')})</p>
<table class="cases" style="max-width:640px"><thead><tr><th>metric</th><th class="num">baseline</th><th class="num">now</th><th class="num">change</th></tr></thead><tbody>${rows}</tbody></table>
<p><b>Regressed cases (${b.regressedCases.length}):</b> ${list(b.regressedCases)}</p>
<p><b>Improved cases (${b.improvedCases.length}):</b> ${list(b.improvedCases)}</p>
${b.onlyInBaseline.length ? `<p><b>Only in the baseline:</b> ${b.onlyInBaseline.map(esc).join(', ')}</p>` : ''}
${b.onlyInCurrent.length ? `<p><b>New cases:</b> ${b.onlyInCurrent.map(esc).join(', ')}</p>` : ''}</div>`;
}

function renderErrors(report: EvalReport): string {
  if (!report.errors.length) return '';
  const rows = report.errors
    .map((e) => `<tr><td class="num">${e.line ?? '–'}</td><td>${esc(e.id ?? '')}</td><td>${e.stage === 'parse' ? 'malformed line' : 'failed'}</td><td>${esc(e.reason)}</td></tr>`)
    .join('');
  return `<h2 class="down">Errors (${report.errors.length})</h2><div class="card"><table><thead><tr><th class="num">line</th><th>id</th><th>what</th><th>reason</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

function renderConfig(report: EvalReport): string {
  const entries = Object.entries(report.config).filter(([, v]) => v !== undefined && v !== null && v !== '');
  const created = report.createdAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  return [
    `<span><b>created</b> ${esc(created)}</span>`,
    `<span><b>cases</b> ${report.cases}</span>`,
    ...entries.map(([k, v]) => `<span><b>${esc(k)}</b> ${esc(typeof v === 'object' ? JSON.stringify(v) : v)}</span>`),
    `<span><b>took</b> ${(report.durationMs / 1000).toFixed(1)} s</span>`,
  ].join('');
}

export function renderReportHtml(report: EvalReport): string {
  const keys = metricKeys(report);
  const agg = report.aggregate as Record<string, number | null>;
  const bars: BarRow[] = keys.map((k) => ({
    label: metricInfo(k).label,
    value: agg[k] ?? null,
    base: report.baseline?.aggregate[k]?.base,
    regression: report.baseline?.aggregate[k]?.regression,
    lowerIsBetter: metricInfo(k).lowerIsBetter,
  }));
  const { p50, p95 } = report.aggregate.latencyMs;
  const legend = keys
    .filter((k) => metricInfo(k).description)
    .map((k) => `<dt>${esc(metricInfo(k).label)}</dt><dd>${esc(metricInfo(k).description)}</dd>`)
    .join('');
  const counts =
    report.kind === 'qa'
      ? `${agg.answerableCases ?? '?'} answerable, ${agg.unanswerableCases ?? '?'} unanswerable`
      : `${report.cases} queries`;
  const regressions = report.baseline ? Object.values(report.baseline.aggregate).filter((d) => d.regression).length : 0;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(`Eval: ${report.set}`)}</title><style>${STYLE}</style></head>
<body><main>
<header class="card"><h1>Evaluation report: ${esc(report.set)}</h1>
<div class="muted">${esc(counts)}${report.errors.length ? ` · <span class="down">${report.errors.length} error${report.errors.length > 1 ? 's' : ''}</span>` : ''}${report.baseline ? ` · ${regressions ? `<span class="down">${regressions} metric${regressions > 1 ? 's' : ''} regressed</span>` : '<span class="up">no metric regressed</span>'} against the baseline` : ''}</div>
<div class="meta small">${renderConfig(report)}</div></header>
<h2>Metrics</h2><div class="card">${metricBars(bars)}
${report.baseline ? '<p class="small muted">Black tick: the baseline. Change in green when better, red when worse.</p>' : ''}
<details><summary class="small muted">what each metric means</summary><dl class="legend small">${legend}</dl></details></div>
<h2>Latency</h2><div class="card"><p>p50 <b>${p50} ms</b> · p95 <b>${p95} ms</b>${report.baseline ? ` (${deltaSpan(report.baseline.aggregate['latencyMs.p50'], 0)} / ${deltaSpan(report.baseline.aggregate['latencyMs.p95'], 0)} ms)` : ''}</p>
${latencyHistogram(report.results.map((r) => r.latencyMs), [{ label: 'p50', value: p50 }, { label: 'p95', value: p95 }])}</div>
${renderBaseline(report)}
${renderCategories(report, keys)}
${renderErrors(report)}
<h2>Cases</h2>
${report.kind === 'retrieval' ? renderRetrievalCases(report) : renderQaCases(report)}
<p class="small muted">Formulas: evals/README.md. Generated by npm run eval.</p>
</main></body></html>
`;
}
