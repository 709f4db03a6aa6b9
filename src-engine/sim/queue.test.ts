import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FC_SEED } from '../testing/seed';
import { EventQueue } from './queue';

describe('EventQueue', () => {
  it('pops in time order, ties in insertion order', () => {
    const q = new EventQueue();
    q.push(5, 10);
    q.push(1, 11);
    q.push(5, 12);
    q.push(0, 13);
    expect(q.peekTime()).toBe(0);
    expect([q.pop(), q.pop(), q.pop(), q.pop(), q.pop()]).toEqual([13, 11, 10, 12, -1]);
    expect(q.peekTime()).toBe(Infinity);
  });

  it('sorts any input stably, growing past its initial size', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 3000 }), (times) => {
        const q = new EventQueue();
        times.forEach((t, i) => q.push(t, i));
        const out: number[] = [];
        for (let x = q.pop(); x !== -1; x = q.pop()) out.push(x);
        const expected = times.map((t, i) => [t, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, i]) => i);
        expect(out).toEqual(expected);
      }),
      { seed: FC_SEED, numRuns: 50 },
    );
  });

  it('keeps (time, insertion) order across its heaps and runs, pushes and pops interleaved', () => {
    // Pushes after a delay (short or past the far heap's horizon), bursts at one time (a flood), pops.
    const op = fc.oneof(
      fc.constant({ pops: 1 }),
      fc.integer({ min: 1, max: 30 }).map((pops) => ({ pops })),
      fc.record({ delay: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 400_000 })), burst: fc.integer({ min: 1, max: 40 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const q = new EventQueue();
        const ref: { time: number; order: number; id: number }[] = [];
        const free: number[] = [];
        let now = 0;
        let nextId = 0;
        let order = 0;
        for (const o of ops) {
          if ('pops' in o) {
            for (let i = 0; i < o.pops; i++) {
              ref.sort((a, b) => a.time - b.time || a.order - b.order);
              const want = ref.shift();
              expect(q.peekTime()).toBe(want ? want.time : Infinity);
              expect(q.pop()).toBe(want ? want.id : -1);
              if (want) {
                now = want.time;
                free.push(want.id); // ids are reused, as the scheduler reuses its slots
              }
            }
          } else {
            // As the scheduler does: never before the last item popped.
            for (let i = 0; i < o.burst; i++) {
              const id = free.pop() ?? nextId++;
              q.push(now + o.delay, id);
              ref.push({ time: now + o.delay, order: order++, id });
            }
          }
          expect(q.size).toBe(ref.length);
        }
      }),
      { seed: FC_SEED, numRuns: 200 },
    );
  });
});
