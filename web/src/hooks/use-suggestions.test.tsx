import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { DocumentDetail, DocumentMeta } from '../../../server/contract.js';
import { createApiClient } from '../api/client.js';
import { useSuggestions } from './use-suggestions.js';

const meta = (docId: string, o: Partial<DocumentMeta> = {}): DocumentMeta => ({
  docId, title: `Report ${docId}`, authors: [], publisher: null, url: null, date: null, kind: null, note: null, format: 'txt', chunks: 3, chars: 900, ...o,
});

// Eight documents as /api/documents lists them (by title): the first three give one question between them (only
// "b" has metadata, and their headings only say where one is); the other five have authors or dates.
const documents = [
  meta('a'),
  meta('b', { date: '2020-05-01' }),
  meta('c'),
  ...['d', 'e', 'f', 'g', 'h'].map((id) => meta(id, { authors: [`Author ${id.toUpperCase()}ones`] })),
];
const detail = (d: DocumentMeta): DocumentDetail => ({ ...d, text: 'Introduction\n\nText.', pages: [], sections: [{ heading: 'Introduction', start: 0, end: 18, isReferences: false }] });

const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
const client = createApiClient({
  fetch: (async (input: RequestInfo | URL) => {
    const url = String(input);
    if (url.endsWith('/api/documents')) return json({ documents });
    const id = decodeURIComponent(url.split('/api/documents/')[1] ?? '');
    const d = documents.find((x) => x.docId === id);
    return d ? json(detail(d)) : new Response('{}', { status: 404 });
  }) as typeof fetch,
});

describe('useSuggestions', () => {
  it('suggests three questions for an eight-document corpus whose first documents say little', async () => {
    const { result } = renderHook(() => useSuggestions(client, true));
    await waitFor(() => expect(result.current.length).toBeGreaterThan(0));
    expect(result.current).toEqual(['When was “Report b” published?', 'Who wrote “Report d”?', 'Who wrote “Report e”?']);
  });
});
