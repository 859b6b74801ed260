// An API error in words a reader can act on: the server's own message, plus what to do about it.
export interface ErrorDescription {
  title: string;
  /** the server's message (or ours for client-side causes) */
  detail: string;
  /** what the reader can do next */
  action: string;
  /** whether sending the same question again may work */
  retryable: boolean;
}

const ACTIONS: Record<string, { title: string; action: string; retryable: boolean }> = {
  NETWORK: {
    title: 'Cannot reach the server',
    action: 'Check that the assistant is running (npm start) and your connection, then retry.',
    retryable: true,
  },
  FORBIDDEN_ORIGIN: {
    title: 'This site is not allowed to use the assistant',
    action: "The assistant's administrator must add this site's address to ALLOWED_ORIGINS.",
    retryable: false,
  },
  BAD_EMBED_KEY: {
    title: 'The embed key was refused',
    action: 'The page embedding the assistant must pass the current key in its embed-key attribute.',
    retryable: false,
  },
  RATE_LIMITED: { title: 'Too many questions at once', action: 'Wait a minute, then retry.', retryable: true },
  INDEX_NOT_READY: {
    title: 'The documents are not indexed yet',
    action: 'Run npm run ingest on the server (or restart it with npm start), then retry.',
    retryable: true,
  },
  EMPTY_QUESTION: { title: 'The question is empty', action: 'Type a question, then send it.', retryable: false },
  QUESTION_TOO_LONG: { title: 'The question is too long', action: 'Shorten the question and send it again.', retryable: false },
  BAD_HISTORY: { title: 'The conversation could not be sent', action: 'Start a new conversation and ask again.', retryable: false },
  PAYLOAD_TOO_LARGE: { title: 'The conversation is too long', action: 'Start a new conversation and ask again.', retryable: false },
  UNKNOWN_DOCUMENT: {
    title: 'Document not found',
    action: 'It may have been removed from the corpus; go back to the documents list.',
    retryable: false,
  },
  STREAM_ENDED: { title: 'The answer was cut off', action: 'Retry the question.', retryable: true },
  BAD_RESPONSE: { title: 'The server sent something unexpected', action: 'Retry; if it keeps happening, check the server log.', retryable: true },
  INTERNAL: { title: 'The server ran into a problem', action: 'Retry; if it keeps happening, check the server log.', retryable: true },
};

export function describeError(error: { code: string; message: string; status?: number }): ErrorDescription {
  const known = ACTIONS[error.code];
  // The server's message may already say what to do (the origin refusal names ALLOWED_ORIGINS): say it once.
  if (known?.action.includes('ALLOWED_ORIGINS') && error.message.includes('ALLOWED_ORIGINS')) return { ...known, detail: error.message, action: '' };
  if (known) return { ...known, detail: error.message };
  const serverFault = (error.status ?? 0) >= 500;
  return {
    title: serverFault ? 'The server ran into a problem' : 'The request was refused',
    detail: error.message,
    action: serverFault ? 'Retry; if it keeps happening, check the server log.' : 'Change the question and try again.',
    retryable: serverFault,
  };
}
