// The sequence diagram: its region, rows (one per frame, a flood's copies on one row), the current row.
import { type Page } from '@playwright/test';

export class Sequence {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByRole('tab', { name: 'Sequence diagram' }).click();
  }
  get region() {
    return this.page.getByRole('region', { name: 'Sequence diagram' });
  }
  get rows() {
    return this.region.locator('g.seq-row');
  }
  get current() {
    return this.region.locator('g.seq-row[data-current="true"]');
  }
  /** The step (0-based) of the first current row. */
  async currentStep(): Promise<number> {
    return Number(await this.current.first().getAttribute('data-step'));
  }
  row(label: string) {
    return this.rows.filter({ hasText: label });
  }
}
