// The /embed page: the assistant made for an <iframe>, talking to its parent page through a checked bridge.
import { useEffect, useMemo, useRef, useState } from 'react';
import { createApiClient } from '../api/client.js';
import type { AssistantEvent } from '../components/assistant-events.js';
import { Assistant } from '../components/assistant.js';
import { parseTheme, usePageTheme, type Theme } from '../hooks/use-theme.js';
import { documentHref } from '../lib/document-href.js';
import { createEmbedBridge, type EmbedBridge } from './embed-bridge.js';
import { checkParent } from './parent-origin.js';

// The server's frame-ancestors list for /embed, read from our own response headers (same origin, so readable).
async function readOwnCsp(): Promise<string | null> {
  try {
    const res = await fetch(location.pathname, { cache: 'no-store' });
    return res.headers.get('content-security-policy');
  } catch {
    return null;
  }
}

export function EmbedApp({ params }: { params: URLSearchParams }) {
  // Same origin as the API: no CORS and no embed key needed (the server asks the key of cross-origin callers only).
  const client = useMemo(() => createApiClient(), []);
  const [theme, setTheme] = useState<Theme>(parseTheme(params.get('theme')));
  usePageTheme(theme);
  const bridge = useRef<EmbedBridge | null>(null);
  // Events raised before the parent check finishes wait here; dropped if the parent is not trusted.
  const pending = useRef<AssistantEvent[] | null>([]);
  const askRef = useRef<((q: string) => void) | null>(null);

  useEffect(() => {
    let closed = false;
    void readOwnCsp().then((csp) => {
      if (closed) return;
      const check = checkParent({
        param: params.get('parent'),
        framed: window.parent !== window,
        ancestorOrigin: location.ancestorOrigins?.[0] ?? null,
        csp,
        selfOrigin: location.origin,
      });
      if (!check.ok) {
        console.warn(`research-assistant: not sending events to the embedding page: ${check.reason}`);
        pending.current = null;
        return;
      }
      bridge.current = createEmbedBridge(window, check.origin, (command) => {
        if (command.type === 'ask') askRef.current?.(command.question);
        else setTheme(parseTheme(command.theme));
      });
      for (const e of pending.current ?? []) bridge.current.post(e);
      pending.current = null;
    });
    return () => {
      closed = true;
      bridge.current?.close();
    };
  }, [params]);

  const onEvent = (e: AssistantEvent) => {
    if (bridge.current) bridge.current.post(e);
    else pending.current?.push(e);
  };

  return (
    <div className="ra-root ra-embed" data-theme={theme}>
      <Assistant
        client={client}
        variant="compact"
        placeholder={params.get('placeholder') ?? undefined}
        documentHref={(docId, range) => documentHref(docId, range, location.origin)}
        documentInNewTab
        onEvent={onEvent}
        askRef={askRef}
      />
    </div>
  );
}
