import { describe, expect, it } from 'vitest';
import type { Geometry, Rect } from '../diagram/geometry';
import { tagBox } from '../diagram/vlanTag';
import { clearShift, placeRests, switchTextEnd, widestRow } from './restPlace';
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

  it('wrap their TTL onto a second line, a pair at a time, where the diagram\'s area is narrower than the pair', () => {
    const pair = [at(1, 500, 'BGP KEEPALIVE', { side: 'left', ttl: 128 }), at(2, 500, 'BGP UPDATE', { side: 'right', ttl: 128 })];
    const lone = at(3, 100, 'TCP ACK', { ttl: 64 });
    const [a, b] = pair.map((t) => restBox(t, 1.75));
    // The pair side by side, 10 units either side of the wire, with 4 to spare at each end.
    expect(widestRow([...pair, lone], 1.75)).toBeCloseTo(b!.x + b!.width - a!.x + 8, 6);
    expect(widestRow([lone], 1.75)).toBe(0);
    expect(placeRests(geo(), [...pair, lone], 1.75).some((t) => t.wrap)).toBe(false);
    const narrow = placeRests(geo(), [...pair, lone], 1.75, 1.75, false, true);
    expect(narrow.map((t) => t.wrap === true)).toEqual([true, true, false]);
    // Each wrapped label: as wide as its longer line, two lines tall (1 + 1.1 em) in its padding and border.
    const wrapped = restBox(narrow[0]!, 1.75);
    expect(wrapped.width).toBeLessThan(a!.width - 40);
    expect(wrapped.height).toBeCloseTo(2.1 * 21 + 14, 6);
  });

  it('keep a pair near the left edge inside the drawing, together, still side by side', () => {
    const pair = placeRests(geo(), [at(1, 20, 'TCP ACK', { side: 'left' }), at(2, 20, 'TLS ClientHello', { side: 'right' })], 1);
    const [a, b] = pair.map((t) => restBox(t, 1));
    expect(a!.x).toBeCloseTo(4, 6);
    expect(pair[0]!.shift).toBe(pair[1]!.shift);
    // 10 units either side of the wire: clear of it lit, with the shown frame's ring.
    expect(b!.x - (a!.x + a!.width)).toBeCloseTo(20, 6);
  });

  it('lay four tokens resting at one point in one row, and push apart two groups that meet', () => {
    const four = placeRests(geo(), [1, 2, 3, 4].map((i) => at(i, 500, 'BGP OPEN', { side: i % 2 === 1 ? 'left' : 'right', lane: i > 2 ? 1 : 0 })), 1);
    expect(four.every((t) => t.lane === 0)).toBe(true);
    const boxes = four.map((t) => restBox(t, 1)).sort((p, q) => p.x - q.x);
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.x - (boxes[i - 1]!.x + boxes[i - 1]!.width)).toBeGreaterThanOrEqual(8 - 1e-9);
    const two = placeRests(geo(), [at(1, 400, 'BGP KEEPALIVE'), at(2, 450, 'BGP KEEPALIVE')], 1).map((t) => restBox(t, 1));
    expect(two[1]!.x - (two[0]!.x + two[0]!.width)).toBeCloseTo(8, 6);
  });
  it('move off a drop marker standing where they rest, to the nearer side, and stay put where none stands', () => {
    // The SYN lost at a dead device rests under it, where the device's marker ("flow died: node down") stands: the
    // marker covered most of the label it marks.
    const syn = at(1, 500, 'TCP SYN', { ttl: 126 });
    const label = restBox(syn, 1);
    const marker: Rect = { x: label.x + 20, y: label.y - 5, width: 250, height: 34 };
    const [moved] = placeRests(geo(), [syn], 1, 1, false, false, [marker]);
    const box = restBox(moved!, 1);
    expect(box.x + box.width).toBeCloseTo(marker.x - 4, 6);
    expect(box.y).toBe(label.y);
    // A marker in another band, or none, moves nothing.
    expect(placeRests(geo(), [syn], 1, 1, false, false, [{ ...marker, y: label.y + label.height + 1 }])[0]!.shift).toBeUndefined();
    expect(placeRests(geo(), [syn], 1)[0]!.shift).toBeUndefined();
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

describe('resting labels and the links\' VLAN tags', () => {
  // A switch bar from x 0 to 1000 at y 300–340; wires below it at `xs`, each with its tag 9 px right of the wire.
  const sw: Rect = { x: 0, y: 300, width: 1000, height: 40 };
  const below = (xs: number[], devices: Rect[] = []): Geometry => ({
    ...geo(devices),
    box: (id) => (id === 'SW' ? sw : undefined),
    wires: (above, x0, x1) => (above ? [] : xs.filter((x) => x >= x0 && x <= x1).map((x) => ({ id: `w${x}`, x, ySwitch: 340 }))),
  });
  /** A token resting on the switch's bottom edge at x, its label below the point. */
  const onEdge = (txId: number, x: number, label = 'TCP SYN-ACK'): Token => ({ txId, path: { points: [{ x, y: 420 }, { x, y: 340 }], lost: false, anchor: 'below' }, label, protocol: 'tcp', ttl: 127, inFlow: true, lane: 0, length: 80, start: 0 });
  const tags = (xs: number[]) => xs.map((x) => tagBox(x, 340, false, 'VLAN 4094', 1));
  const meets = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

  it('move sideways off a tag where the band has room', () => {
    const [t] = placeRests(below([400, 700]), [onEdge(1, 400)], 1);
    const box = restBox(t!, 1);
    expect(tags([400, 700]).filter((g) => meets(box, g))).toEqual([]);
    expect(t!.lift ?? 0).toBe(0);
    // The least move: to the left of the tag at 400 (its label is centred on the wire).
    expect(box.x + box.width).toBeLessThanOrEqual(409 - 4 + 1e-9);
  });

  it('rest on the switch bar, right of its name, where the tags leave no room beside them', () => {
    const xs = [60, 160, 260, 360, 460, 560, 660, 760, 860, 960];
    const [t] = placeRests(below(xs), [onEdge(1, 360)], 1);
    const box = restBox(t!, 1);
    expect(tags(xs).filter((g) => meets(box, g))).toEqual([]);
    // Inside the bar, and clear of its name ("SW" and the widest badge, from the bar's left edge).
    expect(box.y).toBeGreaterThanOrEqual(sw.y);
    expect(box.y + box.height).toBeLessThanOrEqual(sw.y + sw.height + 1e-9);
    expect(box.x).toBeGreaterThanOrEqual(switchTextEnd(sw, 'SW', 1));
    // With large text the switch's name is set at 20 px, not 17: the label moves on past it.
    const [big] = placeRests(below(xs), [onEdge(1, 360)], 1, 1, true);
    expect(switchTextEnd(sw, 'SW', 1, true)).toBeGreaterThan(switchTextEnd(sw, 'SW', 1));
    expect(restBox(big!, 1).x).toBeGreaterThanOrEqual(switchTextEnd(sw, 'SW', 1, true));
    // Nor over VFP, drawn on the bar's right: a label resting under it moves left of it.
    const vfp = { x: 700, y: 305, width: 200, height: 30 };
    const [u] = placeRests(below(xs, [vfp]), [onEdge(2, 760)], 1);
    const onBar = restBox(u!, 1);
    expect(meets(onBar, vfp)).toBe(false);
    expect(onBar.y).toBeGreaterThanOrEqual(sw.y);
    expect(onBar.y + onBar.height).toBeLessThanOrEqual(sw.y + sw.height + 1e-9);
    expect(tags(xs).filter((g) => meets(onBar, g))).toEqual([]);
  });

  it("rest beyond the tags' band, towards their device, where the bar has no room for them", () => {
    // Wires every 100 units, and VFP over most of the bar: the label finds no room beside the tags nor on the bar.
    const xs = [60, 160, 260, 360, 460, 560, 660, 760, 860, 960];
    const vfp = { x: 200, y: 305, width: 780, height: 30 };
    const [t] = placeRests(below(xs, [vfp]), [onEdge(1, 360)], 1);
    const box = restBox(t!, 1);
    expect(tags(xs).filter((g) => meets(box, g))).toEqual([]);
    expect(meets(box, vfp)).toBe(false);
    // Just past the tags (their bottom 22 + 9 units under the switch), not further, and not moved sideways.
    const tagBottom = 340 + 22 + 9;
    expect(box.y).toBeGreaterThanOrEqual(tagBottom);
    expect(box.y).toBeLessThanOrEqual(tagBottom + 2);
    expect(t!.shift ?? 0).toBe(0);
  });
});
