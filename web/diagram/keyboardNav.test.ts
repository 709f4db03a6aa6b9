import { describe, expect, it } from 'vitest';
import { nearestInDirection } from './keyboardNav';

const r = (x: number, y: number) => ({ x, y, width: 100, height: 50 });
const rects = new Map([
  ['a', r(0, 0)],
  ['b', r(200, 0)],
  ['c', r(400, 10)],
  ['d', r(0, 200)],
  ['e', r(210, 220)],
]);

describe('nearestInDirection', () => {
  it('moves to the nearest node the arrow points at', () => {
    expect(nearestInDirection(rects, 'a', 'ArrowRight')).toBe('b');
    expect(nearestInDirection(rects, 'b', 'ArrowRight')).toBe('c');
    expect(nearestInDirection(rects, 'a', 'ArrowDown')).toBe('d');
    expect(nearestInDirection(rects, 'e', 'ArrowUp')).toBe('b');
    expect(nearestInDirection(rects, 'e', 'ArrowLeft')).toBe('d');
  });
  it('stays put at an edge, or for an unknown node', () => {
    expect(nearestInDirection(rects, 'a', 'ArrowLeft')).toBeUndefined();
    expect(nearestInDirection(rects, 'zz', 'ArrowLeft')).toBeUndefined();
  });
});
