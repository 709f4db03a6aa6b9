// Every screen a classroom has: nothing covers the diagram, the playback controls or the step readout; the
// header keeps its labels whole; no text renders smaller than 12 CSS px on a laptop, a phone or at 200%
// browser zoom (the diagram's zoom counted); device tables and the event list are readable at each size.
import { axe } from './axe';
import type { Page } from '@playwright/test';
import { attributionCovers, elementBoxes, overlap, textBoxes, type Box } from './boxes';
import { CANONICAL_LINK, canonicalSteps, secondMuxSteps } from './canonicalSteps';
import { everyStep } from './everyStep';
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

/** The header at one width: each button's label on one line, the engine's status dot in the title's row, every tool in reach. */
async function checkHeader(page: Page, width: number) {
  const header = page.getByRole('banner');
  const problems = await header.evaluate((h) => {
    const out: string[] = [];
    for (const b of h.querySelectorAll('button')) {
      const r = b.getBoundingClientRect();
      const line = parseFloat(getComputedStyle(b).lineHeight) || 17;
      if (r.height > 0 && b.scrollHeight > line * 1.5 + 12) out.push(`"${b.textContent}" breaks across lines (${Math.round(r.height)} px tall)`);
    }
    const title = h.querySelector('h1')!.getBoundingClientRect();
    const dot = h.querySelector('[data-testid="engine-status"]')!.getBoundingClientRect();
    if (dot.top < title.top || dot.bottom > title.bottom) out.push(`the status dot (${Math.round(dot.top)}) is not in the title's row (${Math.round(title.top)}–${Math.round(title.bottom)})`);
    return out;
  });
  expect(problems).toEqual([]);
  const copy = header.getByRole('button', { name: 'Copy link' });
  const tools = header.getByRole('button', { name: 'Tools' });
  if (width > 1100) {
    await expect(tools).toBeHidden();
    await expect(copy).toBeVisible();
    return;
  }
  // Narrower: the tools fold behind one button, which the keyboard opens; opened, each lies inside the window, the
  // next Tab reaches one of them (Compare is disabled before a run), axe finds nothing in the header; Escape folds them again.
  await expect(copy).toBeHidden();
  await tools.focus();
  await page.keyboard.press('Enter');
  for (const name of ['Compare with…', 'Copy link', 'Load topology…', 'Large text', 'Keyboard shortcuts']) await expect(header.getByRole('button', { name, exact: true })).toBeInViewport({ ratio: 1 });
  await expect(header.getByRole('combobox', { name: 'Theme' })).toBeInViewport({ ratio: 1 });
  const { violations } = await axe(page).include('.app-header').analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`), 'axe, the tools open').toEqual([]);
  await page.keyboard.press('Tab');
  await expect(header.locator('.header-actions :focus')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(copy).toBeHidden();
  await expect(tools).toBeFocused();
}

for (const s of SCREENS) {
  test(`${s.name} (${s.width}x${s.height}): the diagram, the playback controls and the step readout are not covered`, async ({ hoplab, page }) => {
    await page.setViewportSize({ width: s.width, height: s.height });
    await hoplab.open('?motion=off');
    await test.step('the header: no label broken across lines, the status beside the title, the tools reachable', () => checkHeader(page, s.width));
    await hoplab.runPreset();
    // The layout may still be settling (panels that load on demand, the diagram fitting itself): wait for it.
    await expect.poll(() => uncovered(page, '.canvas .react-flow__pane')).toBe('uncovered');
    await expect.poll(async () => (await topmostAt(page, '.canvas .react-flow__pane')).height, 'the diagram has room').toBeGreaterThanOrEqual(300);
    for (const part of ['.playback .play', '.step-readout']) await expect.poll(() => uncovered(page, part)).toBe('uncovered');
    // The strip above the drawing (zoom, the "more" marks, the picture buttons) keeps every button whole across the window.
    await expect(page.getByRole('button', { name: 'Download SVG' })).toBeVisible();
    const cut = await page.locator('.diagram-tools').evaluate((strip) =>
      [...strip.querySelectorAll('button')]
        .map((b) => ({ name: b.getAttribute('aria-label') ?? b.textContent ?? '', r: b.getBoundingClientRect() }))
        .filter(({ r }) => r.left < 0 || r.right > document.documentElement.clientWidth)
        .map(({ name, r }) => `${name} (${Math.round(r.left)}–${Math.round(r.right)})`),
    );
    expect(cut).toEqual([]);
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

/**
 * The current frame (its tokens) lies inside the diagram's area: the view follows it when the network is
 * larger. A frame spread wider than the area (a flood) is centred on it instead.
 */
async function frameInView(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const area = document.querySelector('.canvas .react-flow')!.getBoundingClientRect();
    // Each token's label where it is drawn (its wrapper's box starts at the token's point, not round the label).
    const tokens = [...document.querySelectorAll('.token .token-body')].map((t) => t.getBoundingClientRect());
    if (tokens.length === 0) return ['no token drawn'];
    const span = { left: Math.min(...tokens.map((r) => r.left)), right: Math.max(...tokens.map((r) => r.right)), top: Math.min(...tokens.map((r) => r.top)), bottom: Math.max(...tokens.map((r) => r.bottom)) };
    const out: string[] = [];
    const axis = (name: string, lo: number, hi: number, min: number, max: number) => {
      if (hi - lo > max - min) {
        if (Math.abs((lo + hi) / 2 - (min + max) / 2) > 2) out.push(`the frame (${Math.round(lo)}–${Math.round(hi)}) is not centred ${name} in ${Math.round(min)}–${Math.round(max)}`);
      } else if (lo < min - 1 || hi > max + 1) out.push(`the frame (${Math.round(lo)}–${Math.round(hi)}) is outside ${Math.round(min)}–${Math.round(max)} ${name}`);
    };
    axis('across', span.left, span.right, area.left, area.right);
    axis('down', span.top, span.bottom, area.top, area.bottom);
    return out;
  });
}

// A laptop fits the whole network zoomed out; a phone and a laptop at 200% browser zoom draw it at a
// readable zoom and follow the frame.
const READABLE = [
  { name: 'a laptop', width: 1280, height: 800, fitted: true },
  { name: 'a phone', width: 390, height: 844, fitted: false },
  { name: 'a laptop at 200% browser zoom', width: 640, height: 400, fitted: false },
];

for (const s of READABLE) {
  test(`on ${s.name} (${s.width}x${s.height}) no text renders smaller than 12 CSS px, the diagram's zoom counted, and the frame stays in view`, async ({ hoplab, page }) => {
    await page.setViewportSize({ width: s.width, height: s.height });
    await hoplab.open('?motion=off');
    await test.step('the first view', async () => {
      await expect(page.locator('.react-flow__node').first()).toBeVisible();
      await expect.poll(() => smallText(page)).toEqual([]);
    });
    await hoplab.runPreset();
    for (const step of [STEPS.bgpUpdateSent, STEPS.probeArpFlood, STEPS.vxlanSyn, STEPS.total]) {
      await test.step(`step ${step}, tokens on the diagram`, async () => {
        await page.getByRole('slider', { name: 'Timeline' }).fill(String(step - 1));
        await expect(page.locator('.step-readout')).toContainText(`Step ${step} of`);
        await expect(page.locator('.token').first()).toBeVisible();
        const zoom = await page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);
        if (s.fitted) expect(zoom, 'the whole network is fitted, so zoomed out').toBeLessThan(1);
        else {
          const wider = await page.evaluate(() => {
            const nodes = [...document.querySelectorAll('.react-flow__node')].map((n) => n.getBoundingClientRect());
            return Math.max(...nodes.map((r) => r.right)) - Math.min(...nodes.map((r) => r.left)) > document.querySelector('.canvas')!.getBoundingClientRect().width;
          });
          expect(wider, 'drawn larger than its area, at a readable zoom').toBe(true);
        }
        await expect.poll(() => smallText(page)).toEqual([]);
        await expect.poll(() => frameInView(page), { message: 'the current frame is in view' }).toEqual([]);
      });
    }
    await test.step('the fit-view control shows the whole network on demand', async () => {
      await page.getByRole('button', { name: /fit view/i }).click();
      await expect
        .poll(() =>
          page.evaluate(() => {
            const area = document.querySelector('.canvas .react-flow')!.getBoundingClientRect();
            return [...document.querySelectorAll('.react-flow__node')].every((n) => {
              const r = n.getBoundingClientRect();
              return r.left >= area.left - 1 && r.right <= area.right + 1;
            });
          }),
        )
        .toBe(true);
    });
  });
}

// A tablet in portrait sees the whole network at a readable zoom, without panning or pressing fit: at the
// first view, at the VXLAN leg and at the run's end (the VIP pool was partly off the right edge).
test('on a tablet in portrait (768x1024) the whole network is in view, no text under 12 CSS px', async ({ hoplab, page }) => {
  await page.setViewportSize({ width: 768, height: 1024 });
  /** Each of the diagram's boxes that is not wholly inside its area. */
  const outside = () =>
    page.evaluate(() => {
      const area = document.querySelector('.canvas .react-flow')!.getBoundingClientRect();
      return [...document.querySelectorAll('.react-flow__node')].flatMap((n) => {
        const r = n.getBoundingClientRect();
        return r.left >= area.left - 0.5 && r.right <= area.right + 0.5 && r.top >= area.top - 0.5 && r.bottom <= area.bottom + 0.5 ? [] : [`${n.getAttribute('data-id')}: ${Math.round(r.left)}–${Math.round(r.right)} × ${Math.round(r.top)}–${Math.round(r.bottom)} in ${Math.round(area.left)}–${Math.round(area.right)} × ${Math.round(area.top)}–${Math.round(area.bottom)}`];
      });
    });
  await hoplab.open('?motion=off');
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await expect.poll(outside, 'the first view').toEqual([]);
  await expect.poll(() => smallText(page)).toEqual([]);
  await hoplab.runPreset();
  for (const step of [STEPS.vxlanSyn, STEPS.total]) {
    await page.getByRole('slider', { name: 'Timeline' }).fill(String(step - 1));
    await expect(page.locator('.step-readout')).toContainText(`Step ${step} of`);
    await expect(page.locator('.token').first()).toBeVisible();
    await expect.poll(outside, `step ${step}`).toEqual([]);
    await expect.poll(() => smallText(page)).toEqual([]);
    await expect.poll(() => frameInView(page)).toEqual([]);
  }
});

test('the picture buttons and the zoom controls cover none of the drawing, at laptop size and on a tablet', async ({ hoplab, page }) => {
  for (const size of [{ width: 1280, height: 800 }, { width: 768, height: 1024 }, { width: 1024, height: 768 }]) {
    await page.setViewportSize(size);
    await hoplab.open('?motion=off');
    await expect(page.locator('.react-flow__node').first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Download SVG' })).toBeVisible();
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

for (const size of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
  test(`device tables at ${size.width}x${size.height}: each a named region the keyboard reaches and scrolls, no text under 12 px, axe finds nothing`, async ({ hoplab, page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(size);
    await hoplab.open('?motion=off');
    await hoplab.runPreset();
    await hoplab.toEnd();
    // Opened as a click would (on a phone the device may lie outside the part of the drawing in view).
    await hoplab.node('BGPVM').dispatchEvent('click');
    const details = page.getByRole('region', { name: 'Details of BGPVM' });
    await expect(details).toBeVisible();
    await expect(details.getByText(/^Live tables at t =/)).toBeVisible();
    const tables = details.getByRole('region', { name: /scrolls sideways/ });
    await expect.poll(() => tables.count(), { message: 'BGPVM has its interfaces, ARP cache, routes and BGP tables' }).toBeGreaterThanOrEqual(3);
    await test.step('the capabilities of the BGP session carry their own mark, naming where each comes from', async () => {
      const capabilities = details.getByRole('table', { name: 'BGP neighbours' }).getByRole('cell', { name: /^MP IPv4 unicast, route refresh/ });
      await expect(capabilities.getByLabel(/^provenance inferred: MP IPv4 unicast: .*; route refresh: Get-BgpStatistics/)).toHaveText('inf');
    });
    await test.step('Tab reaches each table in order, after the buttons above it (and the terms and marks in the table before)', async () => {
      await details.getByRole('button', { name: 'Send to here' }).focus();
      const focusedTable = () => tables.evaluateAll((els) => els.findIndex((e) => e === document.activeElement));
      for (let i = 0; i < (await tables.count()); i++) {
        let reached = -1;
        await expect
          .poll(async () => {
            await page.keyboard.press('Tab');
            reached = await focusedTable();
            return reached;
          }, { intervals: [0], timeout: 30_000, message: `Tab reaches a table after table ${i}` })
          .toBeGreaterThanOrEqual(0);
        expect(reached, 'the next table Tab reaches').toBe(i);
      }
    });
    await test.step('a table wider than the panel scrolls with the arrow keys', async () => {
      const wide = await tables.evaluateAll((els) => els.findIndex((e) => e.scrollWidth > e.clientWidth + 1));
      if (size.width > 900) return;
      expect(wide, 'on a phone some table is wider than the panel').toBeGreaterThanOrEqual(0);
      await tables.nth(wide).focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => tables.nth(wide).evaluate((e) => e.scrollLeft)).toBeGreaterThan(0);
    });
    expect(await smallText(page)).toEqual([]);
    for (const scheme of ['light', 'dark'] as const) {
      await test.step(`axe, ${scheme}`, async () => {
        await page.emulateMedia({ colorScheme: scheme });
        await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
        const { violations } = await axe(page).analyze();
        expect(violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
      });
    }
  });
}

test('the event list gives a projector the room a class needs, and the other screens keep theirs', async ({ hoplab, page }) => {
  // Rows fully in view, at least. Before: 5 at 1920x1080, 1280x800 and 1024x768; 1 at 768x1024; 0 on a phone. At
  // 1024x768 the diagram's area grows to the drawing's height at the readable zoom (386 px since the room beside the
  // switch that keeps resting labels off the VLAN tags): the list yielded to its least, 3 rows, until the key to the
  // flow's paths moved from a row of its own above the diagram into the strip of tools beside the zoom controls.
  // With two MUXes the drawing is taller and at 1024x768 the list showed 1 row, until the header's tools folded
  // behind one button there (they took the header's second row). With large text as well (the side panel 480 px
  // wide) it showed none, at a step in the middle of the run: the bar above the drawing took 134 px (the flow's
  // verdict on 4 lines, the what-ifs on 2 rows), the list's count 3 lines; the drawing's bottom was cut by 21 px.
  for (const { width, height, rows, secondMux, large } of [
    { width: 1920, height: 1080, rows: 12, secondMux: false, large: false },
    { width: 1280, height: 800, rows: 5, secondMux: false, large: false },
    { width: 1024, height: 768, rows: 5, secondMux: false, large: false },
    { width: 1024, height: 768, rows: 3, secondMux: true, large: false },
    { width: 1024, height: 768, rows: 2, secondMux: true, large: true },
    { width: 768, height: 1024, rows: 6, secondMux: false, large: false },
    { width: 390, height: 844, rows: 4, secondMux: false, large: false },
  ]) {
    await page.setViewportSize({ width, height });
    // The preset runs the POC as it is: a second MUX is a knob of the run, which a link carries.
    if (secondMux) {
      await hoplab.open(`${CANONICAL_LINK}&knobs=secondMux${large ? '&step=44&text=large' : '&step=0'}`);
      await expect(page.locator('.react-flow__node[data-id="port:MuxVM2:pa"]')).toBeAttached();
    } else {
      await hoplab.open('?motion=off');
      await hoplab.runPreset();
    }
    const list = page.getByRole('listbox', { name: 'Event list' });
    await expect(list.getByRole('option').first()).toBeVisible();
    const shown = () =>
      list.evaluate((l) => {
        const box = l.getBoundingClientRect();
        return [...l.querySelectorAll('[role="option"]')].filter((o) => {
          const r = o.getBoundingClientRect();
          return r.height > 0 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
        }).length;
      });
    await expect.poll(shown, { message: `event rows in view at ${width}x${height}${secondMux ? ' with two MUXes' : ''}${large ? ', large text' : ''}` }).toBeGreaterThanOrEqual(rows);
    if (large) {
      // The drawing keeps its readable zoom and its height: no device is cut at the area's top or bottom (across,
      // the side panel's 480 px leave the network wider than its area, its cut sides marked "more").
      await expect.poll(() => smallText(page)).toEqual([]);
      const cut = () =>
        page.evaluate(() => {
          const area = document.querySelector('.canvas .react-flow')!.getBoundingClientRect();
          return [...document.querySelectorAll('.react-flow__node:is(.react-flow__node-vm, .react-flow__node-vip, .react-flow__node-port, .react-flow__node-switch)')].flatMap((n) => {
            const r = n.getBoundingClientRect();
            return r.top >= area.top - 0.5 && r.bottom <= area.bottom + 0.5 ? [] : [`${n.getAttribute('data-id')}: ${Math.round(r.top)}–${Math.round(r.bottom)} in ${Math.round(area.top)}–${Math.round(area.bottom)}`];
          });
        });
      await expect.poll(cut, { message: 'no device cut at the top or bottom' }).toEqual([]);
    }
    const canvas = (await page.locator('.canvas').boundingBox())!;
    expect(canvas.height, `the diagram keeps its room at ${width}x${height}`).toBeGreaterThanOrEqual(300);
  }
});

// Nothing runs off the page. Where the page is laid out to the window (wider than 900 px), every part of it lies
// inside the window: with two MUXes at 1024x768 the diagram's area grew to the drawing's height and the run pane
// below ran 33 px past the window's bottom, its rows cut. A tablet and a phone scroll the page down by design (the
// side panel follows the diagram), never sideways. The event list keeps at least one whole row.

/** What lies past the window: the app's frame holding more than it shows, or the page scrolling sideways. */
function pastTheWindow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1) out.push(`the page scrolls sideways (${doc.scrollWidth} > ${doc.clientWidth})`);
    if (window.innerWidth > 900) {
      const root = document.getElementById('root')!;
      if (root.scrollHeight > root.clientHeight + 1) out.push(`the app is ${root.scrollHeight} px tall in a ${root.clientHeight} px window`);
      if (doc.scrollHeight > doc.clientHeight + 1) out.push(`the page scrolls down (${doc.scrollHeight} > ${doc.clientHeight})`);
      for (const sel of ['.canvas', '.playback', '.run-pane']) {
        const r = document.querySelector(sel)?.getBoundingClientRect();
        if (!r) out.push(`no ${sel}`);
        else if (r.bottom > window.innerHeight + 1) out.push(`${sel} ends at ${Math.round(r.bottom)}, past the window's ${window.innerHeight}`);
      }
    }
    return out;
  });
}

for (const s of SCREENS.filter((x) => x.width !== 640)) {
  test(`${s.name} (${s.width}x${s.height}): nothing runs off the page, one MUX or two`, async ({ hoplab, page }) => {
    await page.setViewportSize({ width: s.width, height: s.height });
    for (const knobs of ['', '&knobs=secondMux']) {
      await test.step(knobs ? 'two MUXes' : 'the POC', async () => {
        await hoplab.open(`${CANONICAL_LINK}${knobs}&step=0`);
        await expect(page.locator('.step-readout')).toContainText('Step 1 of');
        await expect(page.locator('.react-flow__node[data-id="MuxVM2"]')).toHaveCount(knobs ? 1 : 0);
        await expect.poll(() => pastTheWindow(page)).toEqual([]);
        // Where the page scrolls, the list is further down it: brought into view as a student scrolls to it.
        const row = page.getByRole('listbox', { name: 'Event list' }).getByRole('option').first();
        if (s.width <= 900) await row.scrollIntoViewIfNeeded();
        await expect(row).toBeInViewport({ ratio: 1 });
      });
    }
  });
}

test('a link opened at a step shows that step\'s row in the event list, also where rows wrap (768x1024)', async ({ hoplab, page }) => {
  // Rows wrap to two lines at this width, taller than the list's first estimate: the first scroll alone fell short.
  await page.setViewportSize({ width: 768, height: 1024 });
  await hoplab.open(`${CANONICAL_LINK}&step=${STEPS.vxlanSyn - 1}`);
  await expect(page.locator('.step-readout')).toContainText(`Step ${STEPS.vxlanSyn} of`);
  const current = page.getByRole('listbox', { name: 'Event list' }).locator('[role="option"][data-current]').first();
  await expect(current).toContainText('VXLAN');
  await expect(current).toBeInViewport();
});

// A short run's rows follow one another in the list: the current row, grown to show its whole summary, moves those
// below it by layout alone. Placed one by one (a transform each), every row below was rendered and re-placed at
// every step, and each was a paint property of its own.
test('a short run\'s event rows follow one another, the current row whole, each row starting where the last ends', async ({ hoplab, page }) => {
  await hoplab.open(`${CANONICAL_LINK}&step=${STEPS.vxlanSyn - 1}`);
  await expect(page.locator('.step-readout')).toContainText(`Step ${STEPS.vxlanSyn} of`);
  const list = page.getByRole('listbox', { name: 'Event list' });
  await expect(list.locator('[role="option"][data-current]').first()).toContainText('VXLAN');
  const rows = () =>
    list.evaluate((el) =>
      [...el.querySelectorAll<HTMLElement>('[role="option"]')].map((li) => {
        const r = li.getBoundingClientRect();
        return { placed: li.style.transform !== '', top: r.top, bottom: r.bottom, current: li.hasAttribute('data-current') };
      }),
    );
  await expect.poll(async () => (await rows()).filter((r) => r.placed).length, 'rows placed by a transform').toBe(0);
  const all = await rows();
  expect(all.length).toBeGreaterThan(50);
  const gaps = all.slice(1).filter((r, i) => Math.abs(r.top - all[i]!.bottom) > 0.5);
  expect(gaps, 'rows that do not start where the one before ends').toEqual([]);
  // The current row shows its whole summary: it ends no higher than that summary's text.
  const whole = await list.locator('[role="option"][data-current] .ev-summary').first().evaluate((s) => s.scrollWidth <= s.clientWidth + 1);
  expect(whole).toBe(true);
});

// The flow's verdict is read whole at every size (at 1280x800 "Flow delivered: ClientVM → https://…" ended in an
// ellipsis): it wraps in the strip above the diagram rather than being cut.
test("the flow's verdict is never cut off, from a projector to a phone", async ({ hoplab, page }) => {
  await hoplab.open('?motion=off');
  await hoplab.runPreset();
  await hoplab.toEnd();
  await expect(hoplab.flowStatus).toHaveAttribute('data-disposition', 'delivered');
  for (const size of SCREENS) {
    await test.step(`${size.name} (${size.width}x${size.height})`, async () => {
      await page.setViewportSize(size);
      await expect(hoplab.flowStatus).toContainText('Flow delivered: ClientVM → https://portal.azurestack.local');
      const cut = () =>
        hoplab.flowStatus.evaluate((el) => {
          const bar = el.closest('.diagram-bar')!.getBoundingClientRect();
          const r = el.getBoundingClientRect();
          const out: string[] = [];
          if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) out.push(`its text (${el.scrollWidth}x${el.scrollHeight}) overflows its box (${el.clientWidth}x${el.clientHeight})`);
          if (r.left < bar.left - 0.5 || r.right > bar.right + 0.5) out.push('it runs past the strip above the diagram');
          return out;
        });
      await expect.poll(cut).toEqual([]);
    });
  }
});

// A step of several frames offers a picker in the side panel: it stays inside the panel (at 1280x800 and
// 1024x768 its menu ran past the panel's right edge, the window's, cutting the frame's name).
test('the frame picker of a step with several frames stays inside the side panel', async ({ hoplab, page }) => {
  for (const size of [{ width: 1280, height: 800 }, { width: 1024, height: 768 }, { width: 390, height: 844 }]) {
    await test.step(`${size.width}x${size.height}`, async () => {
      await page.setViewportSize(size);
      await hoplab.open(`${CANONICAL_LINK}&step=${STEPS.bgpUpdateSent - 1}`);
      await expect(page.locator('.step-readout')).toContainText(`Step ${STEPS.bgpUpdateSent} of`);
      const picker = page.getByLabel(/2 frames in this step/);
      await expect(picker).toBeVisible();
      const outside = () =>
        picker.evaluate((select) => {
          const panel = select.closest('#side-panel, aside')!.getBoundingClientRect();
          const r = select.getBoundingClientRect();
          return r.left < panel.left - 0.5 || r.right > Math.min(panel.right, window.innerWidth) + 0.5 ? `${Math.round(r.left)}–${Math.round(r.right)} in ${Math.round(panel.left)}–${Math.round(panel.right)}` : 'inside';
        });
      await expect.poll(outside).toBe('inside');
    });
  }
});

// Every step of the canonical run, on a small laptop where the drawing is held at a readable zoom and follows
// the frame: each frame's tokens are in the diagram's area (a DNS query's token was seen off its left edge).
test('at 1024x768 every step of the canonical run draws its packets inside the diagram, the DNS queries included, React Flow\'s attribution over none of it', async ({ hoplab, page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1024, height: 768 });
  await hoplab.open(`${CANONICAL_LINK}&step=0`);
  for await (const step of everyStep(page, STEPS.total, '.token')) {
    await expect.poll(() => frameInView(page), { message: `step ${step}` }).toEqual([]);
    await expect.poll(() => attributionCovers(page), { message: `step ${step}: the attribution` }).toEqual([]);
  }
});

/** Each device, port and VIP box not wholly inside the diagram's area (the host's frame and the groups round them left out). */
function devicesOutside(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const area = document.querySelector('.canvas .react-flow')!.getBoundingClientRect();
    return [...document.querySelectorAll('.react-flow__node:is(.react-flow__node-vm, .react-flow__node-vip, .react-flow__node-port, .react-flow__node-switch)')].flatMap((n) => {
      const r = n.getBoundingClientRect();
      return r.left >= area.left - 0.5 && r.right <= area.right + 0.5 && r.top >= area.top - 0.5 && r.bottom <= area.bottom + 0.5 ? [] : [`${n.getAttribute('data-id')}: ${Math.round(r.left)}–${Math.round(r.right)} × ${Math.round(r.top)}–${Math.round(r.bottom)} in ${Math.round(area.left)}–${Math.round(area.right)} × ${Math.round(area.top)}–${Math.round(area.bottom)}`];
    });
  });
}

/** How far the drawing (every node but the host's frame) runs past the diagram area's left and right edges, in CSS px. */
function overhang(page: Page): Promise<{ left: number; right: number }> {
  return page.evaluate(() => {
    const area = document.querySelector('.canvas .react-flow')!.getBoundingClientRect();
    const nodes = [...document.querySelectorAll('.react-flow__node:not(.react-flow__node-host)')].map((n) => n.getBoundingClientRect());
    return { left: Math.round(area.left - Math.min(...nodes.map((r) => r.left))), right: Math.round(Math.max(...nodes.map((r) => r.right)) - area.right) };
  });
}

// A network drawn larger than its area at a readable zoom opened from its left edge: at 1024x768 the VIP pool and the
// host's PA box lay off to the right, on a phone and at 200% zoom half the network, with nothing to say more existed.
// Now it opens whole where it fits at a readable zoom, else centred, and a "more" button marks each side with more
// beyond it, which pans to it.
test('at 1024x768 the network opens whole, every device in view, no "more" marks, before and after a run', async ({ hoplab, page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await hoplab.open('?motion=off');
  await expect(page.locator('.react-flow__node-vip').first()).toBeVisible();
  await expect.poll(() => devicesOutside(page), { message: 'the first view' }).toEqual([]);
  await expect.poll(() => smallText(page)).toEqual([]);
  await expect(page.locator('.off-screen .more')).toHaveCount(0);
  await hoplab.runPreset();
  await page.getByRole('slider', { name: 'Timeline' }).fill(String(STEPS.vxlanSyn - 1));
  await expect(page.locator('.step-readout')).toContainText(`Step ${STEPS.vxlanSyn} of`);
  await expect.poll(() => devicesOutside(page), { message: 'at the VXLAN leg' }).toEqual([]);
});

for (const s of [{ name: 'a phone', width: 390, height: 844 }, { name: 'a laptop at 200% browser zoom', width: 640, height: 400 }]) {
  test(`on ${s.name} (${s.width}x${s.height}) the network opens centred, each cut side marked "more", which pans to it`, async ({ hoplab, page }) => {
    await page.setViewportSize({ width: s.width, height: s.height });
    await hoplab.open('?motion=off');
    await expect(page.locator('.react-flow__node-vip').first()).toBeAttached();
    await expect.poll(() => smallText(page)).toEqual([]);
    // Centred: as much beyond the left edge as beyond the right (from the left edge, the right held it all).
    await expect.poll(async () => { const o = await overhang(page); return o.left > 10 && Math.abs(o.left - o.right) <= 2; }, { message: 'centred' }).toBe(true);
    const left = page.getByRole('button', { name: 'More of the network is to the left: show it' });
    const right = page.getByRole('button', { name: 'More of the network is to the right: show it' });
    await expect(left).toBeVisible();
    await expect(right).toBeVisible();
    await expect(right).toHaveAttribute('title', /drag the diagram, or press ⛶ \(fit view\) to see all of it/);
    // Pressed until the right edge is reached: the VIP pool and the host's PA box come into view, the mark goes.
    for (let i = 0; i < 4 && (await right.count()) > 0; i++) {
      const before = (await overhang(page)).right;
      await right.click();
      await expect.poll(async () => (await overhang(page)).right, 'each press pans right').toBeLessThan(before - 10);
    }
    await expect(right).toHaveCount(0);
    for (const id of ['vip:192.168.133.74', 'port:HyperVHost:pa']) {
      await expect.poll(() => page.locator(`.react-flow__node[data-id="${id}"]`).evaluate((n) => {
        const area = document.querySelector('.canvas .react-flow')!.getBoundingClientRect();
        const r = n.getBoundingClientRect();
        return r.left >= area.left && r.right <= area.right + 0.5;
      }), `${id} in view across`).toBe(true);
    }
    await expect(left).toBeVisible();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const { violations } = await axe(page).include('.off-screen').analyze();
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`), scheme).toEqual([]);
    }
  });
}

// With the second MUX on at 1280x800 the drawing is taller (MuxVM2's PA port, a second session's label): its bottom
// was cut off. The diagram's area grows to it (the run pane yields rows) and the whole network is in view. At
// 1024x768 the run pane yielded down to one row, until the header's tools folded behind one button there.
for (const size of [{ width: 1280, height: 800 }, { width: 1024, height: 768 }]) {
  test(`with the second MUX on at ${size.width}x${size.height} the whole network is in view, at a readable zoom, three rows of the event list still there`, async ({ hoplab, page }) => {
    await page.setViewportSize(size);
    await hoplab.open(`${CANONICAL_LINK}&knobs=secondMux&step=0`);
    await expect(page.locator('.react-flow__node[data-id="port:MuxVM2:pa"]')).toBeAttached();
    await expect.poll(() => devicesOutside(page)).toEqual([]);
    await expect.poll(() => smallText(page)).toEqual([]);
    await expect(page.locator('.off-screen .more')).toHaveCount(0);
    const list = page.getByRole('listbox', { name: 'Event list' });
    await expect(list.getByRole('option').first()).toBeVisible();
    await expect.poll(async () => (await list.boundingBox())?.height ?? 0, { message: 'three rows of the event list at least' }).toBeGreaterThanOrEqual(48);
  });
}

// The sequence diagram's tab took half the stage: the network diagram shrank to about 220 px at 1280x800.
test('the sequence diagram tab leaves the network diagram its height', async ({ hoplab, page }) => {
  for (const size of [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }, { width: 1024, height: 768 }]) {
    await test.step(`${size.width}x${size.height}`, async () => {
      await page.setViewportSize(size);
      await hoplab.open(`${CANONICAL_LINK}&step=${STEPS.vxlanSyn - 1}`);
      await expect(page.locator('.step-readout')).toContainText(`Step ${STEPS.vxlanSyn} of`);
      const canvas = async () => Math.round((await page.locator('.canvas').boundingBox())!.height);
      // The diagram has its height once it is drawn (a new topology is drawn in a deferred render).
      await expect.poll(canvas).toBeGreaterThanOrEqual(390);
      const withEvents = await canvas();
      await page.getByRole('tab', { name: 'Sequence diagram' }).click();
      await expect(page.getByRole('tab', { name: 'Sequence diagram' })).toHaveAttribute('aria-selected', 'true');
      await expect(page.locator('.sequence')).toBeVisible();
      await expect.poll(canvas, { message: 'the network diagram keeps its height' }).toBe(withEvents);
      await page.getByRole('tab', { name: 'Event list' }).click();
    });
  }
});

// The hex dump's character column was cut at the edge of a 320 px side panel (and of a 384 px one at 1280x800).
test('the hex dump shows its bytes and their characters whole in a narrow side panel', async ({ hoplab, page }) => {
  for (const size of [{ width: 1024, height: 768 }, { width: 1280, height: 800 }, { width: 1920, height: 1080 }]) {
    await test.step(`${size.width}x${size.height}`, async () => {
      await page.setViewportSize(size);
      await hoplab.open(`${CANONICAL_LINK}&step=${STEPS.vxlanSyn - 1}`);
      const pane = page.getByRole('region', { name: 'Bytes of the frame' });
      await expect(pane.locator('.hex-ascii').first()).toBeVisible();
      const cut = () =>
        pane.evaluate((el) => {
          const box = el.getBoundingClientRect();
          const right = box.left + el.clientLeft + el.clientWidth;
          const out: string[] = [];
          if (el.scrollWidth > el.clientWidth + 1) out.push(`the pane scrolls sideways (${el.scrollWidth} > ${el.clientWidth})`);
          for (const cell of el.querySelectorAll('.hex-ascii > *, .hex-bytes > *')) {
            const r = cell.getBoundingClientRect();
            if (r.right > right + 0.5) out.push(`"${cell.textContent}" ends at ${Math.round(r.right)}, past ${Math.round(right)}`);
          }
          return out.slice(0, 5);
        });
      await expect.poll(cut).toEqual([]);
    });
  }
});

// The zoom controls, the picture buttons and the "more" marks sit above the drawing, never on it. With two MUXes at
// 768x1024, once the view followed the packet, the zoom buttons covered part of the host's title; at 1024x768 in the
// "Two MUXes" lesson the "more" mark covered the VIP pool.

/** The part of each of `boxes` inside `area` (none when it lies wholly outside). */
const clip = (boxes: Box[], area: Box): Box[] =>
  boxes.flatMap((b) => {
    const x = Math.max(b.x, area.x);
    const y = Math.max(b.y, area.y);
    const w = Math.min(b.x + b.w, area.x + area.w) - x;
    const h = Math.min(b.y + b.h, area.y + area.h) - y;
    return w > 0.5 && h > 0.5 ? [{ ...b, x, y, w, h }] : [];
  });

/** What the diagram shows that a reader reads: its text, the resting tokens' labels, the drop markers. */
async function readable(page: Page): Promise<Box[]> {
  return [...(await textBoxes(page)), ...(await elementBoxes(page, '.token.token-arrived .token-body', 'text')), ...(await elementBoxes(page, '.drop-marker', 'text'))];
}

/** The controls (zoom, pictures, "more") over what the diagram shows, as far as it is in view. */
async function controlsOverLabels(page: Page): Promise<string[]> {
  const [pane] = await elementBoxes(page, '.canvas .react-flow');
  const controls = await elementBoxes(page, '.react-flow__controls button, .diagram-pictures button, .off-screen .more', 'text');
  if (!pane || controls.length < 5) return [`only ${controls.length} controls`];
  const shown = clip(await readable(page), pane);
  return controls.flatMap((c) => shown.filter((l) => overlap(c, l)).map((l) => `"${c.what}" covers ${l.what}`));
}

/**
 * The devices' boxes and the titles that the diagram's top or bottom edge cuts through. With two MUXes at 768x1024
 * the drawing was taller than its area, and when the view followed the packet down the host's title was cut at the top.
 */
async function cutAtTopOrBottom(page: Page): Promise<string[]> {
  const [pane] = await elementBoxes(page, '.canvas .react-flow');
  if (!pane) return ['no diagram'];
  const things = [...(await elementBoxes(page, '.react-flow__node:is(.react-flow__node-vm, .react-flow__node-port, .react-flow__node-vip)', 'text')), ...(await textBoxes(page, { within: ':is(.net-label .title, .host-label)' }))];
  const top = pane.y;
  const bottom = pane.y + pane.h;
  return things.filter((b) => (b.y < top - 0.5 && b.y + b.h > top + 0.5) || (b.y + b.h > bottom + 0.5 && b.y < bottom - 0.5)).map((b) => `${b.what} (${Math.round(b.y)}–${Math.round(b.y + b.h)} in ${Math.round(top)}–${Math.round(bottom)})`);
}

// With two MUXes the drawing fits every screen's diagram area at a readable zoom: at 1024x768 it was 58 px wider than
// its area, and the host's, the management's and the VIP pool's titles were cut up to 28 px at either side.
for (const size of [{ width: 1920, height: 1080 }, { width: 1280, height: 800 }, { width: 768, height: 1024 }, { width: 1024, height: 768 }]) {
  test(`with two MUXes at ${size.width}x${size.height}, at every step the controls and the attribution cover no label, and no title or device is cut at any edge`, async ({ hoplab, page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize(size);
    await hoplab.open(`${CANONICAL_LINK}&knobs=secondMux&step=0`);
    const total = (await secondMuxSteps()).run.total;
    for await (const step of everyStep(page, total, '.token')) {
      await expect.poll(() => controlsOverLabels(page), { message: `step ${step}` }).toEqual([]);
      await expect.poll(() => cutAtTopOrBottom(page), { message: `step ${step}: cut at the top or bottom` }).toEqual([]);
      await expect.poll(() => cutAtEdges(page), { message: `step ${step}: cut at the left or right` }).toEqual([]);
      await expect.poll(() => attributionCovers(page), { message: `step ${step}: the attribution` }).toEqual([]);
    }
  });
}

// Lessons, where the view centres on a chapter's devices: the host's title was cut at the left edge ("The way back",
// chapter 1), the VIP pool lay under the "more" mark ("When MuxVM dies"), MuxVM2's drop label ran off the right
// edge ("Two MUXes", chapter 3). Where the network's devices fit across the area (one MUX), no device's box, no
// title and no drop label is cut by the diagram's left or right edge; with two MUXes (wider than a 1024 px screen's
// area) no drop label is; and no control covers any of them.

/** The devices' boxes, the titles and the drop labels (`drops`: the drop labels only) that the diagram's left or right edge cuts through. */
async function cutAtEdges(page: Page, drops = false): Promise<string[]> {
  const [pane] = await elementBoxes(page, '.canvas .react-flow');
  if (!pane) return ['no diagram'];
  const things = [
    ...(await elementBoxes(page, '.drop-marker', 'text')),
    ...(drops ? [] : await elementBoxes(page, '.react-flow__node:is(.react-flow__node-vm, .react-flow__node-port, .react-flow__node-vip)', 'text')),
    ...(drops ? [] : await textBoxes(page, { within: ':is(.net-label .title, .host-label)' })),
  ];
  // Any of it beyond the edge (half a px for rounding). At 1024x768 the frame was 15 px wider than the area, and in
  // "The way back" 1 the host's title was cut by 5 px at the left (22 px before that): it now fits across.
  const TOLERANCE = 0.5;
  const left = pane.x;
  const right = pane.x + pane.w;
  return things.filter((b) => (b.x < left - TOLERANCE && b.x + b.w > left + 0.5) || (b.x + b.w > right + TOLERANCE && b.x < right - 0.5)).map((b) => `${b.what} (${Math.round(b.x)}–${Math.round(b.x + b.w)} in ${Math.round(pane.x)}–${Math.round(pane.x + pane.w)})`);
}

for (const size of [{ width: 1280, height: 800 }, { width: 1024, height: 768 }]) {
  test(`at ${size.width}x${size.height} a lesson's view cuts no device, title or drop label at its edges, and no control covers one`, async ({ hoplab, page }) => {
    await page.setViewportSize(size);
    for (const at of [
      { lesson: 'way-back', chapter: 1, end: false },
      { lesson: 'mux-dies', chapter: 1, end: false },
      { lesson: 'two-muxes', chapter: 3, end: true },
    ]) {
      await test.step(`${at.lesson}, chapter ${at.chapter}${at.end ? ', at its end' : ''}`, async () => {
        await hoplab.open(`?motion=off&lesson=${at.lesson}&chapter=${at.chapter}`);
        await expect(page.locator('.step-readout')).toContainText(/Step \d+ of/);
        if (at.end) {
          await hoplab.toEnd();
          await expect(page.locator('.drop-marker').filter({ hasText: 'MuxVM2 is down' })).toBeVisible();
        }
        await expect(page.locator('.react-flow__node-vip').first()).toBeVisible();
        // The view follows the step's frame once its tokens are drawn (FollowHop, from an IntersectionObserver's
        // report of the next frame): measured after the frames that follow, not at a moment before it pans.
        await expect(page.locator('.token.token-arrived').first()).toBeAttached();
        await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(() => done())))));
        await expect.poll(() => cutAtEdges(page, at.end), { message: 'cut at the edges' }).toEqual([]);
        await expect.poll(() => controlsOverLabels(page), { message: 'under a control' }).toEqual([]);
      });
    }
  });
}
