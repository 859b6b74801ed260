import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Turn } from '../hooks/chat-state.js';
import { TurnView } from './turn-view.js';

afterEach(cleanup);

const turn = (over: Partial<Turn>): Turn => ({
  id: 't1', question: 'When did the harbour reopen?', status: 'done', answer: 'It reopened in 1998.', citations: [],
  passages: [], abstained: false, uncertain: false, rewrittenQuery: null, answerer: 'extractive', warnings: [], error: null, ...over,
});
const view = (t: Turn) => render(<TurnView turn={t} isLast selectedN={null} onSelect={() => {}} onRetry={() => {}} />);

describe('TurnView', () => {
  it('marks an answer the evidence barely supports as possibly not answering the question', () => {
    view(turn({ uncertain: true }));
    expect(screen.getByTestId('uncertain').textContent).toMatch(/Possibly not an answer/);
    expect(screen.getByTestId('answer-text').textContent).toContain('reopened in 1998');
  });

  it('shows a confident answer without the mark, and an abstention as a notice', () => {
    view(turn({}));
    expect(screen.queryByTestId('uncertain')).toBeNull();
    cleanup();
    view(turn({ abstained: true, uncertain: true, answer: 'The documents in the corpus do not answer this.' }));
    expect(screen.queryByTestId('uncertain')).toBeNull();
    expect(screen.getByTestId('abstention')).toBeTruthy();
  });
});
