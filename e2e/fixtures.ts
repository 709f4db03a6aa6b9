// Playwright fixtures: a page object for Hoplab, and a console watcher that fails any test whose page
// logged an error or threw.
import { test as base, expect, type Page } from '@playwright/test';

export class HoplabPage {
  readonly consoleErrors: string[] = [];
  constructor(readonly page: Page) {
    page.on('console', (msg) => {
      if (msg.type() === 'error') this.consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => this.consoleErrors.push(`pageerror: ${err.message}`));
  }

  /** Opens the app (relative to the served sub-path) and waits until the engine worker has answered. */
  async open(query = '') {
    await this.page.goto(`./${query}`);
    await expect(this.page.getByTestId('engine-status')).toHaveAttribute('data-status', 'ready');
  }

  node(id: string) {
    return this.page.locator(`.react-flow__node[data-id="${id}"]`);
  }
}

export const test = base.extend<{ hoplab: HoplabPage }>({
  hoplab: async ({ page }, use) => {
    const hoplab = new HoplabPage(page);
    await use(hoplab);
    expect(hoplab.consoleErrors, 'the page logged errors').toEqual([]);
  },
});

export { expect };
