import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorNotice } from './error-notice.js';

afterEach(cleanup);

describe('ErrorNotice', () => {
  it('says a refused origin in words once, and offers no pointless retry', () => {
    const onRetry = vi.fn();
    render(
      <ErrorNotice
        error={{ code: 'FORBIDDEN_ORIGIN', message: 'This site (http://x.test) is not allowed to use the assistant.', status: 403 }}
        onRetry={onRetry}
      />,
    );
    expect(screen.getByRole('alert').textContent).toBe(
      'This site is not allowed to use the assistant' +
        'This site (http://x.test) is not allowed to use the assistant.' +
        "The assistant's administrator must add this site's address to ALLOWED_ORIGINS.",
    );
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    cleanup();
    // the server's own words already name the fix: not repeated
    render(<ErrorNotice error={{ code: 'FORBIDDEN_ORIGIN', message: 'Not allowed. Add it to ALLOWED_ORIGINS.', status: 403 }} />);
    expect(screen.getByRole('alert').textContent).toBe('This site is not allowed to use the assistantNot allowed. Add it to ALLOWED_ORIGINS.');
  });

  it('says what to do when the server cannot be reached, and retries on request', () => {
    const onRetry = vi.fn();
    render(<ErrorNotice error={{ code: 'NETWORK', message: 'Cannot reach the server at http://a.test.' }} onRetry={onRetry} />);
    expect(screen.getByRole('alert').textContent).toContain('Check that the assistant is running');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('falls back to the server message for an unknown code', () => {
    render(<ErrorNotice error={{ code: 'TEAPOT', message: 'No coffee here.', status: 418 }} />);
    expect(screen.getByRole('alert').textContent).toBe('The request was refusedNo coffee here.Change the question and try again.');
  });
});
