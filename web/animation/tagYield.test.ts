import { describe, expect, it } from 'vitest';
import type { Geometry } from '../diagram/geometry';
import { badgeBox, coveredBadges, restBox } from './tagYield';
import type { Token } from './tokens';

// A switch bar at y 280..320; a device above it (A, in a second row), one above A to its left (B), one below (C).
const boxes: Record<string, { x: number; y: number; width: number; height: number }> = {
  SW: { x: 0, y: 280, width: 1000, height: 40 },
  A: { x: 300, y: 150, width: 180, height: 76 },
  B: { x: 193, y: 23, width: 180, height: 76 },
  C: { x: 300, y: 360, width: 180, height: 76 },
};
const geo: Geometry = {
  switchId: 'SW',
  switchMidY: 300,
  wires: () => [],
  overlayText: () => [],
  devices: () => [],
  bounds: undefined,
  box: (id) => boxes[id],
  nic: () => undefined,
  port: () => undefined,
  vfpX: undefined,
  tunnel: () => undefined,
};

/** A token resting under B's drop (x 283), its label below the point. */
const underB: Token = { txId: 1, path: { points: [{ x: 283, y: 280 }, { x: 283, y: 99 }], lost: false, anchor: 'below', toNode: true }, label: 'ARP who-has', protocol: 'arp', inFlow: true, lane: 0, length: 181, start: 0 };

describe('badges that yield', () => {
  it("hang outside the box's right end: above a device above the switch, below one below it", () => {
    expect(badgeBox(boxes.A!, true, 'sends', 1)).toEqual({ x: 300 + 180 - 6 - (5 * 0.78 * 12 + 10), y: 150 - 3 - 16, width: 5 * 0.78 * 12 + 10, height: 16 });
    expect(badgeBox(boxes.C!, false, 'receives', 1.75)).toMatchObject({ y: 360 + 76 + 3, height: 21 + 4 });
  });

  it("hide the badge of a device a token resting at another device covers, and no other", () => {
    const rest = restBox(underB, 1.75);
    // The label hangs from B's bottom edge into the gap above A, over A's badge.
    expect(rest.y).toBe(99 + 5);
    const roles = new Map([['A', 'receiver'], ['B', 'receiver'], ['C', 'receiver'], ['SW', 'sender']] as const);
    expect(coveredBadges(geo, [underB], roles, 1.75)).toEqual(['A']);
    expect(coveredBadges(geo, [], roles, 1.75)).toEqual([]);
  });
});
