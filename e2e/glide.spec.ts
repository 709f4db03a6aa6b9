// Packets never hide the network while they move either: with motion on, at moments of a glide set by the
// page's clock (never by waiting), every gliding token keeps clear of the diagram's text (node labels,
// titles, VLAN tags) and of the other tokens, at the busy steps of the canonical run. And in the overlay
// view the tenant's path is routed round every label: no part of it crosses any text.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const FLOW = '?scenario=poc&from=ClientVM&to=https%3A%2F%2Fportal.azurestack.local';

interface Box {
  readonly what: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** The boxes of the diagram's visible text: each text node's line boxes, and the SVG labels. */
async function textBoxes(page: Page): Promise<Box[]> {
  return page.evaluate(() => {
    const out: { what: string; x: number; y: number; w: number; h: number }[] = [];
    const shown = (el: Element) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden' && getComputedStyle(el).display !== 'none';
    const flow = document.querySelector('.react-flow')!;
    const walker = document.createTreeWalker(flow.querySelector('.react-flow__nodes') ?? flow, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !(n.textContent ?? '').trim() || !shown(el)) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) if (r.width > 0 && r.height > 0) out.push({ what: `${el.className}: ${n.textContent}`, x: r.x, y: r.y, w: r.width, h: r.height });
    }
    for (const el of document.querySelectorAll('.react-flow__edges :is(.vlan-tag, .tunnel-label, .bgp-label)')) {
      if (!shown(el)) continue;
      const r = el.getBoundingClientRect();
      out.push({ what: `${el.getAttribute('class')}: ${el.textContent}`, x: r.x, y: r.y, w: r.width, h: r.height });
    }
    return out;
  });
}

/** The gliding tokens' beads that are drawn now. */
async function beads(page: Page): Promise<Box[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.token:not(.token-arrived, .token-waiting) .token-bead')].map((el) => {
      const r = el.getBoundingClientRect();
      return { what: `bead of frame ${el.closest<HTMLElement>('.token')?.dataset.tx}`, x: r.x, y: r.y, w: r.width, h: r.height };
    }),
  );
}

const overlap = (a: Box, b: Box) => Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > 0.5 && Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > 0.5;

const BUSY = [
  { step: 13, what: 'MuxVM sends a KEEPALIVE and the UPDATE at once', tokens: 2 },
  { step: 14, what: 'the switch forwards both to BGPVM', tokens: 2 },
  { step: 19, what: "PortalVM's ARP request flooded to every management port", tokens: 7 },
  { step: 25, what: "ClientVM's ARP request flooded to the transit ports", tokens: 2 },
  { step: 60, what: 'the SYN in the VXLAN tunnel to the host', tokens: 1 },
  { step: 61, what: 'VFP delivers the SYN to PortalVM', tokens: 1 },
  { step: 64, what: 'the SYN-ACK leaves BGPVM for ClientVM', tokens: 1 },
];

// The laptop, where labels are largest for the diagram (set larger as it is zoomed out), at every busy
// step; the projector at the flood, the tunnel and the return.
for (const [size, viewport, steps] of [
  ['1280x800', { width: 1280, height: 800 }, BUSY],
  ['1920x1080', { width: 1920, height: 1080 }, BUSY.filter((b) => [19, 60, 64].includes(b.step))],
] as const) {
  for (const busy of steps) {
    test(`${size}, step ${busy.step}, ${busy.what}: gliding tokens cover no text and no other token`, async ({ hoplab, playback, page }) => {
      await page.setViewportSize(viewport);
      await page.clock.install();
      await hoplab.open(`${FLOW}&step=${busy.step - 2}`);
      await expect(page.locator('.step-readout')).toContainText(`Step ${busy.step - 1} of`);
      // The token layer and the paths (loaded on demand) are in before the clock stops.
      await expect(page.locator('.token-layer')).toBeAttached();
      await expect(page.locator('.trails')).toBeAttached();
      // Time stands still from here: the glide moves only when the test runs the clock.
      await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);
      await playback.forward.click();
      await expect(page.locator('.step-readout')).toContainText(`Step ${busy.step} of`);
      await expect(page.locator('.token')).toHaveCount(busy.tokens);
      expect((await textBoxes(page)).length).toBeGreaterThan(30);
      const seen = new Set<string>();
      // The glide takes 900 ms at speed 1: look at it every 60 ms.
      for (let t = 0; t < 15; t++) {
        await page.clock.runFor(60);
        const moving = await beads(page);
        // The text shown now: a title yields while a token glides through its band.
        const labels = moving.length > 0 ? await textBoxes(page) : [];
        for (const b of moving) {
          seen.add(b.what);
          expect(labels.filter((l) => overlap(b, l)).map((l) => l.what), `at ${(t + 1) * 60} ms the ${b.what} covers`).toEqual([]);
          expect(moving.filter((o) => o !== b && overlap(b, o)).map((o) => o.what), `at ${(t + 1) * 60} ms the ${b.what} covers`).toEqual([]);
        }
      }
      expect(seen.size, 'every token was seen gliding').toBe(busy.tokens);
      await page.clock.runFor(1000);
      await expect(page.locator('.token.token-arrived')).toHaveCount(busy.tokens);
    });
  }
}

test('overlay view: the tenant path (client -> VIP -> server, and the answer back) crosses no text', async ({ hoplab, page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await hoplab.open(`${FLOW}&motion=off&step=96`);
  await expect(page.locator('.step-readout')).toContainText('Step 97 of');
  await page.getByRole('button', { name: 'Overlay', exact: true }).click();
  const lines = page.locator('.trail-logical');
  await expect(lines).toHaveCount(3);
  const labels = await textBoxes(page);
  expect(labels.some((l) => l.what.includes('SQLVM'))).toBe(true);
  // Points every 3 px along each line, on screen, with half the line's width around them.
  const samples = await lines.evaluateAll((paths) =>
    paths.flatMap((el, i) => {
      const path = el as SVGPathElement;
      const m = path.getScreenCTM()!;
      const half = (parseFloat(getComputedStyle(path).strokeWidth) / 2) * m.a;
      const out: { line: number; x: number; y: number; half: number }[] = [];
      for (let d = 0; d <= path.getTotalLength(); d += 3) {
        const p = path.getPointAtLength(d).matrixTransform(m);
        out.push({ line: i, x: p.x, y: p.y, half });
      }
      return out;
    }),
  );
  expect(samples.length).toBeGreaterThan(200);
  const crossed = new Set<string>();
  for (const s of samples) for (const l of labels) if (overlap({ what: '', x: s.x - s.half, y: s.y - s.half, w: 2 * s.half, h: 2 * s.half }, l)) crossed.add(`line ${s.line} over ${l.what}`);
  expect([...crossed]).toEqual([]);
});
