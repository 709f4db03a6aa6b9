// A hand-made timeline for the playback and selector tests: one step per entry, 100 µs apart, each frame
// arriving 20 µs after it leaves, every frame of the user's flow unless its entry says otherwise.
import type { Protocol, Transmission } from '../../../src-engine/protocol';
import type { Step, Timeline } from '../../model/timeline';

export interface StepSpec {
  readonly protocols: readonly Protocol[];
  /** Frame ids of the step; by default one frame, numbered as the step. */
  readonly txIds?: readonly number[];
  /** Frames that are not the user's (health probes, the control plane): no flow id. */
  readonly background?: readonly number[];
}

export function timelineOf(specs: readonly StepSpec[]): Timeline {
  const tx = new Map<number, Transmission>();
  const steps: Step[] = specs.map((spec, index) => {
    const txIds = spec.txIds ?? [index];
    for (const id of txIds) {
      tx.set(id, { id, time: index * 100, arrive: index * 100 + 20, fromNode: `N${index}`, fromInterface: 'eth0', protocol: spec.protocols[0]!, ...(spec.background?.includes(id) ? {} : { flowId: 'flow-1' }) } as unknown as Transmission);
    }
    return { index, time: index * 100, arrive: index * 100 + 20, txIds, fromNode: `N${index}`, protocols: spec.protocols };
  });
  return {
    steps,
    tx,
    stepOfTx: new Map(steps.flatMap((s) => s.txIds.map((id) => [id, s.index] as const))),
    stepOfEvent: new Map(),
    eventsOfStep: steps.map(() => []),
    cameFrom: new Map(),
  };
}
