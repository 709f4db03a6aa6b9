// What every device is handed: the clock, the seeded RNG, the recorders, and a way to name an
// address's owner in the sentences written for students.
import type { Rng } from '../sim/rng';
import type { Scheduler } from '../sim/scheduler';
import type { Recorder } from '../trace/recorder';
import type { Tracer } from '../trace/tracer';

export interface Ctx {
  readonly sched: Scheduler;
  readonly rng: Rng;
  readonly rec: Recorder;
  readonly tracer: Tracer;
  /** "BGPVM" for 192.168.100.1; the dotted address when no node has it. */
  nameOf(ip: number): string;
}
