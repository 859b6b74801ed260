// Page object for the assistant UI (chat page, /embed, or inside the widget's shadow root — Playwright's CSS
// locators pierce open shadow roots, so the same selectors work in all three).
import type { Frame, FrameLocator, Locator, Page } from 'playwright-core';

type Root = Page | Frame | FrameLocator | Locator;

export class ChatPage {
  constructor(readonly root: Root) {}

  private id(testId: string): Locator {
    return this.root.locator(`[data-testid="${testId}"]`);
  }

  get input() {
    return this.id('question-input');
  }
  get send() {
    return this.id('send');
  }
  get stop() {
    return this.id('stop');
  }
  get assistant() {
    return this.id('assistant');
  }
  get turns() {
    return this.id('turn');
  }
  get lastTurn() {
    return this.turns.last();
  }
  get lastAnswer() {
    return this.lastTurn.locator('[data-testid="answer"]');
  }
  get lastAnswerText() {
    return this.lastTurn.locator('[data-testid="answer-text"]');
  }
  get sourcePanel() {
    return this.id('source-panel');
  }
  get highlight() {
    return this.sourcePanel.locator('[data-testid="highlight"]');
  }
  get error() {
    return this.id('error');
  }

  /** data-testid of the focused element (looking through the widget's shadow root) */
  static focusedTestId(page: Page): Promise<string | null> {
    // A string, not a function: this file is compiled without the DOM library (see tsconfig.node.json).
    return page.evaluate(`(() => {
      let el = document.activeElement;
      while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
      return el ? el.getAttribute('data-testid') : null;
    })()`);
  }

  async ask(question: string) {
    await this.input.fill(question);
    await this.input.press('Enter');
  }

  /** Waits until the last answer is finished (done, stopped or failed) and returns its status. */
  async waitForAnswer(timeout = 60_000): Promise<string> {
    // turns are sibling <article>s, so :last-of-type is the last turn
    await this.root.locator('article[data-testid="turn"]:last-of-type:not([data-status="streaming"])').waitFor({ timeout });
    return (await this.lastTurn.getAttribute('data-status')) ?? '';
  }

  citation(n: number) {
    return this.lastAnswer.locator(`[data-testid="cite-${n}"]`).first();
  }

  source(n: number) {
    return this.lastTurn.locator(`[data-testid="source-${n}"]`);
  }
}
