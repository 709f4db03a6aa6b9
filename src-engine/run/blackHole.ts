// The hold-time black hole: a packet that died at a BGP next hop that is down (or behind a link that is down),
// forwarded there by a router that still held the peer's route because BGP had not noticed yet. Found from the trace's
// hops (which route sent the packet where) and the run's events (when the route went), as data.
import type { BlackHole, Disposition, FlowTrace, Hop, HopStep, SimEvent, SimTime } from '../protocol';
import { inCidr, ipToU32 } from '../net/addr';
import { SECOND, secondsText } from '../sim/timing';
import { isEvent } from '../view/events';
import type { World } from './world';

type RouteStep = Extract<HopStep, { kind: 'route' }>;

/**
 * The black hole the traced packet fell into, if it did: it ended at a node that is down or on a link that is
 * down (`disposition`, the trace's; a link down ends the trace after the hop that sent into it), or at the router
 * itself, whose ARP requests for the dead peer went unanswered once its cached MAC had aged out.
 */
export function findBlackHole(world: World, hops: readonly Hop[], disposition: Disposition, events: readonly SimEvent[], startedAt: SimTime): BlackHole | undefined {
  if (disposition !== 'node-down' && disposition !== 'link-down' && disposition !== 'neighbor-unreachable') return undefined;
  // The last router that chose a BGP route: its next hop is the dead peer.
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    const route = hop.steps.find((s): s is RouteStep => s.kind === 'route');
    if (!route) continue;
    if (route.source !== 'bgp' || !route.nextHop) return undefined;
    const speaker = world.bgp.get(hop.node);
    const session = speaker?.session(route.nextHop);
    if (!speaker || !session) return undefined;
    const peerNode = world.ctx.nameOf(ipToU32(route.nextHop));
    const removal = events.filter(isEvent('route-removed')).find((e) => e.time >= startedAt && e.node === hop.node && e.peer === route.nextHop && e.prefix === route.prefix);
    const cause = removal?.cause;
    const arp = disposition === 'neighbor-unreachable' ? { noArpAnswer: { reachableTime: world.nodes.get(hop.node)!.ip.arp.reachableTime } } : {};
    const common = { router: hop.node, peer: peerNode, peerAddress: route.nextHop, prefix: route.prefix, holdTime: session.holdTime, ...arp };
    if (removal) return { ...common, routeRemovedAt: removal.time, removedBy: cause === 'hold-timer-expired' || cause === 'tcp-gave-up' ? cause : 'other' };
    // The run ended with the route still in place: what ends the session first, the peer staying silent.
    const ends = session.ends ?? { at: session.lastHeard + session.holdTime * SECOND, by: 'hold-timer-expired' as const };
    return { ...common, routeRemovedAt: ends.at, removedBy: ends.by, runEndedAt: world.ctx.sched.now };
  }
  return undefined;
}

/** Why the attempt fell into the hole, and why BFD exists, in plain words. */
export function explainBlackHole(b: BlackHole, failedAt: SimTime | undefined, trace: Pick<FlowTrace, 'connection'> & Partial<Pick<FlowTrace, 'returnHops'>>, from?: string): string {
  const died = failedAt !== undefined ? ` ${b.peer} died at ${secondsText(failedAt)}, but` : '';
  const at = secondsText(b.routeRemovedAt);
  const by =
    b.runEndedAt !== undefined
      ? `The run ended at ${secondsText(b.runEndedAt)} with the route still in place. ` +
        (b.removedBy === 'tcp-gave-up'
          ? `${b.router} would remove it at ${at}, when TCP gives up retransmitting its unacknowledged KEEPALIVE to ${b.peer}, before the hold timer would`
          : `${b.router}'s hold timer would expire at ${at}; only then would it send NOTIFICATION (hold timer expired) and remove the route`)
      : b.removedBy === 'tcp-gave-up'
        ? `${b.router} removed the route at ${at}, when TCP gave up retransmitting its unacknowledged KEEPALIVE to ${b.peer}, before the hold timer would have`
        : b.removedBy === 'hold-timer-expired'
          ? `${b.router}'s hold timer expires at ${at}; only then does it send NOTIFICATION (hold timer expired) and remove the route`
          : `${b.router} removed the route at ${at}`;
  const syns = trace.connection && trace.connection.synTimes.length > 1 ? ` Every retransmitted SYN went the same way.` : '';
  const until = b.noArpAnswer
    ? `Until then every packet for ${b.prefix} ends at ${b.router}: ${noArpAnswerText(b, b.noArpAnswer.reachableTime, trace, from)}.`
    : `Until then ${b.router} forwards every packet for ${b.prefix} into the void.`;
  return (
    `black hole: ${b.router} still routes ${b.prefix} to ${b.peer} (${b.peerAddress}), a route learned over BGP${b.noArpAnswer ? ' and not yet withdrawn' : ''}.${died} BGP notices a silent peer only when ` +
    `nothing (no KEEPALIVE, no UPDATE) has come from it for the hold time, ${b.holdTime} s. ${by}. ${until}${syns} ` +
    `This is why BFD (Bidirectional Forwarding Detection, RFC 5880) exists: neighbours exchange small hellos every few hundred milliseconds, so a dead peer is noticed within a second and BGP withdraws its routes at once, instead of after ${b.holdTime} s`
  );
}

/** The hole seen at the router: no MAC for the dead peer any more, ARP unanswered, ICMP host unreachable back. */
function noArpAnswerText(b: BlackHole, reachableTime: SimTime, trace: Partial<Pick<FlowTrace, 'returnHops' | 'connection'>>, from: string | undefined): string {
  const icmp = trace.returnHops?.[0]?.layers.find((l) => l.type === 'ipv4');
  const sender = from ?? 'the sender';
  // A ping's own line is said after the whole explanation (pingSees), for every failed ping alike.
  const seen = icmp?.type === 'ipv4' && trace.connection ? `; ${sender}'s TCP takes that as a soft error (RFC 1122, 4.2.3.9) and keeps retransmitting its SYN` : '';
  return (
    `it no longer has ${b.peer}'s MAC address (Windows keeps an ARP entry for 15 to 45 s, ${b.router}'s for ${secondsText(reachableTime)}, unless the neighbour confirms it, and a dead one never does), ` +
    `so it asks who has ${b.peerAddress}, gets no answer, drops the packet and sends ICMP destination unreachable (host unreachable) back${seen}`
  );
}

/**
 * For an attempt after the routes went: which BGP routes covering the destination were removed
 * before it started, and why, so the loop or the missing route that follows is explained.
 */
export function explainWithdrawn(hops: readonly Hop[], events: readonly SimEvent[], startedAt: SimTime): string | undefined {
  const ip = hops[0]?.layers.find((l) => l.type === 'ipv4');
  if (!ip || ip.type !== 'ipv4') return undefined;
  const dst = ipToU32(ip.dst);
  const last = events.filter(isEvent('route-removed')).filter((e) => e.time < startedAt && inCidr(dst, e.prefix)).at(-1);
  if (!last) return undefined;
  const { prefix, cause } = last;
  const why = cause === 'hold-timer-expired' ? `its hold timer expired (no KEEPALIVE from ${last.peer} for the hold time)` : cause === 'tcp-gave-up' ? `TCP gave up retransmitting to ${last.peer}` : cause === 'withdrawn' ? `${last.peer} withdrew it` : `the session with ${last.peer} went down (${cause})`;
  return `${last.node} removed its BGP route ${prefix} at ${secondsText(last.time)} because ${why}; without it, ${last.node} routes ${ip.dst} by a less specific route`;
}
