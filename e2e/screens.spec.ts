// Every screen a classroom has: nothing covers the diagram, the playback controls or the step readout,
// and no text is set smaller than 12 CSS px at laptop size.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const SCREENS = [
  { name: 'projector', width: 1920, height: 1080 },
  { name: 'laptop', width: 1280, height: 800 },
  { name: 'small laptop', width: 1024, height: 768 },
  { name: 'tablet portrait', width: 768, height: 1024 },
  { name: 'phone', width: 390, height: 844 },
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

for (const s of SCREENS) {
  test(`${s.name} (${s.width}x${s.height}): the diagram, the playback controls and the step readout are not covered`, async ({ hoplab, page }) => {
    await page.setViewportSize({ width: s.width, height: s.height });
    await hoplab.open('?motion=off');
    await hoplab.runPreset();
    const canvas = await topmostAt(page, '.canvas .react-flow__pane');
    expect(canvas.inside, `the diagram is covered by ${canvas.hit}`).toBe(true);
    expect(canvas.height, 'the diagram has room').toBeGreaterThanOrEqual(300);
    for (const part of ['.playback .play', '.step-readout']) {
      const r = await topmostAt(page, part);
      expect(r.inside, `${part} is covered by ${r.hit}`).toBe(true);
    }
  });
}

test('at 1280x800 no text is set smaller than 12 CSS px', async ({ hoplab, page }) => {
  await hoplab.open('?motion=off');
  await hoplab.runPreset();
  await page.getByRole('button', { name: 'Step forward' }).click();
  const small = await page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim()) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < 12 && el.getClientRects().length > 0) out.push(`${el.className || el.tagName}: ${size}px "${n.textContent.trim().slice(0, 20)}"`);
    }
    return [...new Set(out)].slice(0, 20);
  });
  expect(small).toEqual([]);
});

test('the side panel hides and comes back; the diagram takes the room', async ({ hoplab, page }) => {
  await hoplab.open();
  const before = (await page.locator('.canvas').boundingBox())!.width;
  await page.getByRole('button', { name: 'Hide details' }).click();
  await expect(page.getByRole('complementary', { name: 'Details' })).toHaveCount(0);
  await expect.poll(async () => (await page.locator('.canvas').boundingBox())!.width).toBeGreaterThan(before + 200);
  await page.getByRole('button', { name: 'Show details' }).click();
  await expect(page.getByRole('complementary', { name: 'Details' })).toBeVisible();
});
