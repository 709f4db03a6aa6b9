// Every screen a classroom has: nothing covers the diagram, the playback controls or the step readout,
// and no text renders smaller than 12 CSS px at laptop size (the diagram's zoom counted).
import type { Page } from '@playwright/test';
import { canonicalSteps } from './canonicalSteps';
import { expect, test } from './fixtures';

// Steps with tokens on the diagram, found by what their frames are (a new frame earlier in the run moves their numbers).
const STEPS = await canonicalSteps();

const SCREENS = [
  { name: 'projector', width: 1920, height: 1080 },
  { name: 'laptop', width: 1280, height: 800 },
  { name: 'small laptop', width: 1024, height: 768 },
  { name: 'tablet portrait', width: 768, height: 1024 },
  { name: 'phone', width: 390, height: 844 },
  // 200% browser zoom on a 1280 x 800 laptop: the page lays out in 640 x 400 CSS px (deviceScaleFactor is not zoom).
  { name: '200% zoom on a laptop', width: 640, height: 400 },
];

/** The element drawn at the centre of a box, or what covers it. */
async function topmostAt(page: Page, selector: string) {
  return page.locator(selector).first().evaluate((el) => {
    el.scrollIntoView({ block: 'nearest' });
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height / 2, 10));
    return { inside: hit !== null && (el === hit || el.contains(hit)), hit: hit?.className?.toString() ?? '', height: r.height, width: r.width };
  });
}

/** 'uncovered', or what covers the element's centre. */
async function uncovered(page: Page, selector: string): Promise<string> {
  const r = await topmostAt(page, selector);
  return r.inside ? 'uncovered' : `${selector} is covered by ${r.hit}`;
}

for (const s of SCREENS) {
  test(`${s.name} (${s.width}x${s.height}): the diagram, the playback controls and the step readout are not covered`, async ({ hoplab, page }) => {
    await page.setViewportSize({ width: s.width, height: s.height });
    await hoplab.open('?motion=off');
    await hoplab.runPreset();
    // The layout may still be settling (panels that load on demand, the diagram fitting itself): wait for it.
    await expect.poll(() => uncovered(page, '.canvas .react-flow__pane')).toBe('uncovered');
    await expect.poll(async () => (await topmostAt(page, '.canvas .react-flow__pane')).height, 'the diagram has room').toBeGreaterThanOrEqual(300);
    for (const part of ['.playback .play', '.step-readout']) await expect.poll(() => uncovered(page, part)).toBe('uncovered');
  });
}

/** Visible text rendered under 12 CSS px: its font size times the diagram's zoom inside the diagram. */
async function smallText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
    const zoom = viewport ? new DOMMatrix(getComputedStyle(viewport).transform).a : 1;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim() || el.getClientRects().length === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      const size = parseFloat(getComputedStyle(el).fontSize) * (viewport?.contains(el) ? zoom : 1);
      if (size < 11.95) out.push(`${el.getAttribute('class') || el.tagName}: ${size.toFixed(1)}px "${n.textContent.trim().slice(0, 20)}"`);
    }
    return [...new Set(out)].slice(0, 20);
  });
}

test('at 1280x800 no text renders smaller than 12 CSS px, the diagram fitted (zoomed out) included', async ({ hoplab, page }) => {
  await hoplab.open('?motion=off');
  await test.step('the first view', () => expect.poll(() => smallText(page)).toEqual([]));
  await hoplab.runPreset();
  for (const [what, step] of [['the BGP UPDATE sent', STEPS.bgpUpdateSent], ['the ARP flood of the first health probe', STEPS.probeArpFlood], ['the VXLAN leg', STEPS.vxlanSyn]] as const) {
    await test.step(`${what} (step ${step}), tokens on the diagram`, async () => {
      await page.getByRole('slider', { name: 'Timeline' }).fill(String(step - 1));
      await expect(page.locator('.step-readout')).toContainText(`Step ${step} of`);
      await expect(page.locator('.token').first()).toBeVisible();
      await expect.poll(() => page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a), 'the whole network is fitted, so zoomed out').toBeLessThan(1);
      await expect.poll(() => smallText(page)).toEqual([]);
    });
  }
});

test('the picture buttons and the zoom controls cover none of the drawing, at laptop size and on a tablet', async ({ hoplab, page }) => {
  for (const size of [{ width: 1280, height: 800 }, { width: 768, height: 1024 }, { width: 1024, height: 768 }]) {
    await page.setViewportSize(size);
    await hoplab.open('?motion=off');
    await expect(page.locator('.react-flow__node').first()).toBeVisible();
    const hits = () => page.evaluate(() => {
      const boxes = [...document.querySelectorAll('.react-flow__node')].map((n) => n.getBoundingClientRect());
      const over = [...document.querySelectorAll('.diagram-pictures button, .react-flow__controls button')].map((b) => b.getBoundingClientRect());
      const meet = (a: DOMRect, b: DOMRect) => Math.min(a.right, b.right) > Math.max(a.left, b.left) && Math.min(a.bottom, b.bottom) > Math.max(a.top, b.top);
      return over.flatMap((b) => boxes.filter((n) => meet(b, n)).map((n) => `${Math.round(b.left)},${Math.round(b.top)} over ${Math.round(n.left)},${Math.round(n.top)}`));
    });
    await expect.poll(hits, `at ${size.width}x${size.height}`).toEqual([]);
    // Placed at the top of its area, not below a band of empty space.
    const gap = () => page.evaluate(() => {
      const canvas = document.querySelector('.canvas')!.getBoundingClientRect();
      const top = Math.min(...[...document.querySelectorAll('.react-flow__node')].map((n) => n.getBoundingClientRect().top));
      return top - canvas.top;
    });
    await expect.poll(gap, `empty space above the drawing at ${size.width}x${size.height}`).toBeLessThan(130);
  }
});

test('the side panel hides and comes back; the diagram takes the room', async ({ hoplab, page }) => {
  await hoplab.open();
  // Measured once the side panel is drawn beside the diagram, so the width compared is the narrow one.
  await expect(page.getByRole('complementary', { name: 'Details' })).toBeVisible();
  const canvasWidth = async () => (await page.locator('.canvas').boundingBox())?.width ?? 0;
  await expect.poll(canvasWidth).toBeGreaterThan(0);
  const before = await canvasWidth();
  await page.getByRole('button', { name: 'Hide details' }).click();
  await expect(page.getByRole('complementary', { name: 'Details' })).toHaveCount(0);
  await expect.poll(canvasWidth).toBeGreaterThan(before + 200);
  await page.getByRole('button', { name: 'Show details' }).click();
  await expect(page.getByRole('complementary', { name: 'Details' })).toBeVisible();
});
