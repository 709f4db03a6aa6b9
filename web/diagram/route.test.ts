import { describe, expect, it } from 'vitest';
import { CLEARANCE, LANE, route } from './route';
import type { Rect } from './geometry';

const near = (p: { x: number; y: number }, r: Rect, d: number) => p.x > r.x - d && p.x < r.x + r.width + d && p.y > r.y - d && p.y < r.y + r.height + d;

/** Points every unit along an orthogonal line. */
function walk(points: readonly { x: number; y: number }[]) {
  const out: { x: number; y: number }[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    expect(a.x === b.x || a.y === b.y, 'orthogonal').toBe(true);
    const n = Math.max(Math.abs(b.x - a.x), Math.abs(b.y - a.y));
    for (let k = 0; k <= n; k++) out.push({ x: a.x + ((b.x - a.x) * k) / n, y: a.y + ((b.y - a.y) * k) / n });
  }
  return out;
}

describe('route', () => {
  const from = { x: 0, y: 0, width: 100, height: 40 };
  const to = { x: 400, y: 300, width: 100, height: 40 };
  const wall = { x: 150, y: 100, width: 300, height: 150 };

  it('goes round a box in the way, keeping its clearance, from edge to edge', () => {
    const r = route(from, to, [wall])!;
    for (const p of walk(r.points)) expect(near(p, wall, CLEARANCE - 0.01), `(${p.x}, ${p.y})`).toBe(false);
    const [first, last] = [r.points[0]!, r.points[r.points.length - 1]!];
    // Its ends sit on the boxes' edges grown by the margin (10), not inside them.
    expect(near(first, from, 10.01) && !near(first, from, 9.99)).toBe(true);
    expect(near(last, to, 10.01) && !near(last, to, 9.99)).toBe(true);
  });

  it('with a straight run free, draws it with no bend', () => {
    const r = route(from, { x: 400, y: 0, width: 100, height: 40 }, [wall])!;
    expect(r.points).toEqual([
      { x: 110, y: 20 },
      { x: 390, y: 20 },
    ]);
  });

  it('runs beside a line already drawn, not along it', () => {
    const right = { x: 400, y: 0, width: 100, height: 40 };
    const first = route(from, right, [])!;
    const second = route(right, from, [], [first.through])!;
    expect(second.points.every((p) => Math.abs(p.y - 20) >= LANE - 0.01)).toBe(true);
  });

  it('gives up (undefined) when an end lies under another box', () => {
    expect(route(from, to, [{ x: 350, y: 250, width: 200, height: 140 }])).toBeUndefined();
  });
});
