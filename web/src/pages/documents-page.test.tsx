import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentList } from '../../../server/contract.js';
import { createApiClient } from '../api/client.js';
import { DocumentsPage } from './documents-page.js';

afterEach(cleanup);

const list: DocumentList = {
  documents: [
    { docId: 'a', title: 'Field Guide to Coastal Wetlands', authors: ['Mira Jensen'], publisher: null, url: null, date: '2022-05-01', kind: null, note: null, format: 'docx', chunks: 4, chars: 3000 },
  ],
  skipped: [{ relPath: 'scans/old-report.pdf', reason: 'the PDF has no text layer (scanned pages?); run OCR on it first' }],
};
const client = (body: DocumentList) =>
  createApiClient({ fetch: async () => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } }) });

describe('DocumentsPage', () => {
  it('shows the files the last ingest skipped, each with its reason', async () => {
    render(<DocumentsPage client={client(list)} />);
    const skipped = await screen.findByTestId('skipped-files');
    expect(skipped.textContent).toContain('Not indexed');
    expect(skipped.textContent).toContain('scans/old-report.pdf: the PDF has no text layer');
    expect(screen.getByTestId('document-link').textContent).toBe('Field Guide to Coastal Wetlands');
  });

  it('has no such section when nothing was skipped', async () => {
    render(<DocumentsPage client={client({ ...list, skipped: [] })} />);
    await screen.findByTestId('document-link');
    expect(screen.queryByTestId('skipped-files')).toBeNull();
  });
});
