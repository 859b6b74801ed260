import { describe, expect, it } from 'vitest';
import { loadHtml } from './load-html.js';

describe('HTML loader', () => {
  it('honours the declared charset of a page that is not UTF-8', () => {
    const html = '<html><head><meta charset="windows-1252"><title>Caf\xe9 \x93Noir\x94</title></head><body><p>Cr\xe8me br\xfbl\xe9e \x96 \x8010.</p></body></html>';
    const doc = loadHtml(Buffer.from(html, 'latin1'));
    expect(doc.pages[0]).toBe('Crème brûlée – €10.');
    expect(doc.meta.title).toBe('Café “Noir”');
    expect(doc.warnings).toHaveLength(1);
  });

  it('keeps an article header (title, byline) but drops the site header, and reads tables and line breaks', () => {
    const html = `<body><header><a>Site</a> <a>Login</a></header>
      <article><header><h1>Budget 2024</h1><p class="byline">By A. Writer</p></header>
      <p>Line one<br>line two</p>
      <table><tr><th>Year</th><th>Total</th></tr><tr><td>2024</td><td>1.2 bn</td></tr></table>
      <div class="social-share">Share</div><section class="comments"><p>Nice!</p></section></article></body>`;
    const doc = loadHtml(new TextEncoder().encode(html));
    expect(doc.pages[0]).toBe('Budget 2024\n\nBy A. Writer\n\nLine one\nline two\n\nYear | Total\n2024 | 1.2 bn');
    expect(doc.headings).toEqual(['Budget 2024']);
    expect(doc.meta.title).toBe('Budget 2024');
  });
});
