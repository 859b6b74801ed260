// The documents pages in Chromium against the real server: the dark theme chosen on a light system covers the whole
// length of a long document, the filter's placeholder fits at 360 px, and a document shows its headings as headings.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, startAssistantServer, type AssistantServer } from './harness.js';

let server: AssistantServer;
let browser: Browser;
let context: BrowserContext;

const ROOMI = 'resistance-axis-iran-regional-policy-roomi';

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startAssistantServer({ allowedOrigins: [] });
  context = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: 'light' });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

/** The colours where the reader looks: the background painted behind a point, and the text's colour there (run in
 * the page, so written as a string: no DOM types on this side). */
async function coloursAt(page: Page, x: number, y: number): Promise<{ background: string; text: string }> {
  return page.evaluate(`(() => {
    const el = document.elementFromPoint(${x}, ${y});
    let node = el;
    let background = 'rgba(0, 0, 0, 0)';
    for (; node; node = node.parentElement) {
      background = getComputedStyle(node).backgroundColor;
      if (background !== 'rgba(0, 0, 0, 0)') break;
    }
    if (!node) background = getComputedStyle(document.body).backgroundColor;
    return { background, text: getComputedStyle(el).color };
  })()`);
}

const luminance = (rgb: string) => {
  const [r, g, b] = (rgb.match(/\d+/g) ?? []).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
};

describe('documents', () => {
  it('keep the dark theme chosen on a light system below the first screen of a long document', async () => {
    const page = await context.newPage();
    await page.goto(server.url);
    await page.locator('[data-testid="theme-switch"]').click(); // system → light
    await page.locator('[data-testid="theme-switch"]').click(); // light → dark
    expect(await page.locator('[data-testid="theme-switch"]').textContent()).toBe('Theme: dark');
    await page.goto(`${server.url}/documents/${ROOMI}`);
    await page.locator('[data-testid="document-text"]').waitFor();
    const height = (await page.evaluate('document.documentElement.scrollHeight')) as number;
    expect(height).toBeGreaterThan(3 * 860);
    await page.evaluate('window.scrollTo(0, 4000)');
    await screenshot(page, '11-dark-document-scrolled');
    // beside the text (the page's own background) and on a line of text, four screens down
    for (const x of [40, 640]) {
      const { background, text } = await coloursAt(page, x, 430);
      expect([x, luminance(background) < 0.2]).toEqual([x, true]);
      if (x === 640) expect(luminance(text)).toBeGreaterThan(0.7);
    }
    expect(await page.evaluate('getComputedStyle(document.body).backgroundColor')).toBe('rgb(20, 22, 26)');
    await page.close();
  });

  it('show the whole filter placeholder at 360 px', async () => {
    const narrow = await context.newPage();
    await narrow.setViewportSize({ width: 360, height: 740 });
    await narrow.goto(`${server.url}/documents`);
    const filter = narrow.locator('[data-testid="document-filter"]');
    await filter.waitFor();
    // the placeholder's width in the input's font, against the room inside the input's padding
    const fits = (await narrow.evaluate(`(() => {
      const el = document.querySelector('[data-testid="document-filter"]');
      const cs = getComputedStyle(el);
      const ctx = document.createElement('canvas').getContext('2d');
      ctx.font = cs.fontStyle + ' ' + cs.fontWeight + ' ' + cs.fontSize + ' ' + cs.fontFamily;
      const room = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
      return { text: ctx.measureText(el.placeholder).width, room };
    })()`)) as { text: number; room: number };
    expect(fits.text).toBeLessThanOrEqual(fits.room);
    expect(await narrow.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await screenshot(narrow, '12-documents-narrow');
    await narrow.close();
  });

  it('show a document with its headings as headings', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/documents/${ROOMI}`);
    await page.locator('[data-testid="document-text"]').waitFor();
    const headings = await page.locator('[data-testid="document-text"] h2').allTextContents();
    expect(headings).toEqual(expect.arrayContaining(['Abstract', 'Introduction', 'Conclusion', 'References']));
    await page.getByRole('heading', { name: 'Introduction' }).scrollIntoViewIfNeeded();
    await screenshot(page, '13-document-headings');
    await page.close();
  });
});
