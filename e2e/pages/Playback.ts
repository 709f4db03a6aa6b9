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

  /** The current step, 1-based, as the readout shows it now (a read: use it in expect.poll, or after settled()). */
  async step(): Promise<number> {
    const text = (await this.bar.locator('.step-readout').textContent()) ?? '';
    const m = /Step (\d+) of (\d+)/.exec(text);
    if (!m) throw new Error(`no step in "${text}"`);
    return Number(m[1]);
  }

  /** How many steps the run has, as the readout shows it now (a read: use it in expect.poll). */
  async total(): Promise<number> {
    const text = (await this.bar.locator('.step-readout').textContent()) ?? '';
    return Number(/of (\d+)/.exec(text)?.[1] ?? 0);
  }

  /**
   * One step on, then waits until every panel that renders after the diagram (they mark the step they
   * show with data-shows-step) shows the new step, so what a test reads next is this step's. The new step.
   */
  async stepForward(): Promise<number> {
    const before = await this.settled();
    await this.forward.click();
    await expect.poll(() => this.step()).toBeGreaterThan(before);
    return this.settled();
  }

  /** One step back, then waits as stepForward does. The new step. */
  async stepBack(): Promise<number> {
    const before = await this.settled();
    await this.back.click();
    await expect.poll(() => this.step()).toBeLessThan(before);
    return this.settled();
  }

  /**
   * Waits until the readout shows a step of a run and every deferred panel shows that step; the step.
   * Read a baseline with it ("the step before I press a key"), never with a bare step().
   */
  async settled(): Promise<number> {
    await expect(this.bar.locator('.step-readout')).toContainText(/Step \d+ of \d+/);
    let now = 0;
    await expect
      .poll(async () => {
        now = await this.step();
        const behind = await this.page.locator(`[data-shows-step]:not([data-shows-step="${now}"])`).count();
        // Settled: no panel shows another step, and the readout did not move meanwhile.
        return behind === 0 && (await this.step()) === now;
      })
      .toBe(true);
    return now;
  }
}
