// Packets never hide the network: at the busy steps of the canonical run (the BGP exchange, the ARP
// flood, the VXLAN leg, the Direct Server Return) every token, resting where its frame arrived, keeps
// clear of the diagram's labels and of the other tokens, and shows the TTL; a VXLAN frame shows the
// packet inside it.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const RUN = '?scenario=poc&from=ClientVM&to=https%3A%2F%2Fportal.azurestack.local&motion=off';

interface Box {
  readonly what: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** The tokens' boxes and the visible labels' boxes, as drawn. */
async function boxes(page: Page): Promise<{ tokens: Box[]; labels: Box[] }> {
  return page.evaluate(() => {
    const box = (el: Element, what: string) => {
      const r = el.getBoundingClientRect();
      return { what, x: r.x, y: r.y, w: r.width, h: r.height };
    };
    const visible = (el: Element) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const tokens = [...document.querySelectorAll('.token .token-body')].map((el) => box(el, el.textContent ?? ''));
    const labels = [...document.querySelectorAll('.react-flow__node :is(.vm-name, .vm-addrs, .vm-role, .vm-note, .switch-name, .switch-sub, .port-name, .port-addr, .vfp, .net-label, .host-label), .react-flow__edge .vlan-tag')]
      .filter(visible)
      .map((el) => box(el, `${el.getAttribute('class') ?? ''}: ${el.textContent ?? ''}`));
    return { tokens, labels };
  });
}

const overlap = (a: Box, b: Box) => Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > 1 && Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > 1;

const BUSY = [
  { step: 13, what: 'the BGP exchange: MuxVM sends a KEEPALIVE and the UPDATE at once', tokens: 2 },
  { step: 14, what: 'the switch forwards both to BGPVM', tokens: 2 },
  { step: 19, what: "PortalVM's ARP request (to answer the first health probe) flooded to every management port", tokens: 7 },
  { step: 25, what: "ClientVM's ARP request flooded to the transit ports", tokens: 2 },
  { step: 60, what: 'the VXLAN leg: the SYN wrapped by MuxVM, in the tunnel to the host', tokens: 1 },
  { step: 64, what: 'the Direct Server Return: the SYN-ACK leaves BGPVM for ClientVM', tokens: 1 },
];

for (const busy of BUSY) {
  test(`step ${busy.step}, ${busy.what}: tokens cover no label and no other token`, async ({ hoplab, page }) => {
    await hoplab.open(`${RUN}&step=${busy.step - 1}`);
    await expect(page.locator('.step-readout')).toContainText(`Step ${busy.step} of`);
    await expect(page.locator('.token')).toHaveCount(busy.tokens);
    await expect(page.locator('.token:not(.token-arrived)')).toHaveCount(0);
    const { tokens, labels } = await boxes(page);
    expect(labels.length).toBeGreaterThan(20);
    for (const t of tokens) {
      expect(t.what, 'every token shows its TTL (ARP has none)').toMatch(/TTL \d+|^ARP/);
      expect(labels.filter((l) => overlap(t, l)).map((l) => l.what), `"${t.what}" covers`).toEqual([]);
      expect(tokens.filter((o) => o !== t && overlap(t, o)).map((o) => o.what), `"${t.what}" covers`).toEqual([]);
    }
  });
}

test('a packet inside a packet stays readable: the VXLAN envelope names its VNI around the inner SYN and its TTL', async ({ hoplab, page }) => {
  await hoplab.open(`${RUN}&step=59`);
  const token = page.locator('.token-vxlan');
  await expect(token.locator('.token-envelope-text')).toHaveText('VXLAN VNI 4096');
  await expect(token.locator('.token-pill')).toHaveText('TCP SYN · TTL 126');
  // Legible at laptop size: 12 CSS px or more on screen, whatever the diagram's zoom.
  const px = await token.locator('.token-pill').evaluate((el) => {
    const vp = document.querySelector<HTMLElement>('.react-flow__viewport')!;
    return parseFloat(getComputedStyle(el).fontSize) * new DOMMatrix(getComputedStyle(vp).transform).a;
  });
  expect(px).toBeGreaterThanOrEqual(12);
});
