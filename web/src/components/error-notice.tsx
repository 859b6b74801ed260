// An API error in words: what happened, the server's message, and what to do.
import { describeError } from '../lib/describe-error.js';

export interface ErrorNoticeProps {
  error: { code: string; message: string; status?: number };
  onRetry?: () => void;
}

export function ErrorNotice({ error, onRetry }: ErrorNoticeProps) {
  const d = describeError(error);
  return (
    <div className="ra-error" role="alert" data-testid="error" data-code={error.code}>
      <p className="ra-error-title">{d.title}</p>
      {d.detail && d.detail !== d.title && <p className="ra-error-detail">{d.detail}</p>}
      {d.action && <p className="ra-error-action">{d.action}</p>}
      {onRetry && d.retryable && (
        <button type="button" className="ra-btn" onClick={onRetry} data-testid="retry">
          Retry
        </button>
      )}
    </div>
  );
}
