// A run as playback steps. A step is the frames one node sends at one instant (a flood is one step);
// the playhead moves step by step, and every event of the run belongs to the step it happened in.
import type { Protocol, RunResult, SimTime, Transmission } from '../../src-engine/protocol';

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

const ethSrc = (b: Uint8Array) => (b.length >= 12 ? Array.from(b.subarray(6, 12)).join(',') : '');

export function buildTimeline(result: RunResult, switchId: string): Timeline {
  const sorted = [...result.transmissions].sort((a, b) => a.time - b.time || a.id - b.id);
  const steps: Step[] = [];
  const stepOfTx = new Map<number, number>();
  for (const t of sorted) {
    const last = steps[steps.length - 1];
    if (last && last.time === t.time && last.fromNode === t.fromNode) {
      steps[steps.length - 1] = {
        ...last,
        arrive: Math.max(last.arrive, t.arrive),
        txIds: [...last.txIds, t.id],
        protocols: last.protocols.includes(t.protocol) ? last.protocols : [...last.protocols, t.protocol],
      };
    } else {
      steps.push({ index: steps.length, time: t.time, arrive: t.arrive, txIds: [t.id], fromNode: t.fromNode, protocols: [t.protocol] });
    }
    stepOfTx.set(t.id, steps.length - 1);
  }

  const stepOfEvent = new Map<number, number>();
  const eventsOfStep: number[][] = steps.map(() => []);
  const events = [...result.events].sort((a, b) => a.time - b.time || a.id - b.id);
  // Events are in time order, so the last step begun at or before each one only moves forward.
  let p = 0;
  for (const e of events) {
    let s: number | undefined;
    if (e.transmissionId !== undefined) s = stepOfTx.get(e.transmissionId);
    else if (steps.length > 0) {
      while (p + 1 < steps.length && steps[p + 1]!.time <= e.time) p++;
      s = p;
    }
    if (s === undefined) continue;
    stepOfEvent.set(e.id, s);
    eventsOfStep[s]!.push(e.id);
  }

  return { steps, tx: new Map(sorted.map((t) => [t.id, t])), stepOfTx, stepOfEvent, eventsOfStep, cameFrom: linkHops(sorted, switchId) };
}

function linkHops(sorted: readonly Transmission[], switchId: string): Map<number, number> {
  const arrivals = new Map<string, Transmission[]>();
  const cameFrom = new Map<number, number>();
  for (const t of sorted) {
    const candidates = arrivals.get(t.fromNode) ?? [];
    let match: Transmission | undefined;
    for (let i = candidates.length - 1; i >= 0; i--) {
      const c = candidates[i]!;
      if (c.arrive > t.time) continue;
      if (t.flowId !== undefined ? c.flowId === t.flowId : t.fromNode === switchId && c.flowId === undefined && ethSrc(c.bytes) === ethSrc(t.bytes)) {
        match = c;
        break;
      }
    }
    if (match) cameFrom.set(t.id, match.id);
    if (t.toNode !== undefined) {
      const list = arrivals.get(t.toNode) ?? [];
      list.push(t);
      arrivals.set(t.toNode, list);
    }
  }
  return cameFrom;
}

/** The first step at or after `time`; the last step when none is. */
export function stepAtTime(steps: readonly Step[], time: SimTime): number {
  const i = steps.findIndex((s) => s.time >= time);
  return i >= 0 ? i : steps.length - 1;
}
