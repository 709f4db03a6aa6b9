// The side panel's hop explanation (Why) and packet inspector (changes, layer tree, hex dump).
import type { Page } from '@playwright/test';

export class Inspector {
  constructor(readonly page: Page) {}

  get why() {
    return this.page.getByRole('region', { name: 'Why' });
  }
  get packet() {
    return this.page.getByRole('region', { name: 'Packet inspector' });
  }
  get changes() {
    return this.packet.getByLabel('What this hop changed');
  }
  get bytes() {
    return this.page.getByRole('group', { name: 'Packet bytes' });
  }

  /** The node whose decision sent the current frame (undefined for background traffic). */
  async hopNode(): Promise<string | undefined> {
    const hop = this.why.locator('.hop-sender');
    return (await hop.count()) > 0 ? ((await hop.getAttribute('data-node')) ?? undefined) : undefined;
  }

  /** The last hop shown with the current frame (where it was delivered or died), if any. */
  async endNode(): Promise<string | undefined> {
    const hop = this.why.locator('.hop-end');
    return (await hop.count()) > 0 ? ((await hop.getAttribute('data-node')) ?? undefined) : undefined;
  }

  /** The title of the flow part the current hop belongs to ("TCP ... : the answer" on the way back). */
  async partTitle(): Promise<string> {
    return (await this.why.locator('.hop-head').first().textContent()) ?? '';
  }

  /** A layer of the tree by its title ("VXLAN", "UDP"); nth counts repeats (the inner IPv4 is nth 1). */
  layer(type: string, nth = 0) {
    return this.packet.locator(`.layer[data-layer="${type}"]`).nth(nth);
  }

  field(type: string, label: string, nth = 0) {
    return this.layer(type, nth).getByRole('button', { name: new RegExp(`^${label}:`) });
  }

  pathStrip() {
    return this.why.getByRole('navigation');
  }
}
