// Packets never hide the network while they move either: with motion on, at moments of a glide set by the
// test (the page's clock stands still and the glide's animations are paused and set to each moment, never
// waited for), every gliding token keeps clear of the diagram's text (node labels, titles, VLAN tags) and of
// the other tokens, at the busy steps of the canonical run. And in the overlay view the tenant's path is
// routed round every label: no part of it crosses any text.
import type { Page } from '@playwright/test';
import { overlap, strokeSamples, textBoxes, type Box } from './boxes';
import { CANONICAL_LINK, canonicalSteps } from './canonicalSteps';
import { expect, test } from './fixtures';

// Motion on: the link without its motion=off.
const FLOW = CANONICAL_LINK.replace('&motion=off', '');
// The busy steps, found by what their frames are (a new frame earlier in the run moves their numbers).
const STEPS = await canonicalSteps();

/** The gliding tokens' beads that are drawn now (named by their frame): a token not drawn is transparent. */
async function beads(page: Page): Promise<Box[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.token:not(.token-arrived)')].filter((el) => getComputedStyle(el).opacity !== '0').map((token) => {
      const el = token.querySelector('.token-bead')!;
      const r = el.getBoundingClientRect();
      return { what: `bead of frame ${el.closest<HTMLElement>('.token')?.dataset.tx}`, x: r.x, y: r.y, w: r.width, h: r.height };
    }),
  );
}

const BUSY = [
  { step: STEPS.bgpUpdateSent, what: 'MuxVM sends a KEEPALIVE and the UPDATE at once', tokens: 2 },
  { step: STEPS.bgpUpdateForwarded, what: 'the switch forwards both to BGPVM', tokens: 2 },
  { step: STEPS.probeArpFlood, what: "PortalVM's ARP request flooded to every management port", tokens: 7 },
  { step: STEPS.clientArpFlood, what: "ClientVM's ARP request flooded to the transit ports", tokens: 2 },
  { step: STEPS.vxlanSyn, what: 'the SYN in the VXLAN tunnel to the host', tokens: 1 },
  { step: STEPS.vfpSyn, what: 'VFP delivers the SYN to PortalVM', tokens: 1 },
  { step: STEPS.dsrSynAck, what: 'the SYN-ACK leaves BGPVM for ClientVM', tokens: 1 },
];

// The laptop, where labels are largest for the diagram (set larger as it is zoomed out), at every busy
// step; the projector at the flood, the tunnel and the return.
for (const [size, viewport, steps] of [
  ['1280x800', { width: 1280, height: 800 }, BUSY],
  ['1920x1080', { width: 1920, height: 1080 }, BUSY.filter((b) => [STEPS.probeArpFlood, STEPS.vxlanSyn, STEPS.dsrSynAck].includes(b.step))],
] as const) {
  for (const busy of steps) {
    test(`${size}, ${busy.what}: gliding tokens cover no text and no other token`, async ({ hoplab, playback, page }) => {
      await page.setViewportSize(viewport);
      await page.clock.install();
      await hoplab.open(`${FLOW}&step=${busy.step - 2}`);
      await expect(page.locator('.step-readout')).toContainText(`Step ${busy.step - 1} of`);
      // The token layer and the paths (loaded on demand) are in before the clock stops.
      await expect(page.locator('.token-layer')).toBeAttached();
      await expect(page.locator('.trails')).toBeAttached();
      // Time stands still from here: the glide moves only when the test runs the clock. The page's time runs on
      // between reading it and pausing it; on a loaded machine by more than the second added, and pausing in the past
      // throws: read it again and retry.
      await expect(async () => page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000)).toPass();
      await playback.forward.click();
      await expect(page.locator('.step-readout')).toContainText(`Step ${busy.step} of`);
      await expect(page.locator('.token')).toHaveCount(busy.tokens);
      await expect.poll(async () => (await textBoxes(page)).length).toBeGreaterThan(30);
      const seen = new Set<string>();
      // The glide (one animation per token, played by the browser) stands still too, at each moment the test sets.
      await expect.poll(() => page.evaluate(() => document.getAnimations().length)).toBe(busy.tokens);
      // The glide takes 900 ms at speed 1: look at it every 60 ms.
      for (let t = 0; t < 15; t++) {
        await page.evaluate((ms) => {
          for (const a of document.getAnimations()) {
            a.pause();
            a.currentTime = ms;
          }
        }, (t + 1) * 60);
        const moving = await beads(page);
        // The text shown now (a VLAN tag a resting token covers yields).
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
  // The last step: the forward path and the answer are both drawn.
  await hoplab.open(`${CANONICAL_LINK}&step=${STEPS.total - 1}`);
  await expect(page.locator('.step-readout')).toContainText(`Step ${STEPS.total} of ${STEPS.total}`);
  await page.getByRole('button', { name: 'Overlay', exact: true }).click();
  const lines = page.locator('.trail-logical');
  await expect(lines).toHaveCount(3);
  /** The labels a line crosses, as drawn now (the overlay may still be laying itself out: polled). */
  const crossings = async () => {
    // Points every 3 px along each line, on screen, as wide as the line.
    const [labels, samples] = [await textBoxes(page), await strokeSamples(page, '.trail-logical')];
    if (!labels.some((l) => l.what.includes('SQLVM'))) return ['the labels are not drawn yet'];
    if (samples.length <= 200) return [`only ${samples.length} points along the lines`];
    const crossed = new Set<string>();
    for (const s of samples) for (const l of labels) if (overlap(s, l)) crossed.add(`${s.what} over ${l.what}`);
    return [...crossed];
  };
  await expect.poll(crossings).toEqual([]);
});
