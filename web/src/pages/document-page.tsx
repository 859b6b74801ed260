// One document: its metadata and its whole text (headings, page markers), with the cited range (?start=&end=)
// highlighted and scrolled to.
import type { ApiClient } from '../api/client.js';
import { ErrorNotice } from '../components/error-notice.js';
import { Link } from '../components/link.js';
import { DocumentText } from '../components/document-text.js';
import { useAsync } from '../hooks/use-async.js';
import { formatAuthors } from '../lib/format-reference.js';

export interface DocumentPageProps {
  client: ApiClient;
  docId: string;
  range: { start: number; end: number } | null;
}

export function DocumentPage({ client, docId, range }: DocumentPageProps) {
  const [doc, reload] = useAsync((signal) => client.getDocument(docId, signal), docId);
  return (
    <main className="ra-page ra-document" id="main">
      <p>
        <Link href="/documents">← All documents</Link>
      </p>
      {doc.state === 'loading' && <p className="ra-note">Loading the document…</p>}
      {doc.state === 'error' && <ErrorNotice error={doc.error} onRetry={reload} />}
      {doc.state === 'ok' && (
        <>
          <h1 data-testid="document-title">{doc.value.title}</h1>
          <dl className="ra-facts">
            {([
              ['Authors', formatAuthors(doc.value.authors) || 'unknown'],
              ['Date', doc.value.date ?? 'unknown'],
              ['Publisher', doc.value.publisher],
              ['Kind', doc.value.kind],
              ['Note', doc.value.note],
              ['File', `${doc.value.docId} (${doc.value.format})`],
            ] as const)
              .filter(([, v]) => v)
              .map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
            {doc.value.url && (
              <div>
                <dt>URL</dt>
                <dd>
                  <a href={doc.value.url} target="_blank" rel="noopener noreferrer nofollow" className="ra-break">
                    {doc.value.url}
                  </a>
                </dd>
              </div>
            )}
          </dl>
          {/* plain text, never HTML: documents are untrusted input */}
          <DocumentText doc={doc.value} range={range} />
        </>
      )}
    </main>
  );
}
