import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FC_SEED } from '../testing/seed';
import { timeOrder } from './timeOrder';

/** The order a compared, stable sort gives: by time, then by place. */
const byCompare = (times: readonly number[]): number[] => times.map((_, r) => r).sort((a, b) => times[a]! - times[b]! || a - b);

describe('timeOrder', () => {
  it('orders by time and keeps the order recorded among equal times', () => {
    expect([...timeOrder(Float64Array.of(30, 10, 10, 20, 10, 30))]).toEqual([1, 2, 4, 3, 0, 5]);
  });

  it('returns nothing for no events and the one place for one', () => {
    expect([...timeOrder(new Float64Array(0))]).toEqual([]);
    expect([...timeOrder(Float64Array.of(7))]).toEqual([0]);
  });

  it('sorts a flood recorded before events of an earlier time after them', () => {
    // A switch records 4 copies of a frame at 105 (sent after its 5 µs decision), then a host answers at 101.
    expect([...timeOrder(Float64Array.of(100, 105, 105, 105, 105, 101, 101, 110))]).toEqual([0, 5, 6, 1, 2, 3, 4, 7]);
  });

  it('orders times that are all fractions of a microsecond, which cannot be packed into whole-number keys', () => {
    expect([...timeOrder(Float64Array.of(1.5, 0.5, 1.5, 0.25))]).toEqual([3, 1, 0, 2]);
  });

  it('gives what a compared stable sort gives: whole microseconds, fractions, and times too large to pack', () => {
    const time = fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 3_600_000_000 }), fc.double({ min: -10, max: 10, noNaN: true }), fc.constant(2 ** 52));
    fc.assert(
      fc.property(fc.array(time, { maxLength: 300 }), (times) => {
        expect([...timeOrder(Float64Array.from(times))]).toEqual(byCompare(times));
      }),
      { seed: FC_SEED, numRuns: 300 },
    );
  });
});
