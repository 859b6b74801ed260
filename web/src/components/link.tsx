import type { AnchorHTMLAttributes } from 'react';
import { isPlainLeftClick, navigate } from '../hooks/use-location.js';

/** An in-app link: a real <a href> (so it can be opened in a new tab) that navigates without reloading. */
export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return (
    <a
      href={href}
      {...rest}
      onClick={(e) => {
        onClick?.(e);
        if (!isPlainLeftClick(e)) return;
        e.preventDefault();
        navigate(href);
      }}
    />
  );
}
