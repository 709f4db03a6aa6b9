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

/** A resting token's label over something drawn: what, whether that thing is hidden (a tag or a badge yields to the label), and whether the token rests on the switch's edge. */
export interface Cover {
  readonly what: string;
  readonly hidden: boolean;
  readonly atSwitch: boolean;
}

/**
 * What each resting token's label (its pill, or a VXLAN frame's envelope) covers, measured on screen: a link's VLAN
 * tag, a device's name or addresses (their glyphs), a port's or the VFP's label, a network's or the host's title, a
 * VIP's box, a device's badge, or another token's label. A tag or a badge is counted shown or hidden (one hidden
 * because a label rests over it is covered all the same). Empty when every label is clear.
 */
export function restingLabelCovers(page: Page): Promise<Cover[]> {
  return page.evaluate(() => {
    type Thing = { what: string; r: DOMRect; hidden: boolean };
    const node = (el: Element) => el.closest('[data-id]')?.getAttribute('data-id') ?? '';
    const hidden = (el: Element) => getComputedStyle(el).visibility === 'hidden';
    const boxOf = (el: Element): Thing => ({ what: `${el.getAttribute('class') ?? ''} "${(el.textContent ?? '').trim()}" of ${node(el)}`, r: el.getBoundingClientRect(), hidden: hidden(el) });
    const glyphs = (el: Element): Thing[] => {
      const out: Thing[] = [];
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const parent = n.parentElement;
        if (!parent || !(n.textContent ?? '').trim() || parent.closest('.hop-badges') || hidden(parent)) continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        for (const r of range.getClientRects()) if (r.width > 0) out.push({ what: `${el.getAttribute('class') ?? ''} "${(n.textContent ?? '').trim()}" of ${node(el)}`, r, hidden: false });
      }
      return out;
    };
    const drawn = (el: Element) => el.getClientRects().length > 0 && getComputedStyle(el).display !== 'none';
    const fixed: Thing[] = [
      ...[...document.querySelectorAll('.react-flow__edge .vlan-tag rect, .react-flow__node :is(.hop-badges, .vfp), .react-flow__node-vip')].filter(drawn).map((el) => {
        const t = boxOf(el);
        const tag = el.closest('.vlan-tag');
        return tag ? { ...t, what: `the VLAN tag "${tag.querySelector("text")?.textContent?.trim()}" of ${tag.getAttribute('data-vlan-tag')}`, hidden: hidden(tag) } : t;
      }),
      ...[...document.querySelectorAll('.react-flow__node :is(.vm-name, .vm-addrs, .switch-name, .port-name, .port-addr, .net-label, .host-label)')].filter(drawn).flatMap(glyphs),
    ];
    const sw = document.querySelector('.react-flow__node-switch')?.getBoundingClientRect();
    const tokens = [...document.querySelectorAll('.token.token-arrived:not(.token-merged)')].map((el) => {
      const body = el.querySelector('.token-body')!;
      const at = el.getBoundingClientRect();
      const atSwitch = !!sw && at.x >= sw.left - 1 && at.x <= sw.right + 1 && (Math.abs(at.y - sw.top) < 1.5 || Math.abs(at.y - sw.bottom) < 1.5);
      return { what: (body.textContent ?? '').trim(), r: body.getBoundingClientRect(), atSwitch };
    });
    const meet = (a: DOMRect, b: DOMRect) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
    const out: { what: string; hidden: boolean; atSwitch: boolean }[] = [];
    tokens.forEach((t, i) => {
      for (const f of fixed) if (meet(t.r, f.r)) out.push({ what: `"${t.what}" covers ${f.what}${f.hidden ? ' (hidden)' : ''}`, hidden: f.hidden, atSwitch: t.atSwitch });
      for (const o of tokens.slice(i + 1)) if (meet(t.r, o.r)) out.push({ what: `"${t.what}" covers "${o.what}"`, hidden: false, atSwitch: t.atSwitch });
    });
    return out;
  });
}

/**
 * The VLAN tags and the devices' badges hidden (yielding to a resting token's label) that no resting label covers on
 * screen: a label whose box was estimated wider than it is drawn hid a tag beside it (BGPVM's transit "1002" beside
 * the pair of VXLAN envelopes at 1280x800).
 */
export function yieldsToNothing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const labels = [...document.querySelectorAll('.token.token-arrived:not(.token-merged) .token-body')].map((b) => b.getBoundingClientRect());
    const meet = (a: DOMRect, b: DOMRect) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0;
    const yielded = [
      ...[...document.querySelectorAll('.react-flow__edge .vlan-tag')].map((t) => ({ el: t, box: t.querySelector('rect') ?? t, what: `the VLAN tag "${t.querySelector('text')?.textContent?.trim()}" of ${t.getAttribute('data-vlan-tag')}` })),
      ...[...document.querySelectorAll('.react-flow__node .hop-badges')].map((b) => ({ el: b, box: b, what: `the badge of ${b.closest('[data-id]')?.getAttribute('data-id')}` })),
    ].filter((y) => y.el.getClientRects().length > 0 && getComputedStyle(y.el).visibility === 'hidden');
    return yielded.filter((y) => !labels.some((l) => meet(l, y.box.getBoundingClientRect()))).map((y) => `${y.what} yields to no label`);
  });
}

/**
 * What the diagram's callouts cover, measured on screen: a drop marker ("flow died: node down") over a device's name
 * or a packet's label (its pill, or a VXLAN frame's envelope), and a provenance mark ("ILLUS", "DOC") past the box it
 * belongs to (its device's, port's or VIP's) or over another device's name or a packet's label. Empty when every
 * callout keeps clear of what it talks about.
 */
export function calloutCovers(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    type Thing = { what: string; r: DOMRect; el: Element };
    const shown = (el: Element) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden' && getComputedStyle(el).display !== 'none';
    const owner = (el: Element) => el.closest('.react-flow__node');
    const nodeId = (el: Element) => el.closest('[data-id]')?.getAttribute('data-id') ?? '';
    const names: Thing[] = [];
    for (const el of document.querySelectorAll('.react-flow__node :is(.vm-name, .switch-name, .port-name) .title')) {
      if (!shown(el)) continue;
      const range = document.createRange();
      range.selectNodeContents(el);
      for (const r of range.getClientRects()) if (r.width > 0 && r.height > 0) names.push({ what: `the name "${(el.textContent ?? '').trim()}" of ${nodeId(el)}`, r, el });
    }
    const labels: Thing[] = [...document.querySelectorAll('.token:not(.token-merged) .token-body')].filter(shown).map((el) => ({ what: `the packet label "${(el.textContent ?? '').trim()}"`, r: el.getBoundingClientRect(), el }));
    const meet = (a: DOMRect, b: DOMRect) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
    const out: string[] = [];
    for (const m of document.querySelectorAll('.drop-marker')) {
      if (!shown(m)) continue;
      const r = m.getBoundingClientRect();
      const what = `the drop marker "${(m.textContent ?? '').replace('✕', '').trim()}"`;
      for (const t of [...names, ...labels]) if (meet(r, t.r)) out.push(`${what} covers ${t.what}`);
    }
    for (const m of document.querySelectorAll('.react-flow__node .mark')) {
      if (!shown(m)) continue;
      const r = m.getBoundingClientRect();
      const node = owner(m);
      const what = `the mark "${(m.textContent ?? '').trim()}" of ${nodeId(m)}`;
      const box = node?.getBoundingClientRect();
      if (box && (r.right > box.right + 0.5 || r.left < box.left - 0.5 || r.bottom > box.bottom + 0.5 || r.top < box.top - 0.5)) {
        out.push(`${what} runs ${Math.round(Math.max(r.right - box.right, box.left - r.left, r.bottom - box.bottom, box.top - r.top))} px past its box`);
      }
      for (const t of [...names, ...labels]) if (owner(t.el) !== node && meet(r, t.r)) out.push(`${what} covers ${t.what}`);
    }
    return out;
  });
}

/**
 * What React Flow's attribution ("React Flow", kept as its licence asks) covers, measured on screen: the diagram's
 * text (its devices', networks' and links' labels), a packet's label, a drop marker, or a button of the strip above
 * the drawing; or that it is not whole inside the diagram's area. Empty when it covers nothing. It lay in the drawing's
 * bottom-right corner, over what was drawn there.
 */
export function attributionCovers(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const a = document.querySelector('.canvas .react-flow__attribution');
    if (!a || a.getClientRects().length === 0) return ['no attribution'];
    const r = a.getBoundingClientRect();
    const canvas = document.querySelector('.canvas')!.getBoundingClientRect();
    const out: string[] = [];
    if (r.left < canvas.left - 0.5 || r.right > canvas.right + 0.5 || r.top < canvas.top - 0.5 || r.bottom > canvas.bottom + 0.5) out.push('the attribution runs past the diagram\'s area');
    const shown = (el: Element) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden' && getComputedStyle(el).display !== 'none';
    const meet = (b: { left: number; right: number; top: number; bottom: number }) => Math.min(r.right, b.right) - Math.max(r.left, b.left) > 0.5 && Math.min(r.bottom, b.bottom) - Math.max(r.top, b.top) > 0.5;
    // Only the part of the drawing inside the diagram's area is drawn (the rest is cut off there, not covered).
    const area = document.querySelector('.canvas .react-flow__renderer')!.getBoundingClientRect();
    const drawn = (b: DOMRect) => ({ left: Math.max(b.left, area.left), right: Math.min(b.right, area.right), top: Math.max(b.top, area.top), bottom: Math.min(b.bottom, area.bottom) });
    for (const root of document.querySelectorAll('.canvas .react-flow :is(.react-flow__nodes, .react-flow__edges, .react-flow__edgelabel-renderer, .react-flow__viewport-portal)')) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || !(n.textContent ?? '').trim() || !shown(el)) continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        for (const b of range.getClientRects()) if (b.width > 0 && meet(drawn(b))) out.push(`the attribution covers "${(n.textContent ?? '').trim()}" (${el.closest('[data-id]')?.getAttribute('data-id') ?? el.getAttribute('class') ?? ''})`);
      }
    }
    for (const el of document.querySelectorAll('.canvas :is(.token-body, .drop-marker)')) {
      if (shown(el) && meet(drawn(el.getBoundingClientRect()))) out.push(`the attribution covers "${(el.textContent ?? '').trim()}"`);
    }
    // On a phone the strip scrolls sideways and ends before the attribution: a button past its end is cut off there.
    const strip = document.querySelector('.canvas .diagram-tools')!.getBoundingClientRect();
    for (const el of document.querySelectorAll('.canvas .diagram-tools button')) {
      const b = el.getBoundingClientRect();
      if (shown(el) && meet({ left: Math.max(b.left, strip.left), right: Math.min(b.right, strip.right), top: b.top, bottom: b.bottom })) out.push(`the attribution covers "${(el.textContent ?? '').trim()}"`);
    }
    return out;
  });
}
