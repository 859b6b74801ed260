// Inline SVG charts for the self-contained report: no script, no CDN, readable when printed. Text in the SVG is
// escaped like the rest of the page.
import { escapeHtml as esc } from './escape-html.js';

export interface BarRow {
  label: string;
  /** in [0, 1]; null draws "n/a" */
  value: number | null;
  /** the baseline's value, drawn as a tick */
  base?: number | null;
  /** colours the delta red */
  regression?: boolean;
  lowerIsBetter?: boolean;
}

const fmt = (x: number) => x.toFixed(3);

/** Horizontal bars on a 0..1 scale, one row per metric, with the value and the change from the baseline. */
export function metricBars(rows: readonly BarRow[], options: { width?: number } = {}): string {
  const width = options.width ?? 1000;
  const labelW = 220;
  const valueW = 160;
  const barW = width - labelW - valueW;
  const rowH = 26;
  const height = rows.length * rowH + 24;
  const parts: string[] = [];
  // Gridlines at 0, .25, .5, .75, 1.
  for (let t = 0; t <= 4; t++) {
    const x = labelW + (barW * t) / 4;
    parts.push(`<line x1="${x}" y1="0" x2="${x}" y2="${rows.length * rowH}" stroke="#e3e6ea"/>`);
    parts.push(`<text x="${x}" y="${rows.length * rowH + 16}" font-size="11" text-anchor="middle" fill="#6b7280">${t / 4}</text>`);
  }
  rows.forEach((r, i) => {
    const y = i * rowH;
    parts.push(`<text x="${labelW - 8}" y="${y + 17}" font-size="13" text-anchor="end" fill="#111827">${esc(r.label)}</text>`);
    if (r.value === null) {
      parts.push(`<text x="${labelW + 6}" y="${y + 17}" font-size="12" fill="#9ca3af">n/a</text>`);
    } else {
      const v = Math.max(0, Math.min(1, r.value));
      const fill = r.lowerIsBetter ? '#f59e0b' : '#3b82f6';
      parts.push(`<rect x="${labelW}" y="${y + 5}" width="${(barW * v).toFixed(1)}" height="${rowH - 10}" rx="3" fill="${fill}"/>`);
    }
    if (r.base !== undefined && r.base !== null) {
      const bx = labelW + barW * Math.max(0, Math.min(1, r.base));
      parts.push(`<line x1="${bx.toFixed(1)}" y1="${y + 2}" x2="${bx.toFixed(1)}" y2="${y + rowH - 2}" stroke="#111827" stroke-width="2"/>`);
    }
    let text = r.value === null ? '' : fmt(r.value);
    let colour = '#111827';
    if (r.value !== null && r.base !== undefined && r.base !== null) {
      const d = r.value - r.base;
      text += Math.abs(d) < 1e-9 ? '  ±0' : `  ${d > 0 ? '+' : '−'}${fmt(Math.abs(d))}`;
      colour = r.regression ? '#dc2626' : Math.abs(d) > 1e-9 ? '#15803d' : '#6b7280';
    }
    parts.push(`<text x="${labelW + barW + 8}" y="${y + 17}" font-size="13" fill="${colour}" font-variant-numeric="tabular-nums">${esc(text)}</text>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="metric bars" width="100%" style="max-width:${width}px" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
}

/** Bins for a histogram: `count` equal-width bins from 0 to a round maximum. */
export function histogramBins(values: readonly number[], count = 12): { from: number; to: number; n: number }[] {
  if (values.length === 0) return [];
  const max = Math.max(...values);
  const raw = max / count || 1;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const n = Math.max(1, Math.ceil((max + 1e-9) / step));
  const bins = Array.from({ length: n }, (_, i) => ({ from: i * step, to: (i + 1) * step, n: 0 }));
  for (const v of values) bins[Math.min(n - 1, Math.floor(v / step))].n++;
  return bins;
}

/** Latency histogram with p50/p95 marked. */
export function latencyHistogram(values: readonly number[], marks: { label: string; value: number }[], options: { width?: number } = {}): string {
  const width = options.width ?? 1000;
  const top = 40;
  const bottom = 34;
  const plotH = 150;
  const height = top + plotH + bottom;
  const left = 10;
  const plotW = width - left - 20;
  const bins = histogramBins(values);
  if (!bins.length) return '<p class="muted">No latencies recorded.</p>';
  const maxN = Math.max(...bins.map((b) => b.n));
  const span = bins[bins.length - 1].to;
  const bw = plotW / bins.length;
  const base = top + plotH;
  const parts: string[] = [];
  parts.push(`<line x1="${left}" y1="${base}" x2="${left + plotW}" y2="${base}" stroke="#9ca3af"/>`);
  bins.forEach((b, i) => {
    const h = (plotH * b.n) / maxN;
    const x = left + i * bw;
    parts.push(`<rect x="${(x + 1).toFixed(1)}" y="${(base - h).toFixed(1)}" width="${(bw - 2).toFixed(1)}" height="${h.toFixed(1)}" fill="#93c5fd"><title>${esc(`${Math.round(b.from)}–${Math.round(b.to)} ms: ${b.n}`)}</title></rect>`);
    if (b.n) parts.push(`<text x="${(x + bw / 2).toFixed(1)}" y="${(base - h - 4).toFixed(1)}" font-size="12" text-anchor="middle" fill="#374151">${b.n}</text>`);
  });
  // Ticks on bin edges, at most about 8, so every label is a round number of milliseconds.
  const every = Math.ceil(bins.length / 8);
  for (let i = 0; i <= bins.length; i += every) {
    const x = left + i * bw;
    const v = i < bins.length ? bins[i].from : span;
    parts.push(`<line x1="${x.toFixed(1)}" y1="${base}" x2="${x.toFixed(1)}" y2="${base + 4}" stroke="#9ca3af"/>`);
    parts.push(`<text x="${x.toFixed(1)}" y="${base + 17}" font-size="12" text-anchor="middle" fill="#6b7280">${Math.round(v)}</text>`);
  }
  parts.push(`<text x="${left + plotW}" y="${height - 2}" font-size="12" text-anchor="end" fill="#6b7280">ms per question</text>`);
  // Mark labels sit above the bars, one row each, anchored away from the right edge so they are never cut.
  marks.forEach((m, i) => {
    const x = left + plotW * Math.min(1, m.value / span);
    const y = 14 + i * 15;
    const anchor = x > left + plotW * 0.75 ? 'end' : 'start';
    const tx = anchor === 'end' ? x - 4 : x + 4;
    parts.push(`<line x1="${x.toFixed(1)}" y1="${y - 4}" x2="${x.toFixed(1)}" y2="${base}" stroke="#dc2626" stroke-dasharray="4 3"/>`);
    parts.push(`<text x="${tx.toFixed(1)}" y="${y}" font-size="12" text-anchor="${anchor}" fill="#dc2626">${esc(`${m.label} ${Math.round(m.value)} ms`)}</text>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="latency histogram" width="100%" style="max-width:${width}px" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
}
