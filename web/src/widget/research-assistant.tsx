// <research-assistant server="https://assistant.example.org" placeholder="…" theme="auto|light|dark" embed-key="…">
// One script tag defines it. Shadow DOM keeps the portal's CSS out; React is bundled into widget.js.
// Events: DOM events on the element (ra-ready, ra-answer, ra-citation-click, ra-error; detail = payload) and the
// same payloads as window.postMessage to the page's own origin, so a portal can handle the widget and the
// /embed iframe with one message listener.
import { createRoot, type Root } from 'react-dom/client';
import type { AssistantEvent } from '../components/assistant-events.js';
import { MESSAGE_SOURCE } from '../embed/embed-bridge.js';
import { parseTheme } from '../hooks/use-theme.js';
import assistantCss from '../styles/assistant.css?inline';
import widgetCss from './widget.css?inline';
import { WidgetApp } from './widget-app.js';

// Read while the script runs: the default server is wherever widget.js came from.
const scriptOrigin = (() => {
  const script = document.currentScript as HTMLScriptElement | null;
  try {
    return script?.src ? new URL(script.src).origin : '';
  } catch {
    return '';
  }
})();

export class ResearchAssistantElement extends HTMLElement {
  static observedAttributes = ['server', 'placeholder', 'theme', 'embed-key'];
  private root: Root | null = null;

  connectedCallback() {
    if (this.root) return;
    // open, not closed: the portal's tests and assistive tech can still reach inside
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    shadow.replaceChildren();
    // the styles travel inside widget.js (?inline): one request, and nothing the portal's CSS can override
    const style = document.createElement('style');
    style.textContent = `${assistantCss}\n${widgetCss}`;
    const mount = document.createElement('div');
    mount.style.height = '100%';
    shadow.append(style, mount);
    this.root = createRoot(mount);
    this.render();
  }

  disconnectedCallback() {
    // Moving the element in the DOM disconnects then reconnects it at once: only unmount if it really left.
    queueMicrotask(() => {
      if (this.isConnected || !this.root) return;
      this.root.unmount();
      this.root = null;
    });
  }

  attributeChangedCallback() {
    this.render();
  }

  private emit = (event: AssistantEvent) => {
    this.dispatchEvent(new CustomEvent(`ra-${event.type}`, { detail: event, bubbles: true, composed: true }));
    window.postMessage({ source: MESSAGE_SOURCE, version: 1, ...event }, location.origin);
  };

  private render() {
    if (!this.root) return;
    const server = (this.getAttribute('server') || scriptOrigin || location.origin).replace(/\/+$/, '');
    this.root.render(
      <WidgetApp
        server={server}
        embedKey={this.getAttribute('embed-key') || undefined}
        placeholder={this.getAttribute('placeholder') || undefined}
        theme={parseTheme(this.getAttribute('theme'))}
        onEvent={this.emit}
      />,
    );
  }
}

if (!customElements.get('research-assistant')) customElements.define('research-assistant', ResearchAssistantElement);
