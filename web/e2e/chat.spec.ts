// The chat page on the real server and a real index: ask → streamed, cited answer → [1] → highlighted passage →
// the whole document at that span; an unanswerable question → abstention; stop while streaming; errors in words.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatPage } from './chat-page.js';
import { launchBrowser, screenshot, startAssistantServer, type AssistantServer } from './harness.js';

let server: AssistantServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startAssistantServer({ allowedOrigins: [] });
  context = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: 'light' });
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

describe('chat page', () => {
  it('streams a cited answer, shows the source on hover and click, and opens the document at the span', async () => {
    const chat = new ChatPage(page);
    await page.goto(server.url);
    await chat.input.waitFor();
    await expect(page.locator('[data-testid="empty-state"]').textContent()).resolves.toMatch(/Answers quote \d+ documents/);
    await screenshot(page, '01-empty');

    // Hold the stream after the first token: the answer must be visibly partial, with Stop offered.
    server.gate.hold();
    await chat.ask('When did Qassem Soleimani travel to Moscow?');
    await chat.lastAnswerText.waitFor();
    await chat.stop.waitFor();
    expect(await chat.lastTurn.getAttribute('data-status')).toBe('streaming');
    expect(await chat.lastAnswer.getAttribute('aria-busy')).toBe('true');
    const partial = (await chat.lastAnswerText.textContent()) ?? '';
    expect(partial.length).toBeGreaterThan(0);
    await screenshot(page, '02-streaming');
    server.gate.release();

    expect(await chat.waitForAnswer()).toBe('done');
    const full = (await chat.lastAnswerText.textContent()) ?? '';
    expect(full.length).toBeGreaterThanOrEqual(partial.length);
    expect(await chat.citation(1).isVisible()).toBe(true);
    expect(await chat.lastAnswer.getAttribute('data-abstained')).toBe('false');
    // one entry per document: its title once, whether one passage or several are cited from it
    const entries = chat.lastTurn.locator('[data-testid="source-document"]');
    const titles = (await entries.allTextContents()).map((t) => t.includes('Russia and Iran converge'));
    expect(titles.filter(Boolean)).toHaveLength(1);
    expect(await chat.lastTurn.locator('[data-testid="source-document"]:has([data-testid="source-1"])').textContent()).toContain('Russia and Iran converge');

    // Hover [1]: the source title and the cited sentence.
    await chat.citation(1).hover();
    const tip = page.locator('[data-testid="cite-tooltip"]');
    await tip.waitFor();
    expect(await tip.textContent()).toContain('Russia and Iran converge');
    // wholly visible inside the conversation, even for a marker on the first lines
    const tipBox = (await tip.boundingBox())!;
    const area = (await page.locator('[data-testid="conversation"]').boundingBox())!;
    expect(tipBox.y).toBeGreaterThanOrEqual(area.y);
    expect(tipBox.x).toBeGreaterThanOrEqual(area.x);
    expect(tipBox.x + tipBox.width).toBeLessThanOrEqual(area.x + area.width);
    await screenshot(page, '03-hover-citation');

    // Click [1]: the panel with the passage and the cited span highlighted.
    await chat.citation(1).click();
    await chat.sourcePanel.waitFor();
    expect(await chat.sourcePanel.locator('[data-testid="source-title"]').textContent()).toContain('Russia and Iran converge');
    // what the metadata says about the source: its kind and the note on its (unnamed) writer
    const facts = (await chat.sourcePanel.locator('dl').textContent()) ?? '';
    expect(facts).toContain('opinion article');
    expect(facts).toContain('MA student at the Institute of World Politics');
    const marked = (await chat.highlight.textContent()) ?? '';
    // the highlighted span is a sentence of the passage that the answer quotes (the answerer is extractive)
    expect(marked.trim().length).toBeGreaterThan(20);
    expect(full.replace(/\s+/g, ' ')).toContain(marked.trim().replace(/\s+/g, ' ').slice(0, 40));
    expect(await chat.sourcePanel.locator('[data-testid="passage"]').textContent()).toContain(marked);
    await screenshot(page, '04-source-panel');

    // The whole document, scrolled to the same words, highlighted.
    await chat.sourcePanel.locator('[data-testid="open-document"]').click();
    await page.waitForURL(/\/documents\/russia-iran-converge-soleimani-jpost\?start=\d+&end=\d+$/);
    const docMark = page.locator('[data-testid="document-text"] [data-testid="highlight"]');
    await docMark.waitFor();
    expect(await docMark.textContent()).toBe(marked);
    expect(await docMark.isVisible()).toBe(true);
    const box = await docMark.boundingBox();
    expect(box && box.y >= 0 && box.y < 860).toBe(true);
    await screenshot(page, '05-document-at-span');
  });

  it('shows an abstention, not an answer, for a question the corpus does not answer', async () => {
    const chat = new ChatPage(page);
    await page.goto(server.url);
    await chat.ask('What is the population of Brazil?');
    expect(await chat.waitForAnswer()).toBe('done');
    expect(await chat.lastAnswer.getAttribute('data-abstained')).toBe('true');
    await page.locator('[data-testid="abstention"]').waitFor();
    expect(await chat.lastTurn.locator('[data-testid^="source-"]').count()).toBe(0);
    expect(await chat.lastAnswer.locator('[data-testid^="cite-"]').count()).toBe(0);
    // where it looked, folded away and not presented as support
    const closest = chat.lastAnswer.locator('[data-testid="closest-passages"]');
    await closest.locator('summary').click();
    expect(await closest.locator('li').count()).toBeGreaterThan(0);
    await screenshot(page, '06-abstention');
  });

  it('stops a streaming answer, keeps what arrived, and takes a follow-up in the same conversation', async () => {
    const chat = new ChatPage(page);
    await page.goto(server.url);
    server.gate.hold();
    await chat.ask('Which Russian defense minister met Soleimani?');
    await chat.lastAnswerText.waitFor();
    await chat.stop.click();
    expect(await chat.lastTurn.getAttribute('data-status')).toBe('stopped');
    await page.getByText('Stopped. The answer above is incomplete.').waitFor();
    server.gate.release();
    await screenshot(page, '07-stopped');

    // Retry the same question, then a follow-up that relies on the conversation.
    const requests: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/chat')) requests.push(r.postData() ?? '');
    });
    await chat.lastTurn.locator('[data-testid="retry"]').click();
    expect(await chat.waitForAnswer()).toBe('done');
    await chat.ask('When did he meet him?');
    await chat.waitForAnswer();
    expect(await chat.turns.count()).toBe(2);
    const followUp = JSON.parse(requests[1]) as { history?: { role: string; content: string }[] };
    expect(followUp.history?.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(followUp.history?.[0].content).toBe('Which Russian defense minister met Soleimani?');

    await page.locator('[data-testid="new-conversation"]').click();
    expect(await chat.turns.count()).toBe(0);
    expect(await ChatPage.focusedTestId(page)).toBe('question-input');
  });

  it('is usable from the keyboard and at 360 px (in the dark theme)', async () => {
    const narrow = await context.newPage();
    await narrow.setViewportSize({ width: 360, height: 740 });
    await narrow.emulateMedia({ colorScheme: 'dark' });
    const chat = new ChatPage(narrow);
    await narrow.goto(server.url);
    await chat.input.focus();
    await narrow.keyboard.type('When did Qassem Soleimani travel to Moscow?');
    await narrow.keyboard.press('Enter');
    expect(await chat.waitForAnswer()).toBe('done');
    // Nothing wider than the screen.
    expect(await narrow.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await screenshot(narrow, '08-narrow-answer');
    // Tab to the first citation button and open it with Enter.
    await chat.citation(1).focus();
    await narrow.keyboard.press('Enter');
    await chat.sourcePanel.waitFor();
    expect(await ChatPage.focusedTestId(narrow)).toBe('source-title');
    // the theme follows the system: dark colours, not dark text on a light page
    expect(await narrow.evaluate(`getComputedStyle(document.querySelector('.ra-root')).colorScheme`)).toBe('dark');
    await screenshot(narrow, '08-narrow-source-dark');
    await narrow.keyboard.press('Escape');
    await chat.sourcePanel.waitFor({ state: 'detached' });
    expect(await ChatPage.focusedTestId(narrow)).toBe('cite-1');
    await narrow.close();
  });

  it('starts with what the corpus holds and three questions drawn from it, one click asking one', async () => {
    const start = await context.newPage();
    await start.goto(server.url);
    const suggestions = start.locator('[data-testid="suggestions"] button');
    await suggestions.nth(2).waitFor();
    expect(await suggestions.count()).toBe(3);
    const questions = await suggestions.allTextContents();
    // derived from the indexed documents: each names one of them by its title
    const titles = ['Russia and Iran converge', 'Russia Increases Ties', 'The Resistance Axis'];
    for (const t of titles) expect(questions.filter((q) => q.includes(t))).toHaveLength(1);
    const summary = (await start.locator('[data-testid="corpus-summary"]').textContent()) ?? '';
    expect(summary).toMatch(/^3 documents, \d+ passages · indexed .+ · answers quoted from the documents \(offline\)$/);
    await screenshot(start, '01-start-suggestions');
    await suggestions.first().click();
    const chat = new ChatPage(start);
    expect(await chat.waitForAnswer()).toBe('done');
    expect(await chat.lastAnswer.getAttribute('data-abstained')).toBe('false');
    expect(await chat.citation(1).isVisible()).toBe(true);
    await start.close();

    // at 360 px the status line is whole (it wraps rather than ending in "…") and nothing is wider than the screen
    const narrow = await context.newPage();
    await narrow.setViewportSize({ width: 360, height: 740 });
    await narrow.goto(server.url);
    await narrow.locator('[data-testid="suggestions"]').waitFor();
    const status = narrow.locator('[data-testid="chat-status"]');
    expect(await status.textContent()).toBe('3 documents · extractive');
    expect(await status.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    expect(await narrow.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await screenshot(narrow, '01-start-narrow');
    await narrow.close();
  });

  it('lists the documents and shows one with its metadata and text', async () => {
    await page.goto(`${server.url}/documents`);
    const links = page.locator('[data-testid="document-link"]');
    await links.first().waitFor();
    expect(await links.count()).toBe(3);
    await screenshot(page, '09-documents');
    await page.getByRole('link', { name: /Russia Increases Ties/ }).click();
    await page.locator('[data-testid="document-title"]').waitFor();
    expect(await page.locator('dl').textContent()).toContain('Emil Avdaliani');
    expect(((await page.locator('[data-testid="document-text"]').textContent()) ?? '').length).toBeGreaterThan(1000);
  });

  it('says in words when the server cannot be reached', async () => {
    const chat = new ChatPage(page);
    await page.goto(server.url);
    await chat.input.waitFor();
    await page.route('**/api/chat', (route) => route.abort('connectionrefused'));
    await chat.ask('When did Qassem Soleimani travel to Moscow?');
    expect(await chat.waitForAnswer()).toBe('error');
    expect(await chat.error.textContent()).toContain('Cannot reach the server');
    await screenshot(page, '10-network-error');
    await page.unroute('**/api/chat');
    await chat.lastTurn.locator('[data-testid="retry"]').click();
    expect(await chat.waitForAnswer()).toBe('done');
  });
});
