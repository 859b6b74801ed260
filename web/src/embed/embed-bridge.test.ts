import { describe, expect, it, vi } from 'vitest';
import { createEmbedBridge, parseHostCommand } from './embed-bridge.js';

/** A stand-in window: its own message listeners and a parent whose postMessage is recorded. */
function fakeWindow() {
  const listeners: ((e: MessageEvent) => void)[] = [];
  const parent = { postMessage: vi.fn() };
  const win = {
    parent,
    addEventListener: (_t: string, l: (e: MessageEvent) => void) => listeners.push(l),
    removeEventListener: (_t: string, l: (e: MessageEvent) => void) => listeners.splice(listeners.indexOf(l), 1),
  } as unknown as Window;
  const receive = (data: unknown, origin: string, source: unknown = parent) =>
    listeners.forEach((l) => l({ data, origin, source } as MessageEvent));
  return { win, parent, receive, listeners };
}

describe('embed bridge', () => {
  it('posts events to the parent with the checked origin as target', () => {
    const w = fakeWindow();
    createEmbedBridge(w.win, 'http://localhost:5000', () => undefined).post({ type: 'ready', documents: 3, answerer: 'extractive' });
    expect(w.parent.postMessage).toHaveBeenCalledWith(
      { source: 'research-assistant', version: 1, type: 'ready', documents: 3, answerer: 'extractive' },
      'http://localhost:5000',
    );
  });

  it('accepts commands only from the parent window at the parent origin', () => {
    const w = fakeWindow();
    const onCommand = vi.fn();
    const bridge = createEmbedBridge(w.win, 'http://localhost:5000', onCommand);
    const ask = { source: 'research-assistant-host', type: 'ask', question: 'Who?' };
    w.receive(ask, 'http://evil.test');
    w.receive(ask, 'http://localhost:5000', {});
    w.receive({ ...ask, source: 'other' }, 'http://localhost:5000');
    expect(onCommand).not.toHaveBeenCalled();
    w.receive(ask, 'http://localhost:5000');
    expect(onCommand).toHaveBeenCalledWith({ type: 'ask', question: 'Who?' });
    bridge.close();
    expect(w.listeners).toHaveLength(0);
  });

  it('rejects malformed commands', () => {
    expect(parseHostCommand({ source: 'research-assistant-host', type: 'ask', question: '  ' })).toBeNull();
    expect(parseHostCommand('ask')).toBeNull();
    expect(parseHostCommand({ source: 'research-assistant-host', type: 'eval', code: 'x' })).toBeNull();
  });
});
