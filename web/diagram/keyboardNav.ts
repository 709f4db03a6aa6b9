// Arrow-key navigation between the diagram's devices. Devices are read as rows (boxes that overlap
// vertically share a row, in x order): Left and Right move to the neighbour in the row, so they undo each
// other exactly; Up and Down move to the adjacent row, to the box nearest in x, and undo each other too:
// a move back along the way just taken returns to where it came from.
import type { Rect } from './geometry';

export type Direction = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight';

/** The last move, so the opposite arrow can retrace it. */
export interface Move {
  readonly from: string;
  readonly to: string;
  readonly dir: Direction;
}

const OPPOSITE: Record<Direction, Direction> = { ArrowUp: 'ArrowDown', ArrowDown: 'ArrowUp', ArrowLeft: 'ArrowRight', ArrowRight: 'ArrowLeft' };
const cx = (r: Rect) => r.x + r.width / 2;

const byPlace = ([a, ra]: [string, Rect], [b, rb]: [string, Rect]) => ra.y - rb.y || ra.x - rb.x || a.localeCompare(b);

/** Rows of ids, top to bottom, each left to right. Pure; exported for tests. */
export function deviceRows(rects: ReadonlyMap<string, Rect>): string[][] {
  const sorted = [...rects].sort(byPlace);
  const rows: { top: number; bottom: number; ids: [string, Rect][] }[] = [];
  for (const [id, r] of sorted) {
    const row = rows.find((w) => r.y < w.bottom && r.y + r.height > w.top && r.y - w.top < r.height / 2);
    if (row) {
      row.ids.push([id, r]);
      row.bottom = Math.max(row.bottom, r.y + r.height);
    } else rows.push({ top: r.y, bottom: r.y + r.height, ids: [[id, r]] });
  }
  return rows.map((w) => w.ids.sort(([a, ra], [b, rb]) => ra.x - rb.x || a.localeCompare(b)).map(([id]) => id));
}

/**
 * The initial tab stop: `deviceRows(rects)[0][0]`, the top row's leftmost box, without building every row (at
 * 4,000 VMs the rows cost milliseconds of the drawing's first task, each box looking through the rows before it).
 */
export function firstDevice(rects: ReadonlyMap<string, Rect>): string | undefined {
  const sorted = [...rects].sort(byPlace);
  const first = sorted[0];
  if (!first) return undefined;
  // The first row as deviceRows grows it: a box joins it when it overlaps the row so far (the first row is the
  // first a box is tried against).
  const top = first[1].y;
  let bottom = top + first[1].height;
  let [best, at] = first;
  for (const [id, r] of sorted) {
    if (!(r.y < bottom && r.y + r.height > top && r.y - top < r.height / 2)) continue;
    bottom = Math.max(bottom, r.y + r.height);
    if (r.x < at.x || (r.x === at.x && id.localeCompare(best) < 0)) [best, at] = [id, r];
  }
  return best;
}

export function nextDevice(rects: ReadonlyMap<string, Rect>, from: string, dir: Direction, last?: Move): string | undefined {
  if (!rects.has(from)) return undefined;
  if (last && last.to === from && last.dir === OPPOSITE[dir] && rects.has(last.from)) return last.from;
  const rows = deviceRows(rects);
  const r = rows.findIndex((row) => row.includes(from));
  const row = rows[r]!;
  const i = row.indexOf(from);
  if (dir === 'ArrowLeft') return row[i - 1];
  if (dir === 'ArrowRight') return row[i + 1];
  const target = rows[r + (dir === 'ArrowDown' ? 1 : -1)];
  if (!target) return undefined;
  const x = cx(rects.get(from)!);
  return [...target].sort((a, b) => Math.abs(cx(rects.get(a)!) - x) - Math.abs(cx(rects.get(b)!) - x))[0];
}
