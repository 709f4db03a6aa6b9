// The event list and its protocol filters.
import type { Page } from '@playwright/test';

export class Events {
  constructor(readonly page: Page) {}

  get region() {
    return this.page.getByRole('region', { name: 'Events' });
  }
  get list() {
    return this.region.getByRole('listbox', { name: 'Event list' });
  }
  filter(name: string) {
    return this.region.getByRole('group', { name: 'Show protocols' }).getByRole('button', { name, exact: true });
  }
  /** The rows of the current step (highlighted). */
  get current() {
    return this.list.getByRole('option', { selected: true });
  }
  row(text: string | RegExp) {
    return this.list.getByRole('option').filter({ hasText: text });
  }
}
