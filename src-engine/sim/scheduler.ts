// The simulated clock and what happens on it: callbacks scheduled at microsecond times, run in
// time order. Timers can be cancelled (a BGP hold timer restarted, a TCP retransmission answered).
// A callback may take up to three arguments, so hot paths (a frame arriving at a port) schedule a
// function defined once with its data, allocating no closure; and the scheduler itself allocates
// nothing per event: what an event runs sits in one flat array, at a slot reused once it has run.
import { EventQueue } from './queue';
import type { SimTime } from '../protocol';

export interface Timer {
  cancelled: boolean;
}

// The arguments' types are the caller's business: `call` checks them against the callback's own.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Callback = (a: any, b: any, c: any) => void;

/** Fields per slot: callback, its three arguments, and the timer (or undefined). */
const STRIDE = 5;

export class Scheduler {
  now: SimTime = 0;
  /** Events run so far: the benchmark's unit of work. */
  processed = 0;
  private readonly queue = new EventQueue();
  private readonly slots: unknown[] = [];
  private readonly free: number[] = [];

  private add(time: SimTime, fn: Callback, a: unknown, b: unknown, c: unknown, timer: Timer | undefined): void {
    const slots = this.slots;
    const id = this.free.length > 0 ? this.free.pop()! : slots.length / STRIDE;
    const at = id * STRIDE;
    slots[at] = fn;
    slots[at + 1] = a;
    slots[at + 2] = b;
    slots[at + 3] = c;
    slots[at + 4] = timer;
    this.queue.push(time > this.now ? time : this.now, id);
  }

  /** Runs `fn` at an absolute simulated time (never in the past). */
  at(time: SimTime, fn: () => void): void {
    this.add(time, fn, undefined, undefined, undefined, undefined);
  }

  /** Runs `fn(a, b, c)` at `time`: the allocation-free form for per-frame events. */
  call<A, B, C>(time: SimTime, fn: (a: A, b: B, c: C) => void, a: A, b: B, c: C): void {
    this.add(time, fn, a, b, c, undefined);
  }

  /** Like `at`, but returns a handle whose cancellation skips the callback. */
  timer(time: SimTime, fn: () => void): Timer {
    const timer: Timer = { cancelled: false };
    this.add(time, fn, undefined, undefined, undefined, timer);
    return timer;
  }

  get pending(): number {
    return this.queue.size;
  }

  /** Runs events in order until none is left before `until` or `stop()` returns true. */
  run(until: SimTime, stop?: () => boolean): void {
    const queue = this.queue;
    const slots = this.slots;
    const free = this.free;
    while (queue.size > 0) {
      const time = queue.peekTime();
      if (time > until) break;
      const id = queue.pop();
      const at = id * STRIDE;
      const fn = slots[at] as Callback;
      const a = slots[at + 1];
      const b = slots[at + 2];
      const c = slots[at + 3];
      const timer = slots[at + 4] as Timer | undefined;
      // Let go of the event's data (frames, closures) now, not when the slot is next used.
      slots[at] = undefined;
      slots[at + 1] = undefined;
      slots[at + 2] = undefined;
      slots[at + 3] = undefined;
      slots[at + 4] = undefined;
      free.push(id);
      if (timer !== undefined && timer.cancelled) continue;
      this.now = time;
      this.processed++;
      fn(a, b, c);
      if (stop !== undefined && stop()) return;
    }
    if (until !== Infinity && this.now < until) this.now = until;
  }
}
