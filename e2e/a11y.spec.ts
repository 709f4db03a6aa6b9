// Accessibility, audited by axe-core (all rules, every impact) on the views a student sees: the first
// view, a run paused and playing, device details, the open inspector; in the light, dark and high-contrast themes.
import { axe } from './axe';
import type { Page } from '@playwright/test';
import { CANONICAL_LINK, canonicalSteps } from './canonicalSteps';
import { expect, test } from './fixtures';

async function audit(page: Page, where: string) {
  const { violations } = await axe(page).analyze();
  const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  expect(summary, `axe violations on ${where}`).toEqual([]);
}

for (const theme of ['light', 'dark', 'contrast'] as const) {
  test(`axe finds no violations in the ${theme} theme: first view, mid-run paused and playing, device details, inspector`, async ({ hoplab, playback, page }) => {
    // Six full audits; axe takes seconds each on a loaded machine.
    test.setTimeout(240_000);
    if (theme === 'contrast') {
      // High contrast is a choice, not a system scheme: picked once, it is remembered across reloads.
      await hoplab.open('?motion=off');
      await page.getByRole('combobox', { name: 'Theme' }).selectOption('contrast');
    } else await page.emulateMedia({ colorScheme: theme });
    await hoplab.open('?motion=off');
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await test.step('first view', () => audit(page, 'the first view'));
    await hoplab.runPreset();
    await test.step('mid-run, paused', async () => {
      await playback.stepForward();
      await audit(page, 'a paused run');
    });
    await test.step('mid-run, playing', async () => {
      await playback.play.click();
      await expect(playback.pause).toBeVisible();
      await audit(page, 'a playing run');
      await playback.pause.click();
    });
    await test.step('the inspector, with a field picked', async () => {
      await page.getByRole('tab', { name: 'Hop & packet' }).click();
      await page.locator('.field-row').first().click();
      await audit(page, 'the inspector');
    });
    await test.step('device details', async () => {
      await hoplab.node('BGPVM').click();
      await expect(page.getByRole('region', { name: 'Details of BGPVM' })).toBeVisible();
      await audit(page, 'device details');
    });
    await test.step('the overlay view', async () => {
      await page.getByRole('button', { name: 'Overlay', exact: true }).click();
      await audit(page, 'the overlay view');
    });
  });
}

// Non-text contrast (WCAG 1.4.11), which axe does not measure: in each theme the diagram's lines and marks
// stand at least 3:1 against the network they are drawn over, and the SVG labels axe skips are 4.5:1 text.
// Colours are read as drawn (computed styles, through a canvas, so any CSS colour syntax is compared alike).

interface Pair {
  /** What is drawn, and which of its properties colours it. */
  readonly what: string;
  readonly prop: 'stroke' | 'fill' | 'background-color' | 'border-top-color';
  /** What it is drawn over: a selector whose background is read, or `fill` of a selector (an SVG shape). */
  readonly over: string;
  readonly overProp?: 'fill';
  readonly min: number;
  /** Passes when either this property or `prop` stands out (a pill with a contrasting border). */
  readonly or?: 'border-top-color';
}

const MGMT = '.react-flow__node[data-id="net:mgmt"] .net';
const PAIRS: readonly Pair[] = [
  { what: '.react-flow__edge.edge-nic path.react-flow__edge-path', prop: 'stroke', over: MGMT, min: 3 },
  { what: '.react-flow__edge.edge-nic path.react-flow__edge-path', prop: 'stroke', over: '.react-flow__node[data-id="net:transit"] .net', min: 3 },
  { what: '.react-flow__edge.edge-bgp path.react-flow__edge-path', prop: 'stroke', over: MGMT, min: 3 },
  { what: '.react-flow__edge.edge-announce path.tie', prop: 'stroke', over: '.react-flow__node[data-id="net:vip"] .net', min: 3 },
  { what: '.react-flow__edge.edge-dip path.tie', prop: 'stroke', over: MGMT, min: 3 },
  { what: '.tunnel-core', prop: 'stroke', over: '.react-flow__node[data-id="net:pa"] .net', min: 3 },
  { what: '.trails > path.trail-forward', prop: 'stroke', over: MGMT, min: 3 },
  { what: '.trails > path.trail-back', prop: 'stroke', over: '.react-flow__node[data-id="net:transit"] .net', min: 3 },
  { what: '.react-flow__node-switch .switch', prop: 'background-color', or: 'border-top-color', over: '.react-flow__node-host .host', min: 3 },
  { what: '.token .token-pill', prop: 'background-color', or: 'border-top-color', over: MGMT, min: 3 },
  { what: '.bgp-label text', prop: 'fill', over: '.bgp-label rect', overProp: 'fill', min: 4.5 },
  { what: '.vlan-tag text', prop: 'fill', over: '.vlan-tag rect', overProp: 'fill', min: 4.5 },
  { what: '.tunnel-label', prop: 'fill', over: '.react-flow__node[data-id="net:pa"] .net', min: 4.5 },
];

/** Each pair below its minimum, with its ratio; a pair whose parts are not drawn counts as a failure too. */
function lowContrast(page: Page, pairs: readonly Pair[]): Promise<string[]> {
  return page.evaluate((list) => {
    const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
    const rgba = (css: string): [number, number, number, number] => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = '#000';
      ctx.fillStyle = css;
      ctx.fillRect(0, 0, 1, 1);
      const d = ctx.getImageData(0, 0, 1, 1).data;
      return [d[0]!, d[1]!, d[2]!, d[3]! / 255];
    };
    const over = (top: number[], under: number[]) => [0, 1, 2].map((i) => top[i]! * top[3]! + under[i]! * (1 - top[3]!)).concat(1);
    /** The colour behind an element: its background and its ancestors', composited. */
    const backdrop = (el: Element | null): number[] => {
      const layers: number[][] = [];
      for (let e = el; e; e = e.parentElement) {
        const c = rgba(getComputedStyle(e).backgroundColor);
        if (c[3] > 0) layers.push(c);
        if (c[3] >= 1) break;
      }
      return layers.reverse().reduce((under, top) => over(top, under), [255, 255, 255, 1]);
    };
    const lum = (c: number[]) => {
      const [r, g, b] = c.slice(0, 3).map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const ratio = (a: number[], b: number[]) => (Math.max(lum(a), lum(b)) + 0.05) / (Math.min(lum(a), lum(b)) + 0.05);
    const out: string[] = [];
    for (const p of list) {
      const el = document.querySelector(p.what);
      const bgEl = document.querySelector(p.over);
      if (!el || !bgEl) {
        out.push(`${p.what} over ${p.over}: not drawn`);
        continue;
      }
      const bg = p.overProp === 'fill' ? over(rgba(getComputedStyle(bgEl).fill), backdrop(bgEl.closest('.react-flow') ?? null)) : backdrop(bgEl);
      const style = getComputedStyle(el);
      const opacity = parseFloat(style.getPropertyValue(p.prop === 'stroke' ? 'stroke-opacity' : 'fill-opacity')) || 1;
      const colourOf = (prop: string) => {
        const c = rgba(style.getPropertyValue(prop));
        return over([c[0], c[1], c[2], c[3] * (prop === p.prop ? opacity : 1)], bg);
      };
      const best = Math.max(ratio(colourOf(p.prop), bg), p.or ? ratio(colourOf(p.or), bg) : 0);
      if (best < p.min) out.push(`${p.what} ${p.prop} over ${p.over}: ${best.toFixed(2)}:1, under ${p.min}:1`);
    }
    return out;
  }, pairs);
}

for (const theme of ['light', 'dark', 'contrast'] as const) {
  test(`the diagram's lines and marks stand 3:1 against their networks, its SVG labels 4.5:1, in the ${theme} theme`, async ({ hoplab, page }) => {
    if (theme === 'contrast') await page.addInitScript(() => localStorage.setItem('hoplab:theme', 'contrast'));
    else await page.emulateMedia({ colorScheme: theme });
    // The VXLAN leg (the tunnel active, a packet in flight) and the end (both paths drawn).
    const steps = await canonicalSteps();
    for (const step of [steps.vxlanSyn, steps.total]) {
      await hoplab.open(`${CANONICAL_LINK}&step=${step - 1}`);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await expect(page.locator('.step-readout')).toContainText(`Step ${step} of`);
      const pairs = step === steps.total ? PAIRS : PAIRS.filter((p) => !p.what.startsWith('.trails'));
      await expect.poll(() => lowContrast(page, pairs), { message: `step ${step}` }).toEqual([]);
    }
    await page.getByRole('button', { name: 'Overlay', exact: true }).click();
    await expect.poll(() => lowContrast(page, [{ what: '.trails > path.trail-logical', prop: 'stroke', over: MGMT, min: 3 }]), { message: 'the overlay view' }).toEqual([]);
  });
}
