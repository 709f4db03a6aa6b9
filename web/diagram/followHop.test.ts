import { describe, expect, it } from 'vitest';
import { placeAxis } from './AutoFit';
import { frameBox, HOLD_MIN_ZOOM, holdInView, panInto } from './FollowHop';
import { DETAIL_ZOOM } from './nodes';

const area = { left: 0, top: 100, right: 400, bottom: 500 };

describe('panInto', () => {
  it('does not move a frame already in view', () => {
    expect(panInto({ left: 50, top: 150, right: 200, bottom: 300 }, area)).toEqual({ dx: 0, dy: 0 });
  });

  it('does not move a frame wholly in view, even inside the margin', () => {
    expect(panInto({ left: 5, top: 104, right: 396, bottom: 300 }, area)).toEqual({ dx: 0, dy: 0 });
  });

  it('brings a frame partly in view just to the edge', () => {
    expect(panInto({ left: 300, top: 150, right: 404, bottom: 300 }, area)).toEqual({ dx: -4, dy: 0 });
  });

  it('moves a frame off the right or the bottom just inside the margin', () => {
    expect(panInto({ left: 500, top: 450, right: 600, bottom: 520 }, area)).toEqual({ dx: -216, dy: -36 });
  });

  it('moves a frame off the left or the top just inside the margin', () => {
    expect(panInto({ left: -300, top: 20, right: -200, bottom: 80 }, area)).toEqual({ dx: 316, dy: 96 });
  });

  it('centres a frame larger than the area on that axis', () => {
    expect(panInto({ left: -100, top: 200, right: 700, bottom: 250 }, area)).toEqual({ dx: -100, dy: 0 });
  });

  it('does not mutate its inputs', () => {
    const target = Object.freeze({ left: 500, top: 150, right: 600, bottom: 200 });
    expect(() => panInto(target, Object.freeze({ ...area }))).not.toThrow();
  });
});

const rect = (left: number, top: number, right: number, bottom: number) => ({ left, top, right, bottom, width: right - left });

describe('frameBox', () => {
  const screen = { width: 400, height: 400 };

  it('bounds the tokens and the devices together when they fit', () => {
    expect(frameBox([rect(100, 100, 150, 120)], [rect(40, 60, 90, 90), rect(200, 200, 260, 240)], screen)).toEqual({ left: 40, top: 60, right: 260, bottom: 240 });
  });

  it('leaves out boxes not drawn and boxes wider than most of the area (the switch)', () => {
    expect(frameBox([rect(100, 100, 150, 120), rect(0, 0, 0, 0)], [rect(10, 300, 390, 320)], screen)).toEqual({ left: 100, top: 100, right: 150, bottom: 120 });
  });

  it('keeps to the tokens when tokens and devices together are larger than the area', () => {
    expect(frameBox([rect(100, 100, 150, 120)], [rect(-300, 0, -250, 40), rect(500, 0, 560, 40)], screen)).toEqual({ left: 100, top: 100, right: 150, bottom: 120 });
  });

  it('bounds the devices alone when no token is drawn, and nothing when nothing is', () => {
    expect(frameBox([], [rect(-300, 0, -250, 40), rect(500, 0, 560, 40)], screen)).toEqual({ left: -300, top: 0, right: 560, bottom: 40 });
    expect(frameBox([], [], screen)).toBeUndefined();
  });
});

describe('holdInView', () => {
  // A drawing 700 x 500 units, at zoom 0.5 in an area 390 x 200 px: larger than the area both ways.
  const drawing = { x: 0, y: 0, width: 700, height: 500 };
  const area = { width: 390, height: 200 };

  it('leaves the zoom where what must be seen fits the area at it', () => {
    expect(holdInView({ x: 100, y: 100, width: 300, height: 200 }, { x: 100, y: 100, width: 50, height: 20 }, drawing, 0.5, area, 0.35)).toBeUndefined();
  });

  it('zooms out just enough to hold it, 8 px clear of the edges; a drawing no larger than the area is centred in it', () => {
    // 460 units tall in 200 - 16 px: zoom 0.4. The drawing is then 280 x 200 px: centred across, filling the height.
    const v = holdInView({ x: 100, y: 20, width: 400, height: 460 }, { x: 100, y: 20, width: 50, height: 20 }, drawing, 0.5, area, 0.35)!;
    expect(v.zoom).toBeCloseTo(0.4, 9);
    expect(v.x).toBeCloseTo(55, 9);
    expect(v.y).toBeCloseTo(0, 9);
  });

  it('centres what must be seen where the drawing is larger than the area, its edges kept at the area\'s edges', () => {
    const wide = { x: 0, y: 0, width: 2000, height: 500 };
    // At zoom 0.4 the drawing is 800 px wide. Centred on 1000..1100: x = 195 - 1050 * 0.4.
    const mid = holdInView({ x: 1000, y: 20, width: 100, height: 460 }, { x: 1000, y: 20, width: 20, height: 20 }, wide, 0.5, area, 0.35)!;
    expect(mid.x).toBeCloseTo(195 - 1050 * 0.4, 9);
    // Centred on 0..100, the drawing's left edge would come 175 px inside the area: it stays at the edge.
    const left = holdInView({ x: 0, y: 20, width: 100, height: 460 }, { x: 0, y: 20, width: 20, height: 20 }, wide, 0.5, area, 0.35)!;
    expect(left.x).toBe(0);
  });

  it('takes the axis that needs the lower zoom', () => {
    const v = holdInView({ x: 0, y: 0, width: 700, height: 400 }, { x: 0, y: 0, width: 20, height: 20 }, drawing, 0.6, { width: 390, height: 400 }, 0.35)!;
    // 374 / 700 across, 384 / 400 down: the width rules.
    expect(v.zoom).toBeCloseTo(374 / 700, 9);
    expect(v.x).toBeCloseTo(8, 9);
    expect(v.y).toBeCloseTo((400 - 500 * (374 / 700)) / 2, 9);
  });

  it('at the lowest zoom, when it still does not fit, centres the frame (the question\'s subject) instead', () => {
    const tall = { x: 0, y: 0, width: 700, height: 600 };
    const v = holdInView({ x: 0, y: 0, width: 700, height: 600 }, { x: 500, y: 400, width: 60, height: 20 }, tall, 0.5, area, 0.35)!;
    expect(v.zoom).toBe(0.35);
    // 700 units at 0.35 are 245 px, narrower than the area: centred.
    expect(v.x).toBeCloseTo((390 - 245) / 2, 9);
    // 600 units are 210 px: the frame's middle (410) at the area's, but the drawing's bottom kept at the area's.
    expect(v.y).toBeCloseTo(200 - 210, 9);
    const big = { x: 0, y: 0, width: 2000, height: 2000 };
    const b = holdInView(big, { x: 1000, y: 1000, width: 100, height: 100 }, big, 0.5, area, 0.35)!;
    expect([b.zoom, b.x, b.y]).toEqual([0.35, 195 - 1050 * 0.35, 100 - 1050 * 0.35]);
  });

  it('places a drawing larger than the area as AutoFit does, and stops where the devices would draw their names only', () => {
    const wide = { x: 0, y: 0, width: 2000, height: 500 };
    const must = { x: 300, y: 20, width: 100, height: 460 };
    expect(holdInView(must, must, wide, 0.5, area, 0.35)!.x).toBeCloseTo(placeAxis(0, 2000, 300, 100, 0.4, 0, 390), 9);
    expect(HOLD_MIN_ZOOM).toBe(DETAIL_ZOOM);
  });

  it('never zooms in', () => {
    expect(holdInView({ x: 0, y: 0, width: 10, height: 10 }, { x: 0, y: 0, width: 10, height: 10 }, drawing, 0.2, area, 0.35)).toBeUndefined();
  });
});
