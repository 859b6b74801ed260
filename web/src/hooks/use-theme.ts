// Light, dark or the system's choice, remembered in localStorage.
import { useCallback, useEffect, useState } from 'react';

export type Theme = 'auto' | 'light' | 'dark';
const KEY = 'ra-theme';

function stored(): Theme {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'auto';
  } catch {
    return 'auto'; // storage blocked (sandboxed iframe, privacy mode)
  }
}

export function useTheme(): [Theme, (t: Theme) => void] {
  const [theme, setThemeState] = useState<Theme>(stored);
  const setTheme = useCallback((t: Theme) => {
    setThemeState(t);
    try {
      localStorage.setItem(KEY, t);
    } catch {
      // not remembered; still applied
    }
  }, []);
  return [theme, setTheme];
}

export const parseTheme = (v: string | null | undefined): Theme => (v === 'light' || v === 'dark' ? v : 'auto');

/**
 * The theme of the whole page, not only of the app's box: the page's own background shows wherever the box ends (below
 * the first screen of a long document), and it follows the system unless the reader chose. For pages that are ours
 * alone (the app, /embed), never a portal's page.
 */
export function usePageTheme(theme: Theme): void {
  useEffect(() => {
    const root = document.documentElement;
    root.dataset.theme = theme;
    return () => {
      delete root.dataset.theme;
    };
  }, [theme]);
}
