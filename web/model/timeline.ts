// A run as playback steps. A step is the frames one node sends at one instant (a flood is one step);
// the playhead moves step by step, and every event of the run belongs to the step it happened in.
import type { Protocol, SimTime, Transmission } from '../../src-engine/protocol';

export interface Step {
  readonly index: number;
  readonly time: SimTime;
  /** When its last frame arrives. */
  readonly arrive: SimTime;
  readonly txIds: readonly number[];
  readonly fromNode: string;
  readonly protocols: readonly Protocol[];
}

export interface Timeline {
  readonly steps: readonly Step[];
  readonly tx: ReadonlyMap<number, Transmission>;
  readonly stepOfTx: ReadonlyMap<number, number>;
  readonly stepOfEvent: ReadonlyMap<number, number>;
  /** Event ids of each step, in order. */
  readonly eventsOfStep: readonly (readonly number[])[];
  /**
   * The frame each transmission forwards: the one that brought the same packet into its sender
   * (same flow; at the switch, same source MAC). Absent where the packet starts.
   */
  readonly cameFrom: ReadonlyMap<number, number>;
}

/** The first step at or after `time`; the last step when none is (binary search: steps are in time order). */
export function stepAtTime(steps: readonly Step[], time: SimTime): number {
  let lo = 0;
  let hi = steps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (steps[mid]!.time >= time) hi = mid;
    else lo = mid + 1;
  }
  return lo < steps.length ? lo : steps.length - 1;
}
