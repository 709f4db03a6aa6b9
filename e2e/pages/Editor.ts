// The topology editor tab: its sections' forms, undo and redo, export.
import { type Page } from '@playwright/test';

export class Editor {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByRole('tab', { name: 'Edit topology' }).click();
  }
  get region() {
    return this.page.getByRole('region', { name: 'Topology editor' });
  }
  /** Opens an "Add ..." form and returns it. */
  async form(title: string) {
    const details = this.region.locator('details.add-form').filter({ has: this.page.getByText(title, { exact: true }) });
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    return this.region.getByRole('form', { name: title });
  }
  async add(title: string, submit: string, values: Record<string, string>) {
    const form = await this.form(title);
    for (const [label, value] of Object.entries(values)) await form.getByLabel(label, { exact: true }).fill(value);
    await form.getByRole('button', { name: submit }).click();
    return form;
  }
}
