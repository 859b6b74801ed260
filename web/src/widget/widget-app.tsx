// What renders inside the <research-assistant> shadow root: the compact assistant talking to `server`.
import { useMemo } from 'react';
import { createApiClient } from '../api/client.js';
import type { AssistantEvent } from '../components/assistant-events.js';
import { Assistant } from '../components/assistant.js';
import type { Theme } from '../hooks/use-theme.js';
import { documentHref } from '../lib/document-href.js';

export interface WidgetAppProps {
  server: string;
  embedKey: string | undefined;
  placeholder: string | undefined;
  theme: Theme;
  onEvent(event: AssistantEvent): void;
}

export function WidgetApp({ server, embedKey, placeholder, theme, onEvent }: WidgetAppProps) {
  const client = useMemo(() => createApiClient({ baseUrl: server, embedKey }), [server, embedKey]);
  return (
    <div className="ra-root ra-widget" data-theme={theme}>
      <Assistant
        // a new server or key is a new conversation: the old one's sources would not open any more
        key={`${server}|${embedKey ?? ''}`}
        client={client}
        variant="compact"
        placeholder={placeholder}
        documentHref={(docId, range) => documentHref(docId, range, client.baseUrl || location.origin)}
        documentInNewTab
        onEvent={onEvent}
      />
    </div>
  );
}
