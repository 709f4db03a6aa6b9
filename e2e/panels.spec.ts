// The playback bar and the side panel at the sizes a class uses (a small laptop, a tablet, a phone): what each
// part shows is measured as drawn, its text by its line boxes, so a readout running past its own box counts.
import { axe } from './axe';
import type { Page } from '@playwright/test';
import { overlap, type Box } from './boxes';
import { expect, test } from './fixtures';

/** MuxVM fails at 1 s: ClientVM's connection retries until t = 200 s, the longest readout a run shows. */
const LONG_RUN = '?scenario=poc&from=ClientVM&to=https%3A%2F%2Fportal.azurestack.local&whatif=fail:MuxVM@1000000&step=1001&motion=off';

/** axe-core's audit of one part of the page, in light and in dark: no violation of any impact. */
async function audit(page: Page, selector: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const r = await axe(page).include(selector).analyze();
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

/** The side panel's parts as drawn, and what of the "Why" the tab's scroll box shows. */
function sidePanel(page: Page) {
  return page.locator('.side').evaluate((side) => {
    const box = (el: Element | null) => {
      const r = el!.getBoundingClientRect();
      return { what: el!.className, x: r.x, y: r.y, w: r.width, h: r.height };
    };
    const scroll = side.querySelector('.tab-panel > .tab-scroll')!;
    // The first line of the hop's explanation: what the student reads first.
    const head = side.querySelector('.hop-panel .hop-head, .hop-panel .why')!;
    const range = document.createRange();
    range.selectNodeContents(head);
    const line = range.getClientRects()[0]!;
    return {
      side: box(side),
      parts: [...side.querySelectorAll(':scope > .lesson-bar, :scope > .tabs, .tab-panel > .tab-scroll, .tab-panel > .bytes-pane')].map(box),
      panel: box(side.querySelector('.tab-panel')),
      scroll: box(scroll),
      why: { ...box(side.querySelector('#why-title')), what: 'the heading "Why"' },
      line: { what: 'first line of the Why', x: line.x, y: line.y, w: line.width, h: line.height },
    };
  });
}

const CANONICAL_STEP = '?scenario=poc&from=ClientVM&to=https%3A%2F%2Fportal.azurestack.local&step=60&motion=off';
const VFP_QUESTION = '?motion=off&lesson=vfp-on-host&chapter=1';
for (const size of [{ width: 1024, height: 768 }, { width: 1280, height: 800 }]) {
  for (const [name, query] of [['with a lesson open', VFP_QUESTION], ['without a lesson', CANONICAL_STEP]] as const) {
    test(`at ${size.width}x${size.height} ${name}, the side panel's bytes cover none of its text: the Why stays in view`, async ({ hoplab, playback, page }) => {
      await page.setViewportSize(size);
      await hoplab.open(query);
      await playback.settled();
      await expect(page.locator('.bytes-pane')).toBeVisible();
      const m = await sidePanel(page);
      const clashes: string[] = [];
      const inside = (a: Box, b: Box) => a.x >= b.x - 0.5 && a.y >= b.y - 0.5 && a.x + a.w <= b.x + b.w + 0.5 && a.y + a.h <= b.y + b.h + 0.5;
      for (const [i, a] of m.parts.entries()) {
        if (!inside(a, m.side) || a.y + a.h > size.height + 0.5) clashes.push(`${a.what} outside the side panel (${Math.round(a.y)}..${Math.round(a.y + a.h)})`);
        for (const b of m.parts.slice(i + 1)) if (overlap(a, b)) clashes.push(`${a.what} × ${b.what}`);
      }
      // The heading "Why" and the first line under it are whole in the tab's scroll box, above the bytes.
      for (const t of [m.why, m.line]) if (!inside(t, m.scroll)) clashes.push(`${t.what} cut: ${Math.round(t.y + t.h)} below the scroll box's ${Math.round(m.scroll.y + m.scroll.h)}`);
      expect(clashes).toEqual([]);
      await audit(page, '.side');
    });
  }
}

// The side panel's tabs: at 1024x768 "Hop & packet", "Device details" and "Edit topology" each took two lines. Each
// label is one line, whole inside its tab, at 12 CSS px or more, at every screen the panel sits beside the diagram.
test('the side panel\'s tab labels each take one line, whole, at 12 px or more', async ({ hoplab, page }) => {
  for (const size of [{ width: 1024, height: 768 }, { width: 1280, height: 800 }, { width: 1920, height: 1080 }, { width: 768, height: 1024 }]) {
    await test.step(`${size.width}x${size.height}`, async () => {
      await page.setViewportSize(size);
      await hoplab.open('?motion=off');
      const tabs = page.getByRole('tablist', { name: 'Details' }).getByRole('tab');
      await expect(tabs).toHaveCount(3);
      const lines = () =>
        tabs.evaluateAll((els) =>
          els.flatMap((el) => {
            const range = document.createRange();
            range.selectNodeContents(el);
            const rects = [...range.getClientRects()].filter((r) => r.width > 0);
            const box = el.getBoundingClientRect();
            const tops = new Set(rects.map((r) => Math.round(r.top)));
            const px = parseFloat(getComputedStyle(el).fontSize);
            return [
              ...(tops.size === 1 ? [] : [`"${el.textContent}" takes ${tops.size} lines`]),
              ...(rects.every((r) => r.left >= box.left - 0.5 && r.right <= box.right + 0.5) ? [] : [`"${el.textContent}" runs outside its tab`]),
              ...(px >= 12 ? [] : [`"${el.textContent}" is set at ${px} px`]),
            ];
          }),
        );
      await expect.poll(lines).toEqual([]);
    });
  }
});
