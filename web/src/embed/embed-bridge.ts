// postMessage both ways between the /embed page and the page that frames it. Out: only to the checked parent
// origin (the browser drops the message if the parent has navigated elsewhere). In: only from that origin and
// from the parent window itself.
import type { AssistantEvent } from '../components/assistant-events.js';

export const MESSAGE_SOURCE = 'research-assistant';
export const HOST_SOURCE = 'research-assistant-host';

export type HostCommand = { type: 'ask'; question: string } | { type: 'set-theme'; theme: string };

export interface EmbedBridge {
  post(event: AssistantEvent): void;
  close(): void;
}

export function parseHostCommand(data: unknown): HostCommand | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  if (d.source !== HOST_SOURCE) return null;
  if (d.type === 'ask' && typeof d.question === 'string' && d.question.trim()) return { type: 'ask', question: d.question };
  if (d.type === 'set-theme' && typeof d.theme === 'string') return { type: 'set-theme', theme: d.theme };
  return null;
}

export function createEmbedBridge(win: Window, parentOrigin: string, onCommand: (c: HostCommand) => void): EmbedBridge {
  const listener = (e: MessageEvent) => {
    if (e.origin !== parentOrigin || e.source !== win.parent) return;
    const command = parseHostCommand(e.data);
    if (command) onCommand(command);
  };
  win.addEventListener('message', listener);
  return {
    post(event) {
      win.parent.postMessage({ source: MESSAGE_SOURCE, version: 1, ...event }, parentOrigin);
    },
    close() {
      win.removeEventListener('message', listener);
    },
  };
}
