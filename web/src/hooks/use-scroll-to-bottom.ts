// Follows a growing conversation (streamed tokens, new turns) unless the reader has scrolled up to read.
import { useCallback, useEffect, useRef } from 'react';

const NEAR_BOTTOM_PX = 80;

export function useScrollToBottom<T extends HTMLElement>(dependency: unknown) {
  const ref = useRef<T>(null);
  const follow = useRef(true);

  const onScroll = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    follow.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
  }, []);

  useEffect(() => {
    const el = ref.current;
    if (el && follow.current) el.scrollTop = el.scrollHeight;
  }, [dependency]);

  /** call when the reader asks something: they want to see the answer, wherever they were */
  const resume = useCallback(() => {
    follow.current = true;
  }, []);

  return { ref, onScroll, resume };
}
