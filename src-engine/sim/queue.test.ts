import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from './queue';

describe('EventQueue', () => {
  it('pops in time order, ties in insertion order', () => {
    const q = new EventQueue<string>();
    q.push(5, 'a');
    q.push(1, 'b');
    q.push(5, 'c');
    q.push(0, 'd');
    expect([q.pop(), q.pop(), q.pop(), q.pop(), q.pop()]).toEqual(['d', 'b', 'a', 'c', undefined]);
  });

  it('sorts any input stably, growing past its initial size', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 3000 }), (times) => {
        const q = new EventQueue<number>();
        times.forEach((t, i) => q.push(t, i));
        const out: number[] = [];
        for (let x = q.pop(); x !== undefined; x = q.pop()) out.push(x);
        const expected = times.map((t, i) => [t, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, i]) => i);
        expect(out).toEqual(expected);
      }),
      { numRuns: 50 },
    );
  });
});
