// What every device is handed: the clock, the run's seed (each device derives its own random stream
// from it, see createDeviceRng), the recorders, and a way to name an address's owner in the sentences
// written for students.
import type { Scheduler } from '../sim/scheduler';
import type { Recorder } from '../trace/recorder';
import type { Tracer } from '../trace/tracer';

export interface Ctx {
  readonly sched: Scheduler;
  readonly seed: number;
  readonly rec: Recorder;
  readonly tracer: Tracer;
  /** "BGPVM" for 192.168.100.1; the dotted address when no node has it. */
  nameOf(ip: number): string;
}
