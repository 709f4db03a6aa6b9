// Builds a run's playback steps (see timeline.ts). Loaded with the first run's result: linking each frame
// to the one that carried its packet reads the frames' bytes, so this brings the packet decoders.
import type { Protocol, RunResult, SimTime, Transmission } from '../../src-engine/protocol';
import { frameIdentity } from '../../src-engine/view/index';
import type { Timeline } from './timeline';

const ethSrc = (b: Uint8Array) => (b.length >= 12 ? Array.from(b.subarray(6, 12)).join(',') : '');

export function buildTimeline(result: RunResult, switchId: string): Timeline {
  const sorted = [...result.transmissions].sort((a, b) => a.time - b.time || a.id - b.id);
  // Steps are built in place (a flood of thousands of frames is one step: appending, never copying).
  const steps: { index: number; time: SimTime; arrive: SimTime; txIds: number[]; fromNode: string; protocols: Protocol[] }[] = [];
  const stepOfTx = new Map<number, number>();
  for (const t of sorted) {
    const last = steps[steps.length - 1];
    if (last && last.time === t.time && last.fromNode === t.fromNode) {
      last.arrive = Math.max(last.arrive, t.arrive);
      last.txIds.push(t.id);
      if (!last.protocols.includes(t.protocol)) last.protocols.push(t.protocol);
    } else {
      steps.push({ index: steps.length, time: t.time, arrive: t.arrive, txIds: [t.id], fromNode: t.fromNode, protocols: [t.protocol] });
    }
    stepOfTx.set(t.id, steps.length - 1);
  }

  const stepOfEvent = new Map<number, number>();
  const eventsOfStep: number[][] = steps.map(() => []);
  const events = result.events;
  // Events come in time order (RunResult.events), so the last step begun at or before each one only moves forward.
  let p = 0;
  for (const e of events) {
    let s: number | undefined;
    if (e.kind === 'transmission') s = stepOfTx.get(e.transmissionId);
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

/**
 * Of the frames that reached a node (latest first, those still in flight skipped), the one `t` forwards:
 * the same bytes, else the same packet (view's frameIdentity: a step may bring a BGP KEEPALIVE and an
 * UPDATE of one session, and each goes on as itself). A frame whose packet none of them carried starts
 * here; one whose packet cannot be told (neither IPv4 nor ARP) comes from the latest arrival.
 */
function samePacket(candidates: readonly Transmission[], t: Transmission): number | undefined {
  let identity: string | null | undefined = null;
  let latest: number | undefined;
  for (let i = candidates.length - 1; i >= 0; i--) {
    const c = candidates[i]!;
    if (c.arrive > t.time) continue;
    if (c.bytes === t.bytes) return c.id;
    latest ??= c.id;
    if (identity === null) identity = frameIdentity(t.bytes);
    if (identity === undefined) return latest;
    if (frameIdentity(c.bytes) === identity) return c.id;
  }
  return undefined;
}

/**
 * Arrivals are indexed by what a match needs (the receiving node and the flow, or at the switch the source
 * MAC of an unflowed frame), so each frame looks only at its own candidates, latest first, skipping just
 * the few still in flight: linear in frames, where scanning every arrival at a busy node was quadratic.
 */
function linkHops(sorted: readonly Transmission[], switchId: string): Map<number, number> {
  const arrivals = new Map<string, Transmission[]>();
  const cameFrom = new Map<number, number>();
  const keyOf = (node: string, t: Transmission) => (t.flowId !== undefined ? `${node}|f|${t.flowId}` : node === switchId ? `${node}|m|${ethSrc(t.bytes)}` : undefined);
  for (const t of sorted) {
    const key = keyOf(t.fromNode, t);
    const candidates = key === undefined ? undefined : arrivals.get(key);
    if (candidates) {
      const from = samePacket(candidates, t);
      if (from !== undefined) cameFrom.set(t.id, from);
    }
    if (t.toNode !== undefined) {
      const at = keyOf(t.toNode, t);
      if (at === undefined) continue;
      const list = arrivals.get(at);
      if (list) list.push(t);
      else arrivals.set(at, [t]);
    }
  }
  return cameFrom;
}

