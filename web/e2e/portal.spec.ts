// A portal on another origin embeds the assistant as the <research-assistant> widget and as the /embed iframe,
// and receives their postMessage events after its origin check; a portal that is not allowed is refused in words.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatPage } from './chat-page.js';
import { launchBrowser, screenshot, startAssistantServer, startPortal, type AssistantServer, type PortalSite } from './harness.js';

let server: AssistantServer;
let allowed: PortalSite;
let blocked: PortalSite;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  allowed = await startPortal();
  blocked = await startPortal();
  server = await startAssistantServer({ allowedOrigins: [allowed.origin] });
  allowed.assistantUrl = server.url;
  blocked.assistantUrl = server.url;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await allowed?.close();
  await blocked?.close();
});

const logEntries = (page: Page) =>
  page.locator('#log li').evaluateAll((lis) => lis.map((li) => `${li.getAttribute('data-from')}:${li.getAttribute('data-type')}`));

describe('portal embedding', () => {
  it('works as a widget and as an iframe on an allowed origin, with events reaching the portal', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`${allowed.origin}/`);
    const widget = new ChatPage(page.locator('research-assistant'));
    await widget.input.waitFor();
    await expect.poll(() => logEntries(page)).toEqual(expect.arrayContaining(['widget:ready', 'iframe:ready']));

    // The portal's "button { background: hotpink }" must not reach into the shadow root.
    const sendBg = await widget.send.evaluate('(b) => getComputedStyle(b).backgroundColor');
    expect(sendBg).not.toBe('rgb(255, 105, 180)');

    await widget.ask('When did Qassem Soleimani travel to Moscow?');
    expect(await widget.waitForAnswer()).toBe('done');
    expect(await widget.citation(1).isVisible()).toBe(true);
    await widget.citation(1).click();
    await widget.sourcePanel.waitFor();
    expect(((await widget.highlight.textContent()) ?? '').trim().length).toBeGreaterThan(20);
    await expect.poll(() => logEntries(page)).toEqual(expect.arrayContaining(['widget:answer', 'widget:citation-click']));
    await screenshot(page, '11-portal-widget', { fullPage: true });

    // The iframe, driven by the portal through postMessage ("ask") and answering back.
    const frame = new ChatPage(page.frameLocator('#frame'));
    await frame.input.waitFor();
    await page.locator('#ask-iframe').click();
    expect(await frame.waitForAnswer()).toBe('done');
    await expect.poll(() => logEntries(page)).toEqual(expect.arrayContaining(['iframe:answer']));
    await frame.citation(1).click();
    await frame.sourcePanel.waitFor();
    await expect.poll(() => logEntries(page)).toEqual(expect.arrayContaining(['iframe:citation-click']));
    await screenshot(page, '12-portal-iframe', { fullPage: true });
    await page.close();
  });

  it('refuses a portal whose origin is not allowed, in words, without breaking', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`${blocked.origin}/`);
    const widget = new ChatPage(page.locator('research-assistant'));
    const error = widget.error.first();
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('FORBIDDEN_ORIGIN');
    expect(await error.textContent()).toContain('This site is not allowed to use the assistant');
    // Asking anyway gets the same refusal on the answer, not a crash.
    await widget.ask('When did Qassem Soleimani travel to Moscow?');
    expect(await widget.waitForAnswer()).toBe('error');
    expect(await widget.lastTurn.locator('[data-testid="error"]').getAttribute('data-code')).toBe('FORBIDDEN_ORIGIN');
    await expect.poll(() => logEntries(page)).toEqual(expect.arrayContaining(['widget:error']));
    // The iframe is refused by the browser (CSP frame-ancestors): no assistant inside, no message from it.
    expect(await page.frameLocator('#frame').locator('[data-testid="assistant"]').count()).toBe(0);
    expect((await logEntries(page)).filter((e) => e.startsWith('iframe:'))).toEqual([]);
    await screenshot(page, '13-portal-refused', { fullPage: true });
    // No spelling of the API path gets an answer out to this page: the policy follows the matched route.
    const spellings = ['/api/chat', '/%61pi/chat', '/%61%70%69/chat', '/ap%69/chat', '/api/%63hat'];
    const seen = await page.evaluate(
      async ({ base, paths }) =>
        Promise.all(
          paths.map(async (p) => {
            try {
              const res = await fetch(base + p, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'When did Qassem Soleimani travel to Moscow?' }) });
              const body = (await res.json()) as { answer?: string; error?: { code: string } };
              return `${p} ${res.status} ${body.error?.code ?? ''} ${body.answer ? 'ANSWER' : ''}`.trim();
            } catch {
              return `${p} unreadable`;
            }
          }),
        ),
      { base: server.url, paths: spellings },
    );
    expect(seen).toEqual(spellings.map((p) => `${p} 403 FORBIDDEN_ORIGIN`));
    await page.close();
  });
});
