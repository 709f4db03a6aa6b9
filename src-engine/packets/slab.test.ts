import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FC_SEED } from '../testing/seed';
import { allocBytes, copyBytes, slabFree, slabWithRoom, standalone, takeFromSlab } from './slab';

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

  it('cuts views 8-byte aligned from 64 KiB slabs, filling a slab to its last byte before starting the next', () => {
    slabWithRoom(16); // room for the two below in one slab, whatever earlier tests took
    const first = allocBytes(3);
    const second = allocBytes(5);
    expect(first.buffer.byteLength).toBe(64 * 1024);
    expect(second.buffer).toBe(first.buffer);
    expect(second.byteOffset).toBe(first.byteOffset + 8);
    // A Float64Array over a view's bytes needs an 8-byte aligned offset.
    expect(new Float64Array(second.buffer, second.byteOffset, 0).length).toBe(0);
    // Fill the rest of this slab exactly, in 4096-byte pieces and one smaller one.
    let left = 64 * 1024 - slabFree();
    let last = second;
    while (left > 0) {
      const n = Math.min(left, 4096);
      last = allocBytes(n);
      expect(last.buffer).toBe(first.buffer);
      left -= n;
    }
    expect(last.byteOffset + last.length).toBe(64 * 1024);
    const next = allocBytes(1);
    expect(next.buffer).not.toBe(first.buffer);
    expect(next.byteOffset).toBe(0);
    expect(slabFree()).toBe(8);
  });

  it('allocates arrays of more than 4096 bytes on their own', () => {
    expect(allocBytes(4096).buffer.byteLength).toBe(64 * 1024);
    const big = allocBytes(4097);
    expect(big.buffer.byteLength).toBe(4097);
    expect(big.every((x) => x === 0)).toBe(true);
  });

  it('lends the slab for writing in place, with the room asked for, and takes only what was written', () => {
    allocBytes(1);
    const free = slabFree();
    const room = 64 * 1024 - free;
    const slab = slabWithRoom(room);
    expect(slab.byteLength).toBe(64 * 1024);
    expect(slabFree()).toBe(free); // the exact room left: the same slab
    slab.set([1, 2, 3], free);
    const taken = takeFromSlab(3);
    expect(taken).toEqual(Uint8Array.of(1, 2, 3));
    expect(taken.buffer).toBe(slab.buffer);
    expect(taken.byteOffset).toBe(free);
    expect(slabFree()).toBe(free + 8);
    // One byte more than is left: a new slab.
    const fresh = slabWithRoom(64 * 1024 - slabFree() + 1);
    expect(fresh).not.toBe(slab);
    expect(slabFree()).toBe(0);
  });
});
