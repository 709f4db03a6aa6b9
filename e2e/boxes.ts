// What the diagram's layout checks measure: boxes on screen (CSS px) read from the page as drawn, and
// whether two of them overlap. Text is measured by its line boxes (what a reader sees), not its element's box.
import type { Page } from '@playwright/test';

export interface Box {
  /** What the box is, for a failure's message. */
  readonly what: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Whether two boxes share more than `slack` px on both axes (so boxes that only touch do not count). */
export const overlap = (a: Box, b: Box, slack = 0.5) =>
  Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > slack && Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > slack;

/** The boxes of the shown elements that match `selector`, named by their text (`name: 'text'`) or by their class and text. */
export function elementBoxes(page: Page, selector: string, name: 'text' | 'class' = 'class'): Promise<Box[]> {
  return page.evaluate(
    ([sel, by]) =>
      [...document.querySelectorAll(sel)]
        .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden' && getComputedStyle(el).display !== 'none')
        .map((el) => {
          const r = el.getBoundingClientRect();
          const text = el.textContent ?? '';
          return { what: by === 'text' ? text : `${el.getAttribute('class') ?? ''}: ${text}`, x: r.x, y: r.y, w: r.width, h: r.height };
        }),
    [selector, name] as const,
  );
}

/**
 * The line boxes of the diagram's visible text: every text node in its nodes (within `within`, default all of
 * them; leaving out those inside `skip`), and the SVG labels on its edges (VLAN tags, the tunnel's and the BGP
 * session's labels).
 */
export function textBoxes(page: Page, { within = '.react-flow__nodes', skip }: { within?: string; skip?: string } = {}): Promise<Box[]> {
  return page.evaluate(
    ([inside, leaveOut]) => {
      const out: { what: string; x: number; y: number; w: number; h: number }[] = [];
      const shown = (el: Element) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden' && getComputedStyle(el).display !== 'none';
      for (const root of document.querySelectorAll(`.react-flow ${inside}`)) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const el = n.parentElement;
          if (!el || !(n.textContent ?? '').trim() || !shown(el) || (leaveOut && el.closest(leaveOut))) continue;
          const range = document.createRange();
          range.selectNodeContents(n);
          for (const r of range.getClientRects()) if (r.width > 0 && r.height > 0) out.push({ what: `${el.className}: ${n.textContent}`, x: r.x, y: r.y, w: r.width, h: r.height });
        }
      }
      for (const el of document.querySelectorAll('.react-flow__edges :is(.vlan-tag, .tunnel-label, .bgp-label)')) {
        if (!shown(el)) continue;
        const r = el.getBoundingClientRect();
        out.push({ what: `${el.getAttribute('class')}: ${el.textContent}`, x: r.x, y: r.y, w: r.width, h: r.height });
      }
      return out;
    },
    [within, skip ?? ''] as const,
  );
}

/**
 * Points every `step` px along the shown paths matching `selector`, on screen, each a box as wide as the path's
 * stroke: what a line covers, to measure against text.
 */
export function strokeSamples(page: Page, selector: string, step = 3): Promise<Box[]> {
  return page.evaluate(
    ([sel, every]) =>
      [...document.querySelectorAll<SVGPathElement>(sel)]
        .filter((path) => path.getClientRects().length > 0 && getComputedStyle(path).visibility !== 'hidden' && getComputedStyle(path).display !== 'none')
        .flatMap((path) => {
          const m = path.getScreenCTM();
          const width = parseFloat(getComputedStyle(path).strokeWidth);
          if (!m || !(width > 0) || getComputedStyle(path).stroke === 'none') return [];
          const half = (width / 2) * m.a;
          const what = `${path.closest('[data-id]')?.getAttribute('data-id') ?? path.getAttribute('class') ?? 'path'}`;
          const out: { what: string; x: number; y: number; w: number; h: number }[] = [];
          for (let d = 0; d <= path.getTotalLength(); d += every) {
            const p = path.getPointAtLength(d).matrixTransform(m);
            out.push({ what, x: p.x - half, y: p.y - half, w: 2 * half, h: 2 * half });
          }
          return out;
        }),
    [selector, step] as const,
  );
}
