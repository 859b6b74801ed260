// Page layout only: header with navigation and theme, and the page for the current path.
import { useMemo } from 'react';
import { createApiClient } from './api/client.js';
import { Link } from './components/link.js';
import { ThemeSwitch } from './components/theme-switch.js';
import { EvalsPage } from './evals/evals-page.js';
import { useLocation } from './hooks/use-location.js';
import { usePageTheme, useTheme } from './hooks/use-theme.js';
import { docIdFromPath, rangeFromSearch } from './lib/document-href.js';
import { ChatPage } from './pages/chat-page.js';
import { DocumentPage } from './pages/document-page.js';
import { DocumentsPage } from './pages/documents-page.js';

const NAV = [
  { href: '/', label: 'Ask' },
  { href: '/documents', label: 'Documents' },
  { href: '/evals', label: 'Evaluations' },
];

export function App() {
  // same origin as the page: the server that served the UI is the API
  const client = useMemo(() => createApiClient(), []);
  const loc = useLocation();
  const [theme, setTheme] = useTheme();
  usePageTheme(theme);
  const docId = docIdFromPath(loc.pathname);
  // which nav entry is the current section (aria-current), also for sub-pages like /documents/<id>
  const section = loc.pathname === '/' ? '/' : NAV.find((n) => n.href !== '/' && loc.pathname.startsWith(n.href))?.href;

  let page: React.ReactNode;
  if (loc.pathname === '/') page = <ChatPage client={client} />;
  else if (docId) page = <DocumentPage client={client} docId={docId} range={rangeFromSearch(loc.search)} />;
  else if (loc.pathname === '/documents') page = <DocumentsPage client={client} />;
  else if (loc.pathname === '/evals')
    page = (
      <main className="ra-page" id="main">
        <EvalsPage client={client} />
      </main>
    );
  else
    page = (
      <main className="ra-page" id="main">
        <h1>Page not found</h1>
        <p>
          <Link href="/">Ask a question</Link> or <Link href="/documents">browse the documents</Link>.
        </p>
      </main>
    );

  return (
    <div className="ra-root ra-app" data-theme={theme}>
      <a className="ra-skip" href="#main">
        Skip to content
      </a>
      <header className="ra-header">
        <Link href="/" className="ra-brand">
          Research Assistant
        </Link>
        <nav aria-label="Main" className="ra-nav">
          {NAV.map((n) => (
            <Link key={n.href} href={n.href} aria-current={section === n.href ? 'page' : undefined} className="ra-nav-link">
              {n.label}
            </Link>
          ))}
        </nav>
        <ThemeSwitch theme={theme} onChange={setTheme} />
      </header>
      {page}
    </div>
  );
}
