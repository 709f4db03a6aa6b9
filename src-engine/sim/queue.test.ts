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
  it('grows its heaps and its run chain: 2,000 items at distinct times, ids past 1,024, pushed latest first', () => {
    const q = new EventQueue();
    for (let i = 1999; i >= 0; i--) q.push(i * 10, 5000 + i);
    expect(q.size).toBe(2000);
    const out: number[] = [];
    for (let x = q.pop(); x !== -1; x = q.pop()) out.push(x);
    expect(out).toEqual(Array.from({ length: 2000 }, (_, i) => 5000 + i));
    expect(q.size).toBe(0);
  });

  it('between a near and a far item due at the same time, pops the one pushed first', () => {
    const q = new EventQueue();
    q.push(200_000, 1); // 200 ms past the last pop (0): the far heap
    q.push(150_000, 2);
    expect(q.pop()).toBe(2); // now 150 ms: 200 ms is near
    q.push(200_000, 3);
    q.push(200_000 + 1, 4);
    expect(q.peekTime()).toBe(200_000);
    expect([q.pop(), q.pop(), q.pop(), q.pop()]).toEqual([1, 3, 4, -1]);
  });

  it('keeps the earlier of the two heads when the far one comes first', () => {
    const q = new EventQueue();
    q.push(100_000, 1); // far
    q.push(99_999, 2); // near
    q.push(100_001, 3); // far
    expect(q.peekTime()).toBe(99_999);
    expect([q.pop(), q.pop(), q.pop()]).toEqual([2, 1, 3]);
    expect(q.peekTime()).toBe(Infinity);
  });

  it('a run is closed once its head is popped: a later push at that time goes after the rest of it', () => {
    const q = new EventQueue();
    q.push(10, 1);
    q.push(10, 2);
    q.push(10, 3);
    expect(q.pop()).toBe(1);
    expect(q.peekTime()).toBe(10);
    q.push(10, 4);
    q.push(10, 5);
    expect([q.pop(), q.pop(), q.pop(), q.pop(), q.pop()]).toEqual([2, 3, 4, 5, -1]);
  });

  it('pops a single item and is empty again', () => {
    const q = new EventQueue();
    q.push(7, 0);
    expect(q.pop()).toBe(0);
    expect(q.size).toBe(0);
    expect(q.peekTime()).toBe(Infinity);
    q.push(3, 0);
    q.push(2, 1);
    expect([q.pop(), q.pop()]).toEqual([1, 0]);
  });
  it('takes ids right up to and past its first chain size (1,024)', () => {
    const q = new EventQueue();
    for (let id = 0; id <= 1100; id++) q.push(id, id);
    q.push(5000, 1101);
    q.push(5000, 1102);
    const out: number[] = [];
    for (let x = q.pop(); x !== -1; x = q.pop()) out.push(x);
    expect(out).toEqual(Array.from({ length: 1103 }, (_, i) => i));
    // Id 1,024 heading a run: the link to the next item of the run must survive.
    const r = new EventQueue();
    r.push(5, 1024);
    r.push(5, 3);
    expect([r.pop(), r.pop(), r.pop()]).toEqual([1024, 3, -1]);
    // An id far past the chain's size heading a run.
    const far = new EventQueue();
    far.push(5, 7000);
    far.push(5, 3);
    expect([far.pop(), far.pop(), far.pop()]).toEqual([7000, 3, -1]);
  });

  it('orders equal times pushed apart (not one run) by insertion, through every sift', () => {
    const q = new EventQueue();
    const times = Array.from({ length: 500 }, (_, i) => (i * 7) % 5);
    times.forEach((t, i) => q.push(t, i));
    const out: number[] = [];
    for (let x = q.pop(); x !== -1; x = q.pop()) out.push(x);
    expect(out).toEqual(times.map((t, i) => [t, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, i]) => i));
  });
});
