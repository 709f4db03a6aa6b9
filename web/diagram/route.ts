// Orthogonal routes for the lines drawn over the diagram (the overlay view's tenant path): around every
// box and title in the way, with few bends, beside a line already drawn rather than on it. A small
// visibility grid (the boxes' edges, grown by a clearance) searched by Dijkstra with a cost per bend: the
// lines are few and drawn once per run, and only the boxes between the two ends take part.
import type { Point } from '../animation/tokenPath';
import type { Rect } from './geometry';

/** How far a route keeps from a box it passes. */
export const CLEARANCE = 12;
/** A second line runs this far beside one already drawn. */
export const LANE = 18;
/** One bend costs as much as this much length. */
const BEND = 120;
/** Running along a line already drawn costs this much per unit of length. */
const SHARED = 6;
/** Past this many boxes between the ends the search is skipped (a straight line is drawn instead). */
export const MAX_OBSTACLES = 120;

const inside = (p: Point, r: Rect) => p.x > r.x + 1e-6 && p.x < r.x + r.width - 1e-6 && p.y > r.y + 1e-6 && p.y < r.y + r.height - 1e-6;
const grow = (r: Rect, d: number): Rect => ({ x: r.x - d, y: r.y - d, width: r.width + 2 * d, height: r.height + 2 * d });
const centre = (r: Rect): Point => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });

/** A min-heap of [cost, state]. */
class Heap {
  private readonly items: [number, number][] = [];
  get size() {
    return this.items.length;
  }
  push(cost: number, state: number) {
    const a = this.items;
    a.push([cost, state]);
    for (let i = a.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (a[p]![0] <= a[i]![0]) break;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }
  pop(): [number, number] {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]![0] < a[m]![0]) m = l;
        if (r < a.length && a[r]![0] < a[m]![0]) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}

/** Whether segment a-b runs along (overlapping, collinear) any segment of the lines drawn. */
function shared(a: Point, b: Point, drawn: readonly (readonly Point[])[]): boolean {
  for (const line of drawn) {
    for (let i = 1; i < line.length; i++) {
      const p = line[i - 1]!;
      const q = line[i]!;
      if (a.x === b.x && p.x === q.x && Math.abs(a.x - p.x) < LANE / 2) {
        if (Math.min(Math.max(a.y, b.y), Math.max(p.y, q.y)) - Math.max(Math.min(a.y, b.y), Math.min(p.y, q.y)) > 0) return true;
      }
      if (a.y === b.y && p.y === q.y && Math.abs(a.y - p.y) < LANE / 2) {
        if (Math.min(Math.max(a.x, b.x), Math.max(p.x, q.x)) - Math.max(Math.min(a.x, b.x), Math.min(p.x, q.x)) > 0) return true;
      }
    }
  }
  return false;
}

/** Where a route from inside `r` first leaves `r` grown by `margin`: the line is cut there. */
function exitIndex(route: readonly Point[], r: Rect): number {
  let i = 0;
  while (i + 1 < route.length && inside(route[i + 1]!, r)) i++;
  return i;
}

function clip(a: Point, b: Point, r: Rect): Point {
  // a is inside r, b outside; the route is orthogonal, so the crossing is on one axis.
  if (a.x === b.x) return { x: a.x, y: b.y > a.y ? r.y + r.height : r.y };
  return { x: b.x > a.x ? r.x + r.width : r.x, y: a.y };
}

export interface Route {
  /** The line as drawn: from the edge of `from` (grown by the margin) to the edge of `to`. */
  readonly points: Point[];
  /** The same line from centre to centre: what a later line keeps off (the ends too, where arrowheads sit). */
  readonly through: Point[];
}

/**
 * An orthogonal route from box `from` to box `to` that keeps `CLEARANCE` from every obstacle (their text
 * boxes; the two ends are not obstacles), with its ends on the ends' edges grown by `margin`. Lines already
 * drawn are avoided (a parallel lane beside them is offered). Undefined when no route exists.
 */
export function route(from: Rect, to: Rect, obstacles: readonly Rect[], drawn: readonly (readonly Point[])[] = [], margin = 10): Route | undefined {
  const a = centre(from);
  const b = centre(to);
  const span = grow({ x: Math.min(from.x, to.x), y: Math.min(from.y, to.y), width: Math.max(from.x + from.width, to.x + to.width) - Math.min(from.x, to.x), height: Math.max(from.y + from.height, to.y + to.height) - Math.min(from.y, to.y) }, 200);
  const near = obstacles.filter((o) => o.x < span.x + span.width && span.x < o.x + o.width && o.y < span.y + span.height && span.y < o.y + o.height);
  if (near.length > MAX_OBSTACLES) return undefined;
  const walls = near.map((o) => grow(o, CLEARANCE));
  const xs = new Set([a.x, b.x]);
  const ys = new Set([a.y, b.y]);
  for (const w of walls) {
    xs.add(w.x).add(w.x + w.width);
    ys.add(w.y).add(w.y + w.height);
  }
  for (const line of drawn) for (const p of line) {
    xs.add(p.x - LANE).add(p.x + LANE);
    ys.add(p.y - LANE).add(p.y + LANE);
  }
  const X = [...xs].sort((m, n) => m - n);
  const Y = [...ys].sort((m, n) => m - n);
  const nx = X.length;
  const free = (p: Point) => !walls.some((w) => inside(p, w));
  const open = Y.flatMap((y) => X.map((x) => free({ x, y })));
  const start = Y.indexOf(a.y) * nx + X.indexOf(a.x);
  const goal = Y.indexOf(b.y) * nx + X.indexOf(b.x);
  // State: grid point * 4 + the direction it was entered by (0 right, 1 left, 2 down, 3 up).
  const DIRS = [
    [1, 0],
    [-1, 0],
    [0, 1],
    [0, -1],
  ] as const;
  const best = new Map<number, number>();
  const prev = new Map<number, number>();
  const heap = new Heap();
  for (let d = 0; d < 4; d++) {
    best.set(start * 4 + d, 0);
    heap.push(0, start * 4 + d);
  }
  let found: number | undefined;
  while (heap.size > 0) {
    const [cost, state] = heap.pop();
    if (cost > (best.get(state) ?? Infinity)) continue;
    const cell = state >> 2;
    if (cell === goal) {
      found = state;
      break;
    }
    const dir = state & 3;
    const i = cell % nx;
    const j = Math.floor(cell / nx);
    for (let d = 0; d < 4; d++) {
      const [dx, dy] = DIRS[d]!;
      const ni = i + dx;
      const nj = j + dy;
      if (ni < 0 || nj < 0 || ni >= nx || nj >= Y.length) continue;
      const next = nj * nx + ni;
      if (!open[next]) continue;
      const p = { x: X[i]!, y: Y[j]! };
      const q = { x: X[ni]!, y: Y[nj]! };
      if (!free({ x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 })) continue;
      const len = Math.abs(q.x - p.x) + Math.abs(q.y - p.y);
      const c = cost + len * (shared(p, q, drawn) ? SHARED : 1) + (cell !== start && d !== dir ? BEND : 0);
      const s = next * 4 + d;
      if (c < (best.get(s) ?? Infinity)) {
        best.set(s, c);
        prev.set(s, state);
        heap.push(c, s);
      }
    }
  }
  if (found === undefined) return undefined;
  const cells: Point[] = [];
  for (let s: number | undefined = found; s !== undefined; s = prev.get(s)) {
    const cell = s >> 2;
    cells.push({ x: X[cell % nx]!, y: Y[Math.floor(cell / nx)]! });
    if (cell === start) break;
  }
  cells.reverse();
  // Only the corners, then the ends cut at the boxes' edges (grown by the margin).
  const corners = cells.filter((p, k) => k === 0 || k === cells.length - 1 || !((cells[k - 1]!.x === p.x && cells[k + 1]!.x === p.x) || (cells[k - 1]!.y === p.y && cells[k + 1]!.y === p.y)));
  const f = grow(from, margin);
  const t = grow(to, margin);
  const i0 = exitIndex(corners, f);
  const head = clip(corners[i0]!, corners[i0 + 1] ?? corners[i0]!, f);
  const rev = [...corners].reverse();
  const j0 = exitIndex(rev, t);
  const tail = clip(rev[j0]!, rev[j0 + 1] ?? rev[j0]!, t);
  const middle = corners.slice(i0 + 1, corners.length - j0 - 1);
  return { points: [head, ...middle, tail], through: corners };
}
