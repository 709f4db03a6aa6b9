// What a step makes the browser lay out and paint again, read from Chromium's own invalidation tracking (a
// trace of the step): the parts that changed, not whole regions around them. Counts, not times, so a loaded
// machine does not change the answer. (The cost in CPU is measured by scripts/bench-frames.mjs.)
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';

interface TraceEvent {
  name: string;
  args?: { data?: { nodeName?: string; reason?: string }; client?: string; reason?: string };
}

const CATEGORIES = ['disabled-by-default-devtools.timeline.invalidationTracking', 'disabled-by-default-blink.invalidation'];

/** Runs `act` under a trace of the page's layout and paint invalidations; the trace's events. */
async function invalidations(browser: Browser, page: Page, act: () => Promise<unknown>): Promise<TraceEvent[]> {
  await browser.startTracing(page, { categories: CATEGORIES });
  let trace: Buffer;
  try {
    await act();
    // The frames that paint what the step changed: two animation frames after the panels show it.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  } finally {
    trace = await browser.stopTracing();
  }
  return (JSON.parse(String(trace)) as { traceEvents: TraceEvent[] }).traceEvents;
}

test.describe('a step repaints what it changed', () => {
  test("the diagram's dotted background is neither laid out nor painted again at a step, and still covers the diagram", async ({ hoplab, playback, page, browser }) => {
    await hoplab.open();
    await hoplab.runPreset();
    await playback.settled();
    const events = await invalidations(browser, page, async () => {
      for (let i = 0; i < 3; i++) await playback.stepForward();
    });
    // The steps did lay out and paint the diagram's changed parts (the trace is not empty)...
    const laidOut = events.filter((e) => e.name === 'LayoutInvalidationTracking').map((e) => e.args?.data?.nodeName ?? '');
    expect(laidOut.some((n) => n.includes('hop-badges'))).toBe(true);
    // ...but not the background: laid out again, it was painted again whole, and with it the diagram under it.
    expect(laidOut.filter((n) => n.includes('react-flow__background'))).toEqual([]);
    const repainted = events.filter((e) => e.name === 'InvalidateDisplayItemClient').map((e) => `${e.args?.client} (${e.args?.reason})`);
    expect(repainted.filter((c) => c.startsWith('LayoutSVGRect rect (subtree)'))).toEqual([]);

    // The background is as large as the diagram, also after the window changes size.
    const boxes = () =>
      page.evaluate(() => {
        const r = (sel: string) => {
          const b = document.querySelector(sel)!.getBoundingClientRect();
          return [b.x, b.y, b.width, b.height].map((v) => Math.round(v * 100) / 100);
        };
        return { background: r('.react-flow__background'), diagram: r('.react-flow') };
      });
    const same = async () => {
      const b = await boxes();
      return JSON.stringify(b.background) === JSON.stringify(b.diagram) && b.diagram[2]! > 0;
    };
    await expect.poll(same).toBe(true);
    await page.setViewportSize({ width: 1024, height: 768 });
    await expect.poll(async () => (await boxes()).diagram[2]).toBeLessThan(896);
    await expect.poll(same).toBe(true);
  });
});

test.describe("the event list's rows", () => {
  test('a step repaints the rows it marks, and no cell of a row is a scroll box', async ({ hoplab, playback, events, page, browser }) => {
    await hoplab.open();
    await hoplab.runPreset();
    await playback.settled();
    const trace = await invalidations(browser, page, async () => {
      for (let i = 0; i < 3; i++) await playback.stepForward();
    });
    const repainted = trace.filter((e) => e.name === 'InvalidateDisplayItemClient').map((e) => String(e.args?.client));
    // The steps repainted rows of the list (the trace is not empty)...
    expect(repainted.some((c) => c.includes("LI id='event-"))).toBe(true);
    // ...and none of them as a scroller: a cell cut with an ellipsis is clipped, not a scroll box (each one, hundreds
    // in the list, was painted and sorted into the page's layers as a scroller at every frame of a glide).
    expect(repainted.filter((c) => /^(Scroll corner|Scrolling background) of .*class='ev-/.test(c))).toEqual([]);
    // The cells still end in an ellipsis where their text is longer than their column.
    const cut = await events.list.locator('[role="option"]:not([data-current]) .ev-summary').evaluateAll((cells) =>
      cells.filter((c) => c.scrollWidth > c.clientWidth).map((c) => getComputedStyle(c).textOverflow),
    );
    expect(cut.length).toBeGreaterThan(0);
    expect(new Set(cut)).toEqual(new Set(['ellipsis']));
  });

  test('a short run keeps every row, painted in blocks of rows, not one layer a row', async ({ hoplab, playback, events }) => {
    await hoplab.open();
    await hoplab.runPreset();
    await playback.settled();
    // Each positioned box is a part of its own in the browser's painting, sorted into the page's layers again
    // whenever anything on the page changes its layers (three times a step): one a row (hundreds) made that
    // sorting ten times dearer than the diagram's. The rows sit in positioned blocks of at most 16 instead; a
    // step paints again the blocks it changes.
    const shape = await events.list.evaluate((list) => {
      const rows = [...list.querySelectorAll<HTMLElement>('[role="option"]')];
      const blocks = [...new Set(rows.map((r) => r.parentElement!))];
      return {
        rows: rows.length,
        positionedRows: rows.filter((r) => getComputedStyle(r).position !== 'static').length,
        blocks: blocks.map((b) => ({ position: getComputedStyle(b).position, rows: b.children.length })),
      };
    });
    expect(shape.rows).toBeGreaterThan(100);
    expect(shape.positionedRows).toBe(0);
    expect(shape.blocks.filter((b) => b.position !== 'relative')).toEqual([]);
    expect(Math.max(...shape.blocks.map((b) => b.rows))).toBe(16);
    expect(shape.blocks.reduce((n, b) => n + b.rows, 0)).toBe(shape.rows);
  });
});
