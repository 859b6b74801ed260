// A few routes do not need a router library: the History API, a popstate listener, and a <Link> that
// intercepts plain left clicks (modified clicks still open new tabs).
import { useEffect, useState } from 'react';

export interface AppLocation {
  pathname: string;
  search: URLSearchParams;
}

const NAV_EVENT = 'ra:navigate';

const read = (): AppLocation => ({ pathname: location.pathname, search: new URLSearchParams(location.search) });

export function navigate(href: string) {
  history.pushState(null, '', href);
  window.dispatchEvent(new Event(NAV_EVENT));
  window.scrollTo?.(0, 0);
}

export function useLocation(): AppLocation {
  const [loc, setLoc] = useState(read);
  useEffect(() => {
    const update = () => setLoc(read());
    window.addEventListener('popstate', update);
    window.addEventListener(NAV_EVENT, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAV_EVENT, update);
    };
  }, []);
  return loc;
}

export function isPlainLeftClick(e: React.MouseEvent): boolean {
  return e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey && !e.defaultPrevented;
}
