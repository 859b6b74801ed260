// The question box: Enter sends, Shift+Enter adds a line; while an answer streams the send button becomes stop.
import { useEffect, useId, useRef, useState } from 'react';

export interface ComposerProps {
  streaming: boolean;
  placeholder?: string;
  onSend(question: string): void;
  onStop(): void;
  /** increments to pull focus back to the box (after a new conversation) */
  focusKey?: number;
  maxLength?: number;
}

export function Composer({ streaming, placeholder = 'Ask a question about the documents…', onSend, onStop, focusKey, maxLength = 2000 }: ComposerProps) {
  const [text, setText] = useState('');
  const box = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  useEffect(() => {
    if (focusKey) box.current?.focus();
  }, [focusKey]);

  const submit = () => {
    if (streaming || !text.trim()) return;
    onSend(text);
    setText('');
  };

  return (
    <form
      className="ra-composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label className="ra-visually-hidden" htmlFor={id}>
        Question
      </label>
      <textarea
        id={id}
        ref={box}
        className="ra-input"
        data-testid="question-input"
        rows={1}
        value={text}
        // the server refuses longer questions (QUESTION_TOO_LONG); stopping the typing is kinder than a 400
        maxLength={maxLength}
        placeholder={placeholder}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          // isComposing: Enter that confirms an IME composition (Japanese, Chinese…) must not send the question
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
      />
      {streaming ? (
        <button type="button" className="ra-btn ra-btn-stop" data-testid="stop" onClick={onStop}>
          Stop
        </button>
      ) : (
        <button type="submit" className="ra-btn ra-btn-primary" data-testid="send" disabled={!text.trim()}>
          Ask
        </button>
      )}
    </form>
  );
}
