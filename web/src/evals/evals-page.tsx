// /evals: the evaluation reports in EVAL_DIR, newest first, with their headline metrics; choosing one shows its
// self-contained report.html below (sandboxed: the report never runs script), or opens it in a tab.
import { useMemo } from 'react';
import type { EvalReportSummary } from '../../../server/contract.js';
import { createApiClient, type ApiClient } from '../api/client.js';
import { ErrorNotice } from '../components/error-notice.js';
import { navigate, useLocation } from '../hooks/use-location.js';
import { EVAL_COLUMNS, formatCreated, formatLatency, formatMetric, reportUrl } from './eval-columns.js';
import { useEvalReports } from './use-eval-reports.js';
import './evals.css';

function ReportRow({ report, selected, client }: { report: EvalReportSummary; selected: boolean; client: ApiClient }) {
  const open = () => navigate(`/evals?report=${encodeURIComponent(report.name)}`);
  return (
    <tr className={selected ? 'ra-evals-selected' : undefined} data-testid="eval-row" data-name={report.name}>
      <td>
        <button type="button" className="ra-evals-name" onClick={open} aria-pressed={selected} disabled={!report.hasHtml}>
          {report.set}
        </button>
        <div className="ra-evals-sub">
          {formatCreated(report.createdAt)} · {String(report.config.answerer ?? report.kind)}
          {report.errors > 0 && <span className="ra-evals-errors"> · {report.errors} errors</span>}
        </div>
      </td>
      <td className="ra-num">{report.cases}</td>
      {EVAL_COLUMNS.map((c) => (
        <td key={c.key} className="ra-num">
          {formatMetric(report.aggregate[c.key])}
        </td>
      ))}
      <td className="ra-num">{formatLatency(report.aggregate)}</td>
      <td className="ra-evals-links">
        {report.hasHtml && (
          <a href={client.url(reportUrl(report.name, 'report.html'))} target="_blank" rel="noreferrer">
            open
          </a>
        )}{' '}
        <a href={client.url(reportUrl(report.name, 'report.json'))} target="_blank" rel="noreferrer">
          json
        </a>
      </td>
    </tr>
  );
}

export function EvalsPage({ client: given }: { client?: ApiClient } = {}) {
  const client = useMemo(() => given ?? createApiClient(), [given]);
  const [list, reload] = useEvalReports(client);
  const loc = useLocation();
  const selectedName = loc.search.get('report');
  const selected = list.state === 'ok' ? list.value.reports.find((r) => r.name === selectedName) : undefined;

  return (
    <div className="ra-evals" data-testid="evals-page">
      <div className="ra-page-head">
        <h1>Evaluations</h1>
        <button type="button" className="ra-btn" onClick={reload}>
          Refresh
        </button>
      </div>
      <p className="ra-note">
        Reports written by <code>npm run eval</code>, <code>eval:beir</code> and <code>eval:squad</code> into EVAL_DIR.
      </p>
      {list.state === 'loading' && <p className="ra-note">Loading reports…</p>}
      {list.state === 'error' && <ErrorNotice error={list.error} onRetry={reload} />}
      {list.state === 'ok' && list.value.reports.length === 0 && (
        <p className="ra-note" data-testid="evals-empty">
          No reports yet. Run <code>npm run eval -- --set evals/sets/seed.jsonl</code> and refresh.
        </p>
      )}
      {list.state === 'ok' && list.value.reports.length > 0 && (
        <div className="ra-evals-scroll">
          <table className="ra-evals-table" data-testid="evals-table">
            <thead>
              <tr>
                <th>report</th>
                <th className="ra-num">cases</th>
                {EVAL_COLUMNS.map((c) => (
                  <th key={c.key} className="ra-num" title={c.title}>
                    {c.label}
                  </th>
                ))}
                <th className="ra-num" title="latency per question, median / 95th percentile">p50 / p95</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.value.reports.map((r) => (
                <ReportRow key={r.name} report={r} selected={r.name === selectedName} client={client} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {selectedName && list.state === 'ok' && !selected && <p className="ra-note">No report named “{selectedName}”.</p>}
      {selected?.hasHtml && (
        <iframe
          className="ra-evals-frame"
          title={`Evaluation report ${selected.set} ${formatCreated(selected.createdAt)}`}
          src={client.url(reportUrl(selected.name, 'report.html'))}
          sandbox=""
          data-testid="eval-frame"
        />
      )}
    </div>
  );
}
