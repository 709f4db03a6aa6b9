// The playback bar and the side panel at the sizes a class uses (a small laptop, a tablet, a phone): what each
// part shows is measured as drawn, its text by its line boxes, so a readout running past its own box counts.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { overlap, type Box } from './boxes';
import { expect, test } from './fixtures';

/** MuxVM fails at 1 s: ClientVM's connection retries until t = 200 s, the longest readout a run shows. */
const LONG_RUN = '?scenario=poc&from=ClientVM&to=https%3A%2F%2Fportal.azurestack.local&whatif=fail:MuxVM@1000000&step=1001&motion=off';

/** axe-core's audit of one part of the page, in light and in dark: no violation of any impact. */
async function audit(page: Page, selector: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const r = await new AxeBuilder({ page }).include(selector).analyze();
    expect(r.violations.map((v) => `${scheme} ${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
  }
}

/** Each shown part of the playback bar: its own box joined with the line boxes of its text. */
function barParts(page: Page): Promise<Box[]> {
  return page.locator('.playback').evaluate((bar) =>
    [...bar.children]
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => {
        const rects = [el.getBoundingClientRect()];
        const range = document.createRange();
        range.selectNodeContents(el);
        rects.push(...[...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0));
        const x = Math.min(...rects.map((r) => r.left));
        const y = Math.min(...rects.map((r) => r.top));
        const what = `${el.getAttribute('class') ?? el.tagName}: ${el.getAttribute('aria-label') ?? el.textContent ?? ''}`;
        return { what, x, y, w: Math.max(...rects.map((r) => r.right)) - x, h: Math.max(...rects.map((r) => r.bottom)) - y };
      }),
  );
}

for (const size of [{ width: 1024, height: 768 }, { width: 768, height: 1024 }, { width: 390, height: 844 }]) {
  test(`at ${size.width}x${size.height} nothing in the playback bar overlaps, with a 200 s readout`, async ({ hoplab, playback, page }) => {
    await page.setViewportSize(size);
    await hoplab.open(LONG_RUN);
    await playback.settled();
    await expect(page.locator('.step-readout')).toContainText(/t = 2\d\d\.\d{3} \d{3} s/);
    const bar = await page.locator('.playback').evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);
    const parts = await barParts(page);
    expect(parts.length).toBeGreaterThanOrEqual(7);
    const clashes: string[] = [];
    for (const [i, a] of parts.entries()) {
      // Inside the bar and the window.
      if (a.x < Math.max(bar.x, 0) - 0.5 || a.x + a.w > Math.min(bar.right, size.width) + 0.5 || a.y < bar.y - 0.5 || a.y + a.h > bar.bottom + 0.5) clashes.push(`${a.what} outside the bar`);
      for (const b of parts.slice(i + 1)) if (overlap(a, b)) clashes.push(`${a.what} × ${b.what}`);
    }
    expect(clashes).toEqual([]);
    await audit(page, '.playback');
  });
}
