import { describe, expect, it } from 'vitest';
import { placeAxis, placeClear } from './AutoFit';
import { tieRoute } from './geometry';
import { beyond } from './OffScreen';
import { roundedPath } from './TieEdge';

describe('placeAxis: a drawing larger than its area', () => {
  // 1000 units at zoom 0.5 is 500 px, in an area from 0 to 400.
  it('centres the whole drawing when it is the subject', () => {
    const x = placeAxis(0, 1000, 0, 1000, 0.5, 0, 400);
    expect(x).toBe(-50);
  });
  it('centres a subject in the middle', () => {
    expect(placeAxis(0, 1000, 400, 200, 0.5, 0, 400)).toBe(200 - 250);
  });
  it('keeps the drawing edge at the area edge rather than centre a subject near it', () => {
    // A subject at the far right would be centred at x = 200 - 475 = -275; the right edge then lies at 225, inside.
    expect(placeAxis(0, 1000, 900, 100, 0.5, 0, 400)).toBe(-100);
    expect(placeAxis(0, 1000, 0, 100, 0.5, 0, 400)).toBe(0);
  });
  it('honours the band at the start of the area (the picture buttons)', () => {
    expect(placeAxis(0, 1000, 0, 100, 0.5, 42, 400)).toBe(42);
  });
});

describe('placeClear: where a drawing a little wider than its area is cut', () => {
  // A drawing 1000 wide at zoom 1 in an area from 4 to 984: 20 units must go. The host's title starts at 10; the
  // lesson's devices stand at 850–960, with the frame's empty margin beyond them.
  const title = { lo: 10, hi: 170 };
  const devices = { lo: 850, hi: 960 };
  it('cuts the empty margin, not the title, where centring on the subject cut the title', () => {
    expect(placeAxis(0, 1000, devices.lo, devices.hi - devices.lo, 1, 4, 984)).toBe(-16);
    const x = placeClear(0, 1000, devices.lo, devices.hi - devices.lo, 1, 4, 984, [title, devices]);
    expect(x + title.lo).toBeGreaterThanOrEqual(4);
    expect(x + devices.hi).toBeLessThanOrEqual(984);
    // No blank beside the drawing either.
    expect(x).toBeLessThanOrEqual(4);
    expect(x + 1000).toBeGreaterThanOrEqual(984);
  });
  it('centres a drawing more than a margin past its area on its subject (a laptop at 200% zoom: 61 px past 640)', () => {
    const texts = [{ lo: 10, hi: 170 }, { lo: 880, hi: 990 }];
    expect(placeClear(0, 1000, 400, 200, 1, 0, 939, texts)).toBe(placeAxis(0, 1000, 400, 200, 1, 0, 939));
  });
  it('keeps the subject whole rather than a text elsewhere', () => {
    // Texts at both ends: one of them must be cut, and it is not the subject's.
    const x = placeClear(0, 1000, 880, 100, 1, 4, 984, [{ lo: 0, hi: 100 }, { lo: 880, hi: 990 }]);
    expect(x + 880).toBeGreaterThanOrEqual(4);
    expect(x + 980).toBeLessThanOrEqual(984);
  });
});

describe('beyond', () => {
  it('measures what lies past each side of the area (the picture buttons are above it, no band kept)', () => {
    const cut = beyond({ x: 0, y: 0, width: 1000, height: 600 }, { x: -50, y: -10, zoom: 0.5 }, 400, 300);
    expect(cut).toEqual({ left: 50, right: 50, top: 10, bottom: -10 });
  });
});

describe('tieRoute: a VIP\'s tie to the MUX announcing it', () => {
  const mux = { x: 670, y: 94, width: 180, height: 76 };
  const level = { x: 1019, y: 94, width: 180, height: 76 };
  const front = { x: 1019, y: 238, width: 180, height: 76 };
  const portal = { x: 777, y: 238, width: 180, height: 76 };
  it('runs level from the VIP beside the MUX', () => {
    expect(tieRoute(level, mux, [mux, level, front, portal])).toEqual([{ x: 1019, y: 132 }, { x: 850, y: 132 }]);
  });
  it('turns up the channel beside the pool for a VIP in the row in front, into the MUX\'s side', () => {
    const route = tieRoute(front, mux, [mux, level, front, portal])!;
    expect(route[0]).toEqual({ x: 1019, y: 276 });
    expect(route[route.length - 1]).toEqual({ x: 850, y: 158 });
    expect(route.every((p) => p.y >= mux.y)).toBe(true);
    // The channel lies right of the front row's last device.
    expect(route[1]!.x).toBeGreaterThan(portal.x + portal.width);
  });
  it('runs under the row, up the gap and into the side, when another box stands between (a second MUX)', () => {
    const second = { x: 884, y: 94, width: 180, height: 76 };
    const far = { ...level, x: 1233 };
    // Down the channel beside the pool, left 10 under the row, up the gap between the MUXes, into MuxVM's side.
    expect(tieRoute(far, mux, [mux, second, far])).toEqual([
      { x: 1233, y: 132 },
      { x: 1202, y: 132 },
      { x: 1202, y: 180 },
      { x: 867, y: 180 },
      { x: 867, y: 132 },
      { x: 850, y: 132 },
    ]);
    expect(tieRoute(far, second, [mux, second, far])).toEqual([{ x: 1233, y: 132 }, { x: 1064, y: 132 }]);
    // With the gap blocked too, it gives up (the tie curves).
    expect(tieRoute(far, mux, [mux, second, far, { x: 860, y: 120, width: 14, height: 20 }])).toBeUndefined();
  });
  it('gives up for a MUX that is not left of the VIP', () => {
    expect(tieRoute(mux, level, [])).toBeUndefined();
  });
  it('looks through the other boxes once per route tried, not once per segment (4,000 VMs, 20 VIPs)', () => {
    // 4,000 VMs in rows below, each counting how often its place is read.
    let reads = 0;
    const vms = Array.from({ length: 4000 }, (_, i) => {
      const r = { y: 400 + Math.floor(i / 40) * 90, width: 60, height: 40 };
      return Object.defineProperty(r, 'x', { get: () => (reads++, 20 + (i % 40) * 70), enumerable: true }) as typeof r & { x: number };
    });
    const route = tieRoute(front, mux, [mux, level, front, portal, ...vms]);
    // The same route as without them: they are all far below.
    expect(route).toEqual(tieRoute(front, mux, [mux, level, front, portal]));
    expect(route).toHaveLength(4);
    // A route of 3 segments, each checked against every box, read each VM's x 3 times or more.
    expect(reads).toBeLessThanOrEqual(2 * vms.length);
  });
});

describe('roundedPath', () => {
  it('draws a straight line as is and rounds a corner', () => {
    expect(roundedPath([{ x: 0, y: 0 }, { x: 10, y: 0 }])).toBe('M 0 0 L 10 0');
    expect(roundedPath([{ x: 0, y: 0 }, { x: 20, y: 0 }, { x: 20, y: 20 }], 8)).toBe('M 0 0 L 12 0 Q 20 0 20 8 L 20 20');
  });
});
