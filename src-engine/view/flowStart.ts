// When the user's flow starts in a run: the control plane settles first, and a what-if's effect (a
// failed node's sessions timing out) comes before the flow, so the flow shows what changed.
import type { RunRequest, RunResult, SimTime } from '../protocol';
import { SECOND } from '../sim/timing';
import type { Topology } from '../topology/schema';

/** When the flow starts with no what-if: the control plane is long settled by then. */
export const FLOW_START: SimTime = SECOND;

/** When the flow starts: after the last what-if has taken effect (a failure needs the hold time). */
export function flowStartTime(topology: Pick<Topology, 'bgp'>, request: Pick<RunRequest, 'whatIf'>): SimTime {
  const whatIfs = request.whatIf ?? [];
  if (whatIfs.length === 0) return FLOW_START;
  const last = Math.max(...whatIfs.map((w) => w.at));
  const lastFails = whatIfs.some((w) => w.at === last && w.action === 'fail');
  const hold = (topology.bgp?.holdTime ?? 0) * SECOND;
  return Math.max(FLOW_START, last + (lastFails ? hold : 0) + 5 * SECOND);
}

/** When a run's first traced frame of the user's flow left (its DNS lookup, if any); undefined if none did. */
export function flowFirstFrameTime(result: Pick<RunResult, 'trace' | 'dnsTrace'>): SimTime | undefined {
  return ((result.dnsTrace ?? result.trace).hops[0] ?? result.trace.hops[0])?.time;
}
