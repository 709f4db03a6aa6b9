// Where resting tokens' labels go sideways: inside the drawing and off the devices' boxes. Tokens that rest at one
// point sit in one row beside each other (more than two queued up in rows over the names of the row behind); a
// group of them near the drawing's edge moves inward together (the pair resting at NATVM hung off the left edge,
// and the view panned after it), and one over a device's box moves beside it (an ARP reply to MuxVM2's PA rested
// on MuxVM's). The links' VLAN tags are in the way too: the tags stand just off the switch, where the labels of
// frames resting on its edge go, so such a label moves sideways clear of them, or, where the tags leave no room
// (between a row's wires), onto the switch's bar beside its name ("TCP SYN-ACK · TTL 127" at BGPVM's transit arm
// covered ClientVM's "1002"), or, where the bar has no room either (a pair, VFP), just past the tags' band towards
// its device, in the room the layout keeps there. Pure: the labels' boxes are estimated from their text (restBox),
// once per step, not read from the page.
import { union, type Geometry, type Rect } from '../diagram/geometry';
import { textWidth } from './measure';
import { badgeBox, restBox, tagBoxOf, tagWidthOn } from './tagYield';
import { restKey, type Token } from './tokens';

/** Room kept between a label and the drawing's edge, or a device it moves beside. */
const MARGIN = 4;
/** Between two labels in a row. */
const ROW_GAP = 8;

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * The tokens of one rest point laid in one row, alternately left and right of the point, the nearest first, when
 * the row fits in `room`; else undefined (they keep their rows).
 */
export function oneRow(group: readonly Token[], tz: number, room: number): Token[] | undefined {
  const widths = group.map((t) => restBox({ ...t, lane: 0, shift: 0 }, tz).width);
  if (widths.reduce((a, w) => a + w, 0) + ROW_GAP * (group.length - 1) > room) return undefined;
  const out: Token[] = [];
  const far = { left: 0, right: 0 };
  group.forEach((t, i) => {
    const side = i % 2 === 0 ? 'left' : 'right';
    const shift = side === 'left' ? -far.left : far.right;
    far[side] += widths[i]! + ROW_GAP;
    out.push({ ...t, side, lane: 0, shift });
  });
  return out;
}

/**
 * How far to move `box` sideways: the least move that keeps it inside `bounds` (less `MARGIN`) and off every one of
 * `obstacles`; if none does, the least that keeps it inside.
 */
export function clearShift(box: Rect, bounds: Rect | undefined, obstacles: readonly Rect[]): number {
  const lo = bounds ? bounds.x + MARGIN - box.x : -Infinity;
  const hi = bounds ? bounds.x + bounds.width - MARGIN - (box.x + box.width) : Infinity;
  if (lo > hi) return (lo + hi) / 2;
  const inside = Math.min(hi, Math.max(lo, 0));
  const band = obstacles.filter((o) => o.y < box.y + box.height && box.y < o.y + o.height);
  const clear = (dx: number) => !band.some((o) => overlaps({ ...box, x: box.x + dx }, o));
  if (clear(inside)) return inside;
  const candidates = band.flatMap((o) => [o.x - MARGIN - (box.x + box.width), o.x + o.width + MARGIN - box.x]).filter((dx) => dx >= lo && dx <= hi);
  candidates.sort((a, b) => Math.abs(a) - Math.abs(b));
  return candidates.find(clear) ?? inside;
}

/**
 * The switch bar's text (its name, its provenance mark, then its badge, see .switch, .mark and .hop-badges in
 * styles.css) ends at this x. The mark shows only at full size (LegibleText hides marks when the text is scaled up,
 * `fz` > 1); it is taken at its widest, "ILLUS". With large text (`large`) the name is set at 20 px or more.
 */
export function switchTextEnd(sw: Rect, name: string, fz: number, large = false): number {
  const mark = fz > 1 ? 0 : 'ILLUS'.length * 0.78 * 12 + 8 + 8;
  return sw.x + 14 + textWidth(name, large ? Math.max(20, 17 * fz) : 17 * fz) + mark + 8 + badgeBox(sw, false, 'receives', fz).width;
}

/** The VLAN tags whose box may meet `win` (both sides of the switch), taken at the widest they are drawn. */
function tagsIn(geo: Geometry, win: Rect, fz: number): Rect[] {
  const widest = tagBoxOf(0, 0, true, tagWidthOn(geo, fz), fz);
  return [true, false].flatMap((above) => geo.wires(above, win.x - widest.x - widest.width, win.x + win.width).map((w) => tagBoxOf(w.x, w.ySwitch, above, widest.width, fz)));
}

/** The labels resting at each point, by point (merged tokens left out: they rest under another's label). */
function restGroups(tokens: readonly Token[]): Token[][] {
  const groups = new Map<string, Token[]>();
  for (const t of tokens) if (!t.merged) groups.set(restKey(t.path), [...(groups.get(restKey(t.path)) ?? []), t]);
  return [...groups.values()];
}

/**
 * How wide (flow units) the diagram's area must be for the widest row of labels resting at one point side by side (a
 * pair, left and right of their wire), with room at either end: 0 when no two rest at one point.
 */
export function widestRow(tokens: readonly Token[], tz: number): number {
  let widest = 0;
  for (const group of restGroups(tokens)) {
    if (group.length < 2) continue;
    const row = union(group.filter((t) => t.lane === 0).map((t) => restBox({ ...t, shift: 0 }, tz)));
    if (row) widest = Math.max(widest, row.width + 2 * MARGIN);
  }
  return widest;
}

/**
 * The step's tokens with their resting labels placed (see the top of this file); `fz` is the diagram's text scale,
 * `tz` the labels' own (larger on a projector, see tokenScale.ts); `large`, the large-text setting (the switch's name grows).
 * `narrow`: the diagram's area is narrower than the widest row of labels resting side by side (widestRow); the labels
 * of each such row then set their TTL on a second line (on a phone, "Two MUXes" set the pair of "BGP KEEPALIVE · TTL
 * 128 ×2" and "BGP UPDATE · TTL 128 ×2" 400 px wide in a 390 px area, past both its sides). `callouts`: the drop
 * markers' boxes, which labels move off (at the dead MuxVM, "flow died: node down" covered most of the SYN it marks).
 */
export function placeRests(geo: Geometry, tokens: readonly Token[], fz: number, tz = fz, large = false, narrow = false, callouts: readonly Rect[] = []): Token[] {
  const bounds = geo.bounds;
  const sw = geo.box(geo.switchId);
  const wrapped = narrow ? new Set(restGroups(tokens).filter((g) => g.length > 1).flatMap((g) => g.map((t) => t.txId))) : new Set<number>();
  const groups = new Map<string, Token[]>();
  for (const t of tokens) if (!t.merged) groups.set(restKey(t.path), [...(groups.get(restKey(t.path)) ?? []), wrapped.has(t.txId) && t.ttl !== undefined ? { ...t, wrap: true } : t]);
  // Each group as a block: moved inside the drawing and off the devices on its own.
  const blocks = [...groups.values()].map((group) => {
    const members = (group.length > 2 && bounds ? oneRow(group, tz, bounds.width - 2 * MARGIN) : undefined) ?? group;
    const box = union(members.map((t) => restBox(t, tz)))!;
    // What is near it only (a large drawing has thousands of devices), and it moves no further than that.
    const lo = Math.max(bounds?.x ?? -Infinity, box.x - 2 * box.width);
    const hi = Math.min(bounds ? bounds.x + bounds.width : Infinity, box.x + 3 * box.width);
    const win = { x: lo, y: bounds?.y ?? box.y, width: hi - lo, height: bounds?.height ?? box.height };
    // The switch's own text (its name and its SENDS/RECEIVES badge) is in the way too: a label at an arm near the bar's
    // left end, as large as on a projector, would cover it.
    const swText = sw ? [{ x: sw.x, y: sw.y, width: switchTextEnd(sw, geo.switchId, fz, large) - sw.x, height: sw.height }] : [];
    // The drop markers too: one stands under the device where a packet was lost, where that packet's label rests.
    const near = [...geo.devices().filter((d) => d.y < box.y + box.height && box.y < d.y + d.height && d.x < hi && lo < d.x + d.width), ...tagsIn(geo, win, fz), ...swText, ...callouts];
    const dx = clearShift(box, win, near);
    const end = members[0]!.path.points[members[0]!.path.points.length - 1];
    if (!sw || !end || !near.some((o) => overlaps({ ...box, x: box.x + dx }, o)) || (end.y !== sw.y && end.y !== sw.y + sw.height)) return { members, box, dx, dy: 0 };
    // Resting on the switch's edge with no room in the tags' band: on the bar, clear of its name and of VFP (a label
    // no taller than the bar: not a VXLAN envelope).
    if (box.height <= sw.height) {
      const dy = sw.y + (sw.height - box.height) / 2 - box.y;
      const bar = { ...box, y: box.y + dy };
      const inBar = [...geo.devices().filter((d) => d.y < sw.y + sw.height && sw.y < d.y + d.height && d.x < sw.x + sw.width && sw.x < d.x + d.width), ...near];
      const onBar = clearShift(bar, { ...win, y: sw.y, height: sw.height, x: Math.max(win.x, sw.x), width: Math.min(win.x + win.width, sw.x + sw.width) - Math.max(win.x, sw.x) }, inBar);
      if (!inBar.some((o) => overlaps({ ...bar, x: bar.x + onBar }, o))) return { members, box: bar, dx: onBar, dy };
    }
    // No room on the bar (a pair, VFP in the way, an envelope): just past the tags' band, towards the label's device,
    // in the room the layout keeps beside the switch for it (see the engine's SWITCH_ROOM).
    const above = end.y === sw.y;
    const band = tagBoxOf(0, end.y, above, 0, fz);
    const out = above ? band.y - 1 - (box.y + box.height) : band.y + band.height + 1 - box.y;
    const past = { ...box, y: box.y + out };
    const around = [...geo.devices().filter((d) => d.y < past.y + past.height && past.y < d.y + d.height && d.x < hi && lo < d.x + d.width), ...tagsIn(geo, win, fz)];
    const side = clearShift(past, win, around);
    return around.some((o) => overlaps({ ...past, x: past.x + side }, o)) ? { members, box, dx, dy: 0 } : { members, box: past, dx: side, dy: out };
  });
  // Blocks on one level that meet (two pairs at neighbouring devices) are pushed apart, left to right, then back
  // inside the drawing's right edge.
  blocks.sort((a, b) => a.box.x + a.dx - (b.box.x + b.dx));
  const level = (a: (typeof blocks)[number], b: (typeof blocks)[number]) => a.box.y < b.box.y + b.box.height && b.box.y < a.box.y + a.box.height;
  blocks.forEach((b, i) => {
    for (const a of blocks.slice(0, i)) if (level(a, b)) b.dx = Math.max(b.dx, a.box.x + a.dx + a.box.width + ROW_GAP - b.box.x);
  });
  for (let i = blocks.length - 1; i >= 0 && bounds; i--) {
    const b = blocks[i]!;
    let limit = bounds.x + bounds.width - MARGIN;
    for (const c of blocks.slice(i + 1)) if (level(b, c)) limit = Math.min(limit, c.box.x + c.dx - ROW_GAP);
    b.dx = Math.min(b.dx, limit - b.box.width - b.box.x);
  }
  const placed = new Map<number, Token>();
  for (const { members, dx, dy } of blocks) for (const t of members) placed.set(t.txId, dx === 0 && dy === 0 ? t : { ...t, shift: (t.shift ?? 0) + dx, ...(dy ? { lift: dy } : {}) });
  return tokens.map((t) => placed.get(t.txId) ?? t);
}
