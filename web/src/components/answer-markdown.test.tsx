import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Citation } from '../../../server/contract.js';
import { AnswerMarkdown } from './answer-markdown.js';

afterEach(cleanup);

const citation = (n: number, over: Partial<Citation> = {}): Citation => ({
  chunkId: `d#${n}`, docId: 'd', title: `Title ${n}`, text: 'Intro. Shoigu visited Tehran in July 2015. Outro.', score: 1,
  start: 0, end: 50, page: null, section: null, authors: [], date: null, url: null, publisher: null, n,
  span: { start: 7, end: 42 }, sentences: [], supported: true, supportScore: 0.9, ...over,
});

describe('AnswerMarkdown', () => {
  it('renders [n], [n, m] and [n][m] as buttons, inside markdown formatting too', () => {
    const onSelect = vi.fn();
    render(
      <AnswerMarkdown
        text={'**Shoigu** went [1]. Both say so [1, 2].\n\n- listed[2][3]\n\n`[1] in code`'}
        citations={[citation(1), citation(2), citation(3)]}
        selectedN={null}
        onSelect={onSelect}
      />,
    );
    expect(screen.getAllByTestId('cite-1')).toHaveLength(2);
    expect(screen.getAllByTestId('cite-2')).toHaveLength(2);
    expect(screen.getAllByTestId('cite-3')).toHaveLength(1);
    expect(screen.getByText('[1] in code').tagName).toBe('CODE');
    expect(screen.getByText('Shoigu').tagName).toBe('STRONG');
    fireEvent.click(screen.getAllByTestId('cite-2')[1]);
    expect(onSelect).toHaveBeenCalledWith(2);
  });

  it('shows the source title and the cited sentence on hover', () => {
    render(<AnswerMarkdown text="Fact [1]." citations={[citation(1)]} selectedN={null} onSelect={() => undefined} />);
    fireEvent.mouseEnter(screen.getByTestId('cite-1').parentElement!);
    expect(screen.getByRole('tooltip').textContent).toBe('Title 1“Shoigu visited Tehran in July 2015.”');
  });

  it('marks an unsupported citation in its label and tooltip', () => {
    render(
      <AnswerMarkdown text="Fact [1]." citations={[citation(1, { supported: false })]} selectedN={null} onSelect={() => undefined} />,
    );
    const button = screen.getByTestId('cite-1');
    expect(button.getAttribute('aria-label')).toBe('Source 1: Title 1 (not supported by the passage)');
    expect(button.className).toContain('is-unsupported');
    fireEvent.focus(button);
    expect(screen.getByRole('tooltip').textContent).toContain('does not clearly support');
  });

  it('never renders HTML, images or script URLs from the answer', () => {
    const { container } = render(
      <AnswerMarkdown
        text={'<img src=x onerror="alert(1)"> <b>bold</b> ![i](http://t.example/p.png) [link](javascript:alert(1))'}
        citations={[]}
        selectedN={null}
        onSelect={() => undefined}
      />,
    );
    expect(container.querySelector('img, b, script')).toBeNull();
    expect(container.textContent).toContain('<b>bold</b>');
    expect(container.querySelector('a')?.getAttribute('href')).toBe('');
  });

  it('marks the selected citation without remounting its button (keyboard focus stays on it)', () => {
    const props = { text: 'Fact [1].', citations: [citation(1)], onSelect: () => undefined };
    const { rerender } = render(<AnswerMarkdown {...props} selectedN={null} />);
    const before = screen.getByTestId('cite-1');
    before.focus();
    rerender(<AnswerMarkdown {...props} selectedN={1} />);
    expect(screen.getByTestId('cite-1')).toBe(before);
    expect(before.getAttribute('aria-pressed')).toBe('true');
    expect(document.activeElement).toBe(before);
  });

  it('keeps a marker of an unknown citation as text once citations are known', () => {
    render(<AnswerMarkdown text="In [2019] and [1]." citations={[citation(1)]} selectedN={null} onSelect={() => undefined} />);
    expect(screen.queryAllByRole('button')).toHaveLength(1);
    expect(screen.getByText(/In \[2019\] and/)).toBeTruthy();
  });
});
