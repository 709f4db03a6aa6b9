import { describe, expect, it } from 'vitest';
import { edgePoint } from './trails';

describe('edgePoint', () => {
  const box = { x: 0, y: 0, width: 100, height: 40 };
  it('leaves the box, grown by the margin, on the side facing the target', () => {
    expect(edgePoint(box, { x: 500, y: 20 })).toEqual({ x: 110, y: 20 });
    expect(edgePoint(box, { x: 50, y: -300 })).toEqual({ x: 50, y: -10 });
    expect(edgePoint(box, { x: 50, y: 300 }, 0)).toEqual({ x: 50, y: 40 });
  });

  it('on a diagonal, stops at whichever side the ray meets first', () => {
    const p = edgePoint(box, { x: 250, y: 220 }, 0);
    expect(p.y).toBe(40);
    expect(p.x).toBeCloseTo(70, 6);
    expect(edgePoint(box, { x: 50, y: 20 })).toEqual({ x: 50, y: 20 });
  });
});
