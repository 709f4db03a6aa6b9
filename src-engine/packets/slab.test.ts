import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FC_SEED } from '../testing/seed';
import { allocBytes, copyBytes, standalone } from './slab';

describe('slab allocation', () => {
  it('hands out zeroed arrays that never overlap, across slabs', () => {
    const all: Uint8Array[] = [];
    for (let i = 0; i < 3000; i++) {
      const b = allocBytes(1 + (i % 300));
      expect(b.every((x) => x === 0)).toBe(true);
      b.fill(i & 255);
      all.push(b);
    }
    all.forEach((b, i) => expect(b.every((x) => x === (i & 255))).toBe(true));
    expect(new Set(all.map((b) => b.buffer)).size).toBeGreaterThan(1);
  });

  it('copies like slice', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), fc.nat(), fc.nat(), (bytes, x, y) => {
        const start = bytes.length ? x % bytes.length : 0;
        const end = start + (bytes.length - start ? y % (bytes.length - start + 1) : 0);
        const copy = copyBytes(bytes, start, end);
        expect(copy).toEqual(bytes.slice(start, end));
        if (copy.length) {
          copy[0] = copy[0]! ^ 0xff;
          expect(bytes[start]).not.toBe(copy[0]);
        }
      }),
      { seed: FC_SEED },
    );
  });

  it('makes standalone copies of views, and leaves standalone arrays as they are', () => {
    const view = copyBytes(Uint8Array.of(1, 2, 3));
    expect(view.buffer.byteLength).toBeGreaterThan(3); // a slab
    const own = standalone(view);
    expect(own).toEqual(Uint8Array.of(1, 2, 3));
    expect(own.byteOffset).toBe(0);
    expect(own.buffer.byteLength).toBe(3);
    expect(standalone(own)).toBe(own);
    // What postMessage would carry: structuredClone copies the whole buffer of a view.
    expect(structuredClone(own).buffer.byteLength).toBe(3);
  });
});
