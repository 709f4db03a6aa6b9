// The BGP session's label rides the top of its arc, in the host's title band: it never covers the title of
// the speakers' network or of the host, on a laptop (where the diagram's text is enlarged) and on a
// projector, before a run and at its end (the label then names the session's state).
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** The titles (as text, measured by their glyphs, not their boxes) that the BGP label's pill covers. */
function coveredTitles(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const pill = document.querySelector('.bgp-label rect');
    if (!pill) return ['no BGP label'];
    const a = pill.getBoundingClientRect();
    const covered: string[] = [];
    for (const title of document.querySelectorAll('.net-label, .host-label')) {
      const range = document.createRange();
      range.selectNodeContents(title);
      for (const b of range.getClientRects()) {
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) covered.push(title.textContent ?? '');
      }
    }
    return [...new Set(covered)];
  });
}

for (const size of [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }]) {
  test(`at ${size.width}x${size.height} the BGP session's label covers no network's title`, async ({ hoplab, page }) => {
    await page.setViewportSize(size);
    await hoplab.open('?motion=off');
    await expect(page.locator('.bgp-label')).toContainText('eBGP AS64628 ↔ AS64647');
    await expect.poll(() => coveredTitles(page)).toEqual([]);
    await hoplab.runPreset();
    await hoplab.toEnd();
    await expect(page.locator('.bgp-label')).toContainText('Established');
    await expect.poll(() => coveredTitles(page)).toEqual([]);
  });
}
