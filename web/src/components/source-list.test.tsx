import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Citation } from '../../../server/contract.js';
import { SourceList } from './source-list.js';

afterEach(cleanup);

const cite = (n: number, docId: string, over: Partial<Citation> = {}): Citation => ({
  n, chunkId: `${docId}#${n}`, docId, title: `Title of ${docId}`, text: `Passage ${n} of ${docId}, the cited words.`, score: 1,
  start: 0, end: 40, page: null, section: null, authors: ['A. Writer'], date: '2024-12-04', url: null, publisher: null,
  span: { start: 0, end: 9 }, sentences: [], supported: true, supportScore: 1, ...over,
});

describe('SourceList', () => {
  it('lists a document cited twice once, with both passages under it, each opening its own number', () => {
    const picked: number[] = [];
    render(<SourceList citations={[cite(1, 'a', { page: 3 }), cite(2, 'b'), cite(3, 'a', { section: 'Defensive Policy' })]} selectedN={null} onSelect={(n) => picked.push(n)} />);
    const docs = screen.getAllByTestId('source-document');
    expect(docs).toHaveLength(2);
    expect(docs.map((d) => d.textContent!.split('Title of a').length - 1)).toEqual([1, 0]);
    expect(screen.getByTestId('source-1').textContent).toContain('p. 3 — “Passage 1”');
    expect(screen.getByTestId('source-3').textContent).toContain('Defensive Policy');
    expect(screen.getByTestId('source-3').getAttribute('aria-label')).toContain('Title of a');
    // a document cited once shows the words it is cited for too, not only its title
    expect(screen.getByTestId('source-2').textContent).toContain('“Passage 2”');
    fireEvent.click(screen.getByTestId('source-3'));
    fireEvent.click(screen.getByTestId('source-2'));
    expect(picked).toEqual([3, 2]);
  });
});
