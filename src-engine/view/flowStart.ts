// When the user's flow starts in a run: the control plane settles first, and a what-if's effect (a
// failed node's sessions timing out) comes before the flow, so the flow shows what changed.
import type { RunRequest, RunResult, SimTime } from '../protocol';
import { SECOND } from '../sim/timing';
import type { Topology } from '../topology/schema';

/** When the flow starts with no what-if: the control plane is long settled by then. */
export const FLOW_START: SimTime = SECOND;

/** How long after a what-if an attempt starts: the failure has happened, the hold timer still runs. */
const AFTER_WHAT_IF = 5 * SECOND;

/**
 * When each attempt of the flow starts. Given times win. Otherwise one attempt once the what-ifs have
 * taken effect; when the last what-if fails a BGP speaker (a MUX), two: one while its peers still hold
 * its routes (the hold-time black hole) and one after their hold timer expired.
 */
export function flowTimes(topology: Pick<Topology, 'bgp'>, request: Pick<RunRequest, 'whatIf' | 'flowAt'>): SimTime[] {
  if (request.flowAt && request.flowAt.length > 0) return [...request.flowAt].sort((a, b) => a - b);
  const whatIfs = request.whatIf ?? [];
  if (whatIfs.length === 0) return [FLOW_START];
  const last = Math.max(...whatIfs.map((w) => w.at));
  const lastFails = whatIfs.filter((w) => w.at === last && w.action === 'fail');
  const hold = (topology.bgp?.holdTime ?? 0) * SECOND;
  const speakers = new Set((topology.bgp?.speakers ?? []).map((s) => s.node.toLowerCase()));
  const failsSpeaker = lastFails.some((w) => !w.target.includes(':') && speakers.has(w.target.toLowerCase()));
  if (failsSpeaker && hold > 0) return [Math.max(FLOW_START, last + AFTER_WHAT_IF), last + hold + AFTER_WHAT_IF];
  return [Math.max(FLOW_START, last + (lastFails.length > 0 ? hold : 0) + AFTER_WHAT_IF)];
}

/** When the (first) flow starts. */
export function flowStartTime(topology: Pick<Topology, 'bgp'>, request: Pick<RunRequest, 'whatIf' | 'flowAt'>): SimTime {
  return flowTimes(topology, request)[0]!;
}

/** When a run's first traced frame of the user's flow left (its DNS lookup, if any); undefined if none did. */
export function flowFirstFrameTime(result: Pick<RunResult, 'trace' | 'dnsTrace'>): SimTime | undefined {
  return ((result.dnsTrace ?? result.trace).hops[0] ?? result.trace.hops[0])?.time;
}
