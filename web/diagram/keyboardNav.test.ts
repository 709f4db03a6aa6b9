import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FC_SEED } from '../../src-engine/testing/seed';
import { deviceRows, firstDevice, nextDevice, type Direction, type Move } from './keyboardNav';

const r = (x: number, y: number) => ({ x, y, width: 100, height: 50 });
const rects = new Map([
  ['a', r(0, 0)],
  ['b', r(200, 0)],
  ['c', r(400, 10)],
  ['d', r(0, 200)],
  ['e', r(210, 220)],
]);

describe('deviceRows', () => {
  it('reads boxes that overlap vertically as one row, left to right', () => {
    expect(deviceRows(rects)).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e'],
    ]);
  });
});

describe('firstDevice', () => {
  it('is the top row\'s leftmost box, read as deviceRows reads rows', () => {
    expect(firstDevice(rects)).toBe('a');
    // c starts the sort (highest), but b overlaps its row and lies left of it.
    const shifted = new Map([
      ['c', r(400, 0)],
      ['b', r(200, 20)],
      ['d', r(0, 200)],
    ]);
    expect(firstDevice(shifted)).toBe('b');
    // A box that starts below half the row's first box's height begins a row of its own.
    const low = new Map([
      ['c', r(400, 0)],
      ['b', r(0, 30)],
    ]);
    expect(firstDevice(low)).toBe('c');
    expect(firstDevice(new Map())).toBeUndefined();
  });

  it('agrees with deviceRows on any layout (it is that list\'s first id, without building every row)', () => {
    const box = fc.record({ x: fc.integer({ min: 0, max: 600 }), y: fc.integer({ min: 0, max: 300 }), width: fc.integer({ min: 1, max: 120 }), height: fc.integer({ min: 1, max: 90 }) });
    fc.assert(
      fc.property(fc.array(box, { maxLength: 30 }), (boxes) => {
        const map = new Map(boxes.map((b, i) => [`n${i}`, b]));
        expect(firstDevice(map)).toBe(deviceRows(map)[0]?.[0]);
      }),
      { seed: FC_SEED },
    );
  });
});

describe('nextDevice', () => {
  it('moves along a row with Left and Right, to the nearest box of the next row with Up and Down', () => {
    expect(nextDevice(rects, 'a', 'ArrowRight')).toBe('b');
    expect(nextDevice(rects, 'b', 'ArrowRight')).toBe('c');
    expect(nextDevice(rects, 'a', 'ArrowDown')).toBe('d');
    expect(nextDevice(rects, 'e', 'ArrowUp')).toBe('b');
    expect(nextDevice(rects, 'e', 'ArrowLeft')).toBe('d');
  });

  it('stays put at an edge, or for an unknown node', () => {
    expect(nextDevice(rects, 'a', 'ArrowLeft')).toBeUndefined();
    expect(nextDevice(rects, 'a', 'ArrowUp')).toBeUndefined();
    expect(nextDevice(rects, 'zz', 'ArrowLeft')).toBeUndefined();
  });

  it('is symmetric: the opposite arrow undoes any move', () => {
    const opposite: Record<Direction, Direction> = { ArrowUp: 'ArrowDown', ArrowDown: 'ArrowUp', ArrowLeft: 'ArrowRight', ArrowRight: 'ArrowLeft' };
    const box = fc.record({ x: fc.integer({ min: 0, max: 2000 }), y: fc.integer({ min: 0, max: 1000 }) });
    fc.assert(
      fc.property(fc.array(box, { minLength: 2, maxLength: 14 }), fc.nat(), fc.constantFrom<Direction>('ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'), (boxes, pick, dir) => {
        const map = new Map(boxes.map((b, i) => [`n${i}`, r(b.x, b.y)]));
        const from = `n${pick % boxes.length}`;
        const to = nextDevice(map, from, dir);
        if (to === undefined) return;
        const move: Move = { from, to, dir };
        expect(nextDevice(map, to, opposite[dir], move)).toBe(from);
        // Left and Right need no memory: rows make them exact inverses.
        if (dir === 'ArrowLeft' || dir === 'ArrowRight') expect(nextDevice(map, to, opposite[dir])).toBe(from);
      }),
      { seed: FC_SEED },
    );
  });
});
