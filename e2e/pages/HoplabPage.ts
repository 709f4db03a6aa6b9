// The app shell: opening it, sending traffic, the what-if and sharing actions. Fails a test whose page
// logged an error (see fixtures.ts).
import { expect, type Page } from '@playwright/test';

export const PRESET = 'ClientVM opens https://portal.azurestack.local';

export class HoplabPage {
  readonly consoleErrors: string[] = [];
  constructor(readonly page: Page) {
    page.on('console', (msg) => {
      if (msg.type() === 'error') this.consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => this.consoleErrors.push(`pageerror: ${err.message}`));
  }

  /**
   * Opens the app (relative to the served sub-path) and waits until the engine is ready. The diagram draws a new
   * topology in a deferred render, after that: a test that reads the drawing waits for what it reads (a link may
   * also open another view). A lesson's link (`lesson=...&chapter=N`) is opened once chapter N is: the lesson's run
   * shows its steps before the lesson is resolved, and the chapter then moves the playhead to its own first step,
   * so a key pressed on the readout's first "Step" would be undone.
   */
  async open(query = '') {
    await this.page.goto(`./${query}`);
    await expect(this.page.getByTestId('engine-status')).toHaveAttribute('data-status', 'ready');
    const link = new URLSearchParams(query);
    const chapter = link.get('chapter');
    if (link.get('lesson') && chapter) await expect(this.page.locator('section.lesson-bar')).toHaveAttribute('data-chapter', chapter);
  }

  /** A device on the diagram (the focusable element that stands for it). */
  node(id: string) {
    return this.page.locator(`[data-device="${id}"]`);
  }

  /** The node drawn as sending (or receiving) the current step's frame. */
  nodeIn(role: 'sender' | 'receiver') {
    return this.page.locator(`.react-flow__node:has([data-hop="${role}"])`);
  }

  get flowStatus() {
    return this.page.getByTestId('flow-status');
  }

  async runPreset() {
    await this.page.getByRole('button', { name: PRESET }).click();
    await expect(this.flowStatus).toBeVisible();
  }

  /** Moves the playhead to the last step, where the flow's outcome is told. */
  /** Moves the playhead to the run's last step, once there is a run (the timeline is enabled). */
  async toEnd() {
    const timeline = this.page.getByRole('toolbar', { name: 'Playback' }).getByRole('slider', { name: 'Timeline' });
    await expect(timeline).toBeEnabled();
    await timeline.focus();
    await this.page.keyboard.press('End');
  }

  async send(from: string, to: string) {
    const form = this.page.getByRole('form', { name: 'Send traffic' });
    await form.getByLabel('From').selectOption(from);
    await form.getByLabel('To').fill(to);
    await form.getByRole('button', { name: 'Send' }).click();
  }

  get destinationInput() {
    return this.page.getByRole('form', { name: 'Send traffic' }).getByLabel('To');
  }

  async failFromContextMenu(node: string) {
    await this.node(node).click({ button: 'right' });
    await this.page.getByRole('menu', { name: `Actions for ${node}` }).getByRole('menuitem', { name: `Fail ${node}` }).click();
  }

  async openDetails(node: string) {
    await this.node(node).click();
    return this.page.getByRole('region', { name: `Details of ${node}` });
  }
}
