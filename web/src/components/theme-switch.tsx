import type { Theme } from '../hooks/use-theme.js';

const NEXT: Record<Theme, Theme> = { auto: 'light', light: 'dark', dark: 'auto' };
const LABEL: Record<Theme, string> = { auto: 'Theme: system', light: 'Theme: light', dark: 'Theme: dark' };

export function ThemeSwitch({ theme, onChange }: { theme: Theme; onChange(t: Theme): void }) {
  return (
    <button type="button" className="ra-btn ra-btn-quiet ra-theme-switch" onClick={() => onChange(NEXT[theme])} data-testid="theme-switch">
      {LABEL[theme]}
    </button>
  );
}
