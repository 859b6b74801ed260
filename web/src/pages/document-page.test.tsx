import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentDetail } from '../../../server/contract.js';
import { createApiClient } from '../api/client.js';
import { DocumentPage } from './document-page.js';

afterEach(cleanup);

// A two-page report as the API returns a PDF: its text, its sections (each starting with its heading) and its pages.
const text = [
  'Groundwater in Dry Regions',
  '1. Recharge from rain',
  'Wells in the Sahel fell by a third after the drought.',
  '1.1 Monsoon years',
  'In a wet year the water table rose again.',
  '2. Wells',
  'Deep wells reach water the rain no longer brings.',
].join('\n\n');
const at = (s: string) => text.indexOf(s);
const detail: DocumentDetail = {
  docId: 'groundwater-report', title: 'Groundwater in Dry Regions', authors: [], publisher: null, url: null, date: null, kind: null, note: null,
  format: 'pdf', chunks: 2, chars: text.length, text,
  sections: [
    { heading: '1. Recharge from rain', start: at('1. Recharge'), end: at('1.1 Monsoon'), isReferences: false },
    { heading: '1.1 Monsoon years', start: at('1.1 Monsoon'), end: at('2. Wells'), isReferences: false },
    { heading: '2. Wells', start: at('2. Wells'), end: text.length, isReferences: false },
  ],
  pages: [
    { page: 1, start: 0, end: at('In a wet year') },
    { page: 2, start: at('In a wet year'), end: text.length },
  ],
};
const client = createApiClient({ fetch: async () => new Response(JSON.stringify(detail), { headers: { 'content-type': 'application/json' } }) });

describe('DocumentPage', () => {
  it('shows headings as headings and where each page begins, in document order', async () => {
    render(<DocumentPage client={client} docId="groundwater-report" range={null} />);
    const body = await screen.findByTestId('document-text');
    const outline = [...body.children].map((el) => `${el.tagName.toLowerCase()}: ${el.textContent}`);
    expect(outline).toEqual([
      'div: Page 1',
      'p: Groundwater in Dry Regions',
      'h2: 1. Recharge from rain',
      'p: Wells in the Sahel fell by a third after the drought.',
      'h3: 1.1 Monsoon years',
      'div: Page 2',
      'p: In a wet year the water table rose again.',
      'h2: 2. Wells',
      'p: Deep wells reach water the rain no longer brings.',
    ]);
    expect(screen.getAllByRole('separator').map((el) => el.getAttribute('aria-label'))).toEqual(['Page 1', 'Page 2']);
  });

  it('highlights a cited range that runs across a page break, in each block it covers', async () => {
    const range = { start: at('Monsoon years'), end: at(' the water table') };
    render(<DocumentPage client={client} docId="groundwater-report" range={range} />);
    await screen.findByTestId('document-text');
    expect(screen.getByTestId('highlight').textContent).toBe('Monsoon years');
    expect(screen.getByTestId('highlight-continued').textContent).toBe('In a wet year');
    expect(screen.getByTestId('highlight').closest('h3')).not.toBeNull();
  });
});
