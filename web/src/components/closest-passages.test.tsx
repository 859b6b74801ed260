import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Passage } from '../../../server/contract.js';
import { ClosestPassages } from './closest-passages.js';

afterEach(cleanup);

const passage = (n: number, text: string, page: number | null = null): Passage => ({
  chunkId: `d#${n}`, docId: 'd', title: `Report ${n}`, text, score: 0.3, start: 0, end: text.length, page,
  section: null, authors: [], date: null, url: null, publisher: null,
});

describe('ClosestPassages', () => {
  it('folds away the top three passages, says they do not answer, and shortens long ones', () => {
    const long = 'word '.repeat(100).trim();
    render(<ClosestPassages passages={[passage(1, 'Short text.', 4), passage(2, long), passage(3, 'Third.'), passage(4, 'Fourth.')]} />);
    const box = screen.getByTestId('closest-passages');
    expect(box.hasAttribute('open')).toBe(false);
    expect(screen.getByText(/none of which answers the question/).textContent).toContain('(3)');
    fireEvent.click(screen.getByText(/Closest passages found/));
    const items = box.querySelectorAll('li');
    expect(items).toHaveLength(3);
    expect(items[0].textContent).toBe('Report 1, p. 4Short text.');
    expect(items[1].textContent!.endsWith('…')).toBe(true);
    expect(items[1].textContent!.length).toBeLessThan(300);
  });

  it('shows nothing when the search found nothing', () => {
    const { container } = render(<ClosestPassages passages={[]} />);
    expect(container.innerHTML).toBe('');
  });
});
