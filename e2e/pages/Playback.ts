// The playback bar: play, pause, step, speed, the timeline and its readout.
import { expect, type Page } from '@playwright/test';

export class Playback {
  constructor(readonly page: Page) {}

  get bar() {
    return this.page.getByRole('toolbar', { name: 'Playback' });
  }
  get play() {
    return this.bar.getByRole('button', { name: 'Play' });
  }
  get pause() {
    return this.bar.getByRole('button', { name: 'Pause' });
  }
  get forward() {
    return this.bar.getByRole('button', { name: 'Step forward' });
  }
  get back() {
    return this.bar.getByRole('button', { name: 'Step back' });
  }
  get speed() {
    return this.bar.getByRole('combobox', { name: 'Speed' });
  }
  get timeline() {
    return this.bar.getByRole('slider', { name: 'Timeline' });
  }

  /** The current step, 1-based, as the readout shows it. */
  async step(): Promise<number> {
    const text = (await this.bar.locator('.step-readout').textContent()) ?? '';
    const m = /Step (\d+) of (\d+)/.exec(text);
    if (!m) throw new Error(`no step in "${text}"`);
    return Number(m[1]);
  }

  async total(): Promise<number> {
    const text = (await this.bar.locator('.step-readout').textContent()) ?? '';
    return Number(/of (\d+)/.exec(text)?.[1] ?? 0);
  }

  /**
   * One step on, then waits until every panel that renders after the diagram (they mark the step they
   * show with data-shows-step) shows the new step, so what a test reads next is this step's.
   */
  async stepForward() {
    const before = await this.step();
    await this.forward.click();
    await expect.poll(() => this.step()).toBeGreaterThan(before);
    await this.settled();
  }

  /** One step back, then waits as stepForward does. */
  async stepBack() {
    const before = await this.step();
    await this.back.click();
    await expect.poll(() => this.step()).toBeLessThan(before);
    await this.settled();
  }

  /** Waits until every deferred panel shows the step the readout shows. */
  async settled() {
    const now = await this.step();
    await expect(this.page.locator(`[data-shows-step]:not([data-shows-step="${now}"])`)).toHaveCount(0);
  }
}
