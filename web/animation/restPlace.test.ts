import { describe, expect, it } from 'vitest';
import type { Geometry, Rect } from '../diagram/geometry';
import { clearShift, placeRests } from './restPlace';
import { restBox } from './tagYield';
import { mergeAlike, type Token } from './tokens';

const bounds: Rect = { x: 0, y: 0, width: 1000, height: 600 };
const geo = (devices: Rect[] = []): Geometry => ({
  switchId: 'SW',
  switchMidY: 300,
  wires: () => [],
  overlayText: () => [],
  devices: () => devices,
  bounds,
  box: () => undefined,
  nic: () => undefined,
  port: () => undefined,
  vfpX: undefined,
  tunnel: () => undefined,
});

/** A token resting at (x, 280), its label above the point. */
const at = (txId: number, x: number, label = 'TCP ACK', extra: Partial<Token> = {}): Token => ({ txId, path: { points: [{ x, y: 200 }, { x, y: 280 }], lost: false, anchor: 'above' }, label, protocol: 'tcp', inFlow: true, lane: 0, length: 80, start: 0, ...extra });

describe('resting labels', () => {
  it('move the least that keeps them inside the drawing, then off the devices', () => {
    expect(clearShift({ x: -30, y: 0, width: 100, height: 20 }, bounds, [])).toBe(34);
    expect(clearShift({ x: 950, y: 0, width: 100, height: 20 }, bounds, [])).toBe(-54);
    expect(clearShift({ x: 100, y: 0, width: 100, height: 20 }, bounds, [])).toBe(0);
    // A device under its right end: it moves left of it (30 px), not right past it (110).
    expect(clearShift({ x: 100, y: 0, width: 100, height: 20 }, bounds, [{ x: 174, y: 10, width: 100, height: 50 }])).toBe(-30);
    // A device in another band does not count.
    expect(clearShift({ x: 100, y: 0, width: 100, height: 20 }, bounds, [{ x: 150, y: 20, width: 100, height: 50 }])).toBe(0);
  });

  it('keep a pair near the left edge inside the drawing, together, still side by side', () => {
    const pair = placeRests(geo(), [at(1, 20, 'TCP ACK', { side: 'left' }), at(2, 20, 'TLS ClientHello', { side: 'right' })], 1);
    const [a, b] = pair.map((t) => restBox(t, 1));
    expect(a!.x).toBeCloseTo(4, 6);
    expect(pair[0]!.shift).toBe(pair[1]!.shift);
    expect(b!.x - (a!.x + a!.width)).toBeCloseTo(8, 6);
  });

  it('lay four tokens resting at one point in one row, and push apart two groups that meet', () => {
    const four = placeRests(geo(), [1, 2, 3, 4].map((i) => at(i, 500, 'BGP OPEN', { side: i % 2 === 1 ? 'left' : 'right', lane: i > 2 ? 1 : 0 })), 1);
    expect(four.every((t) => t.lane === 0)).toBe(true);
    const boxes = four.map((t) => restBox(t, 1)).sort((p, q) => p.x - q.x);
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.x - (boxes[i - 1]!.x + boxes[i - 1]!.width)).toBeGreaterThanOrEqual(8 - 1e-9);
    const two = placeRests(geo(), [at(1, 400, 'BGP KEEPALIVE'), at(2, 450, 'BGP KEEPALIVE')], 1).map((t) => restBox(t, 1));
    expect(two[1]!.x - (two[0]!.x + two[0]!.width)).toBeCloseTo(8, 6);
  });
});

describe('alike frames at one rest', () => {
  it('rest under one label that counts them, each still its own token', () => {
    const merged = mergeAlike([at(1, 100, 'ARP who-has'), at(2, 100, 'ARP who-has'), at(3, 100, 'ARP reply'), at(4, 300, 'ARP who-has')]);
    expect(merged.map((t) => [t.txId, t.alike ?? null, t.merged ?? false])).toEqual([
      [1, [1, 2], false],
      [2, null, true],
      [3, null, false],
      [4, null, false],
    ]);
    // The count widens the label; the merged token's label is not drawn, so it moves nothing.
    expect(restBox(merged[0]!, 1).width).toBeGreaterThan(restBox(at(1, 100, 'ARP who-has'), 1).width);
    expect(placeRests(geo(), merged, 1)[1]!.shift).toBeUndefined();
  });
});
