// The side panel's hop explanation (Why) and packet inspector (changes, layer tree, hex dump).
import { expect, type Page } from '@playwright/test';

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

  /**
   * The hop the Why explains, once it shows `step` (1-based, as the readout): the node whose decision sent the
   * frame (none for background traffic), the last hop shown with it (where it was delivered or died), and the
   * title of the flow part it belongs to ("TCP ... : the answer" on the way back).
   */
  async hop(step: number): Promise<{ node: string | undefined; end: string | undefined; part: string }> {
    let hop = { shows: '', node: undefined as string | undefined, end: undefined as string | undefined, part: '' };
    await expect
      .poll(async () => {
        hop = await this.why.evaluate((el) => ({
          shows: el.getAttribute('data-shows-step') ?? '',
          node: el.querySelector('.hop-sender')?.getAttribute('data-node') ?? undefined,
          end: el.querySelector('.hop-end')?.getAttribute('data-node') ?? undefined,
          part: el.querySelector('.hop-head')?.textContent ?? '',
        }));
        return hop.shows;
      })
      .toBe(String(step));
    return { node: hop.node, end: hop.end, part: hop.part };
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
