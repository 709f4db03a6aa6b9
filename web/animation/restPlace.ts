// Where resting tokens' labels go sideways: inside the drawing and off the devices' boxes. Tokens that rest at one
// point sit in one row beside each other (more than two queued up in rows over the names of the row behind); a
// group of them near the drawing's edge moves inward together (the pair resting at NATVM hung off the left edge,
// and the view panned after it), and one over a device's box moves beside it (an ARP reply to MuxVM2's PA rested
// on MuxVM's). Pure: the labels' boxes are estimated from their text (restBox), once per step, not read from the page.
import { union, type Geometry, type Rect } from '../diagram/geometry';
import { restBox } from './tagYield';
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
export function oneRow(group: readonly Token[], fz: number, room: number): Token[] | undefined {
  const widths = group.map((t) => restBox({ ...t, lane: 0, shift: 0 }, fz).width);
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

/** The step's tokens with their resting labels placed (see the top of this file); `fz` is the diagram's text scale. */
export function placeRests(geo: Geometry, tokens: readonly Token[], fz: number): Token[] {
  const bounds = geo.bounds;
  const groups = new Map<string, Token[]>();
  for (const t of tokens) if (!t.merged) groups.set(restKey(t.path), [...(groups.get(restKey(t.path)) ?? []), t]);
  // Each group as a block: moved inside the drawing and off the devices on its own.
  const blocks = [...groups.values()].map((group) => {
    const members = (group.length > 2 && bounds ? oneRow(group, fz, bounds.width - 2 * MARGIN) : undefined) ?? group;
    const box = union(members.map((t) => restBox(t, fz)))!;
    // Devices near it only: a large drawing has thousands.
    const near = geo.devices().filter((d) => d.y < box.y + box.height && box.y < d.y + d.height && d.x < box.x + 3 * box.width && box.x - 2 * box.width < d.x + d.width);
    return { members, box, dx: clearShift(box, bounds, near) };
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
  for (const { members, dx } of blocks) for (const t of members) placed.set(t.txId, dx === 0 ? t : { ...t, shift: (t.shift ?? 0) + dx });
  return tokens.map((t) => placed.get(t.txId) ?? t);
}
