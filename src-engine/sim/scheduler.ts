// The simulated clock and what happens on it: callbacks scheduled at microsecond times, run in
// time order. Timers can be cancelled (a BGP hold timer restarted, a TCP retransmission answered).
// A callback may take two arguments, so hot paths (a frame arriving at a port) schedule without
// allocating a closure.
import { EventQueue } from './queue';
import type { SimTime } from '../protocol';

export interface Timer {
  cancelled: boolean;
}

type Callback = (a: unknown, b: unknown) => void;

interface Entry {
  readonly fn: Callback;
  readonly a: unknown;
  readonly b: unknown;
  readonly timer: Timer | undefined;
}

export class Scheduler {
  now: SimTime = 0;
  /** Events run so far: the benchmark's unit of work. */
  processed = 0;
  private readonly queue = new EventQueue<Entry>();

  private entry(fn: Callback, a: unknown, b: unknown, timer: Timer | undefined): Entry {
    return { fn, a, b, timer };
  }

  /** Runs `fn` at an absolute simulated time (never in the past). */
  at(time: SimTime, fn: () => void): void {
    this.queue.push(time > this.now ? time : this.now, this.entry(fn as Callback, undefined, undefined, undefined));
  }

  /** Runs `fn(a, b)` at `time`: the allocation-free form for per-frame events. */
  call<A, B>(time: SimTime, fn: (a: A, b: B) => void, a: A, b: B): void {
    this.queue.push(time > this.now ? time : this.now, this.entry(fn as Callback, a, b, undefined));
  }

  /** Like `at`, but returns a handle whose cancellation skips the callback. */
  timer(time: SimTime, fn: () => void): Timer {
    const timer: Timer = { cancelled: false };
    this.queue.push(time > this.now ? time : this.now, this.entry(fn as Callback, undefined, undefined, timer));
    return timer;
  }

  get pending(): number {
    return this.queue.size;
  }

  /** Runs events in order until none is left before `until` or `stop()` returns true. */
  run(until: SimTime, stop?: () => boolean): void {
    const queue = this.queue;
    while (queue.size > 0 && queue.peekTime() <= until) {
      const time = queue.peekTime();
      const entry = queue.pop()!;
      if (entry.timer?.cancelled) continue;
      this.now = time;
      this.processed++;
      entry.fn(entry.a, entry.b);
      if (stop?.()) return;
    }
    if (until !== Infinity && this.now < until) this.now = until;
  }
}
