import { describe, expect, it } from 'vitest';
import { afterNextFrame, FRAME_WAIT_MS, MEASURE_FROM, nextBatch, type FrameClock } from './afterFrame';

/** A clock whose frames and timers run when the test says. */
function fakeClock(hidden = false) {
  let next = 1;
  const frames = new Map<number, () => void>();
  const timers = new Map<number, { fn: () => void; ms: number }>();
  const clock: FrameClock = {
    requestAnimationFrame: (fn) => (frames.set(next, fn), next++),
    cancelAnimationFrame: (id) => void frames.delete(id),
    setTimeout: (fn, ms = 0) => (timers.set(next, { fn, ms }), next++),
    clearTimeout: (id) => void timers.delete(id),
    hidden: () => hidden,
  };
  const run = (map: Map<number, () => void>) => {
    const due = [...map.values()];
    map.clear();
    for (const fn of due) fn();
  };
  return {
    clock,
    frame: () => run(frames),
    /** Runs the timers due within `ms`. */
    tasks: (ms = 0) => {
      const due = [...timers].filter(([, t]) => t.ms <= ms);
      for (const [id] of due) timers.delete(id);
      for (const [, t] of due) t.fn();
    },
    pending: () => frames.size + timers.size,
  };
}

describe('afterNextFrame', () => {
  it('runs the work in a task after the next frame, not before it and not inside it', () => {
    const c = fakeClock();
    const ran: string[] = [];
    afterNextFrame(() => ran.push('work'), 200, c.clock);
    c.tasks(0);
    expect(ran).toEqual([]);
    c.frame();
    expect(ran).toEqual([]);
    c.tasks(0);
    expect(ran).toEqual(['work']);
    expect(c.pending()).toBe(0);
  });

  it('runs it once, after the fallback delay, when no frame comes (a hidden page draws none)', () => {
    const c = fakeClock();
    const ran: string[] = [];
    afterNextFrame(() => ran.push('work'), 200, c.clock);
    c.tasks(199);
    expect(ran).toEqual([]);
    c.tasks(200);
    expect(ran).toEqual(['work']);
    c.frame();
    c.tasks(0);
    expect(ran).toEqual(['work']);
    expect(c.pending()).toBe(0);
  });

  it('waits for the frame however long it takes while the page is shown, up to the fallback', () => {
    const c = fakeClock();
    const ran: string[] = [];
    afterNextFrame(() => ran.push('work'), undefined, c.clock);
    c.tasks(FRAME_WAIT_MS - 1);
    expect(ran).toEqual([]);
    c.tasks(FRAME_WAIT_MS);
    expect(ran).toEqual(['work']);
    expect(FRAME_WAIT_MS).toBe(5000);
  });

  it('does not wait for a frame on a hidden page (it draws none): the work runs in the next task', () => {
    const c = fakeClock(true);
    const ran: string[] = [];
    afterNextFrame(() => ran.push('work'), undefined, c.clock);
    c.tasks(0);
    expect(ran).toEqual(['work']);
    expect(c.pending()).toBe(0);
  });

  it('runs nothing once cancelled, before or after the frame', () => {
    const c = fakeClock();
    const ran: string[] = [];
    afterNextFrame(() => ran.push('a'), 200, c.clock)();
    const cancelB = afterNextFrame(() => ran.push('b'), 200, c.clock);
    c.frame();
    cancelB();
    c.tasks(1000);
    expect(ran).toEqual([]);
    expect(c.pending()).toBe(0);
  });
});

describe('nextBatch', () => {
  it('runs the next batch in a plain task while fewer than MEASURE_FROM nodes were mounted since the last frame', () => {
    const c = fakeClock();
    const ran: string[] = [];
    const seen = { count: 5 };
    nextBatch(() => ran.push('batch'), () => 5 + MEASURE_FROM - 1, seen, c.clock);
    expect(ran).toEqual([]);
    c.tasks(0);
    expect(ran).toEqual(['batch']);
    expect(seen.count).toBe(5);
    expect(c.pending()).toBe(0);
  });

  it('waits for a frame first once MEASURE_FROM nodes or more were mounted (the frame measures them)', () => {
    const c = fakeClock();
    const ran: string[] = [];
    const seen = { count: 5 };
    nextBatch(() => ran.push('batch'), () => 5 + MEASURE_FROM, seen, c.clock);
    c.tasks(0);
    expect(ran).toEqual([]);
    expect(seen.count).toBe(45);
    c.frame();
    c.tasks(0);
    expect(ran).toEqual(['batch']);
    // The next look finds the same nodes: no frame to wait for.
    nextBatch(() => ran.push('again'), () => 45, seen, c.clock);
    c.tasks(0);
    expect(ran).toEqual(['batch', 'again']);
    expect(MEASURE_FROM).toBe(40);
  });

  it('counts from the fewest seen: nodes that left the view and others that came make no frame wait until 40 came', () => {
    const c = fakeClock();
    const ran: number[] = [];
    const seen = { count: 20 };
    for (const now of [6, 30, 46]) {
      nextBatch(() => ran.push(now), () => now, seen, c.clock);
      c.tasks(0);
    }
    expect(ran).toEqual([6, 30]);
    expect(seen.count).toBe(46);
  });

  it('runs nothing once cancelled, whether it was waiting for its task or for the frame', () => {
    const c = fakeClock();
    const ran: string[] = [];
    nextBatch(() => ran.push('a'), () => 1, { count: 1 }, c.clock)();
    const cancelB = nextBatch(() => ran.push('b'), () => 90, { count: 1 }, c.clock);
    c.tasks(0);
    cancelB();
    c.frame();
    c.tasks(1000);
    expect(ran).toEqual([]);
    expect(c.pending()).toBe(0);
  });
});
