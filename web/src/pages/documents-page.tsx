// The corpus: every document with what is known about it, and the files the last ingest skipped (with why); a
// filter narrows the list by title, author or id.
import { useState } from 'react';
import type { DocumentMeta } from '../../../server/contract.js';
import type { ApiClient } from '../api/client.js';
import { ErrorNotice } from '../components/error-notice.js';
import { Link } from '../components/link.js';
import { useAsync } from '../hooks/use-async.js';
import { documentHref } from '../lib/document-href.js';
import { formatAuthors } from '../lib/format-reference.js';

const matches = (d: DocumentMeta, q: string) =>
  [d.title, d.docId, d.publisher ?? '', ...d.authors].some((s) => s.toLowerCase().includes(q));

export function DocumentsPage({ client }: { client: ApiClient }) {
  const [list, reload] = useAsync((signal) => client.listDocuments(signal), 'documents');
  const [filter, setFilter] = useState('');
  // client-side filter: a corpus list is small enough, and it answers as the reader types
  const q = filter.trim().toLowerCase();

  return (
    <main className="ra-page ra-documents" id="main">
      <div className="ra-page-head">
        <h1>Documents</h1>
        {list.state === 'ok' && (
          <input
            className="ra-input ra-filter"
            type="search"
            aria-label="Filter documents"
            placeholder="Filter by title, author, id…"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            data-testid="document-filter"
          />
        )}
      </div>
      {list.state === 'loading' && <p className="ra-note">Loading documents…</p>}
      {list.state === 'error' && <ErrorNotice error={list.error} onRetry={reload} />}
      {list.state === 'ok' && list.value.documents.length === 0 && (
        <p className="ra-note">The corpus is empty. Put files in corpus/ and run npm run ingest.</p>
      )}
      {list.state === 'ok' && (
        <ul className="ra-doc-list" data-testid="document-list">
          {list.value.documents
            .filter((d) => !q || matches(d, q))
            .map((d) => (
              <li key={d.docId} className="ra-doc-card">
                <Link href={documentHref(d.docId)} className="ra-doc-link" data-testid="document-link">
                  {d.title}
                </Link>
                <p className="ra-doc-byline">
                  {[formatAuthors(d.authors), d.date, d.publisher].filter(Boolean).join(' · ') || 'Author and date unknown'}
                </p>
                <p className="ra-doc-facts">
                  <span className="ra-tag">{d.format}</span>
                  {d.kind && <span className="ra-tag">{d.kind}</span>}
                  <span>
                    {d.chunks} passages · {d.chars < 1000 ? `${d.chars} characters` : `${Math.round(d.chars / 1000)}k characters`}
                  </span>
                </p>
              </li>
            ))}
        </ul>
      )}
      {list.state === 'ok' && (list.value.skipped?.length ?? 0) > 0 && (
        <section className="ra-skipped" aria-labelledby="skipped-heading" data-testid="skipped-files">
          <h2 id="skipped-heading">Not indexed</h2>
          <p className="ra-note">The last ingest skipped these files in the corpus folder; answers do not draw on them.</p>
          <ul>
            {list.value.skipped!.map((f) => (
              <li key={f.relPath}>
                <code className="ra-break">{f.relPath}</code>: {f.reason}
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
