import type { ApiClient } from '../api/client.js';
import { Assistant } from '../components/assistant.js';
import { navigate } from '../hooks/use-location.js';
import { documentHref } from '../lib/document-href.js';

export function ChatPage({ client }: { client: ApiClient }) {
  return (
    <main className="ra-page-chat" id="main">
      <h1 className="ra-visually-hidden">Ask the documents</h1>
      <Assistant client={client} documentHref={(docId, range) => documentHref(docId, range)} onNavigate={navigate} />
    </main>
  );
}
