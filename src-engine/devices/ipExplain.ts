// The sentences of the IP layer's decisions, for students: a hop's route and TTL steps, and how a packet
// ends (dropped, delivered). The decisions themselves (ipInput, forward, icmp) return data; these turn
// that data into text, and `recordOutcome` hands it to the recorders. Nothing here is built for an
// untraced packet in a run that keeps no events.
import type { Disposition, DropReason, HopStep, Protocol } from '../protocol';
import { cidrText, numToMac, u32ToIp } from '../net/addr';
import type { Ctx } from './context';
import type { Iface } from './iface';
import type { Route } from './routes';
import { routeText, type Note, type RouteNote } from '../view/notes';

/** How a packet ends at a node, in words: the trace's disposition and reason, and the run's event. */
export interface Outcome {
  readonly disposition: Disposition;
  /** The trace's reason: one line, what happened. */
  readonly reason: string;
  /** The hop's "why": what the student reads beside it. */
  readonly why: string;
  /** The 'drop' event, when the run records one: its summary and reason. */
  readonly event?: { readonly summary: string; readonly reason: DropReason };
  readonly protocol?: Protocol;
}

/** Records an outcome: the run's drop event (if any), then the end of the traced packet `tag`. */
export function recordOutcome(ctx: Pick<Ctx, 'rec' | 'tracer'>, node: string, tag: number, outcome: Outcome, bytes: Uint8Array | undefined): void {
  if (outcome.event !== undefined) ctx.rec.eventWith('drop', node, outcome.event.summary, { reason: outcome.event.reason }, outcome.protocol);
  if (tag) ctx.tracer.end(tag, outcome.disposition, outcome.reason, bytes, outcome.why);
}

/** A route's words for a note (view/notes.ts), made once per route: a route is the same object for as long as it is installed. */
const routeNotes = new WeakMap<Route, RouteNote>();
export function routeNote(route: Route, iface: Iface, nameOf: (ip: number) => string): RouteNote {
  let words = routeNotes.get(route);
  if (words === undefined) {
    words = { network: route.network, len: route.len, nextHop: route.nextHop, via: route.nextHop ? nameOf(route.nextHop) : iface.id, source: route.source, ...(route.peer !== undefined ? { peer: route.peer } : {}) };
    routeNotes.set(route, words);
  }
  return words;
}

/** "route 192.168.133.0/24 via 192.168.200.2 (BGPVM), static". */
export const describeRoute = (route: Route, iface: Iface, nameOf: (ip: number) => string): string => routeText(routeNote(route, iface, nameOf));

/** The hop's route step; `equalCost` is how many equal-cost routes the flow hash chose among. */
export function routeStep(route: Route, iface: Iface, equalCost: number, nameOf: (ip: number) => string): HopStep {
  const prefix = cidrText(route.network, route.len);
  const from = route.peer !== undefined ? { from: route.peer } : {};
  const nh = route.nextHop ? { nextHop: u32ToIp(route.nextHop) } : {};
  const text = `route ${prefix} ${route.nextHop ? `via ${u32ToIp(route.nextHop)} (${nameOf(route.nextHop)})` : 'on-link'} out of ${iface.id}, source ${route.source}${route.peer ? ` from ${route.peer}` : ''}${equalCost > 1 ? `, one of ${equalCost} equal-cost routes picked by flow hash` : ''}`;
  return { kind: 'route', prefix, ...nh, interface: iface.id, source: route.source, ...from, text };
}

export const ttlStep = (before: number): HopStep => ({ kind: 'ttl', before, after: before - 1, text: `TTL ${before} -> ${before - 1}` });

export const ttlExpiredStep = (me: string, ttl: number): HopStep => ({ kind: 'ttl', before: ttl, after: 0, text: `TTL ${ttl} would reach 0: ${me} discards the packet` });

/** The note of a forwarded packet: its data; the words are view/notes.ts's, made when read. */
export const forwardedNote = (node: string, dst: number, route: RouteNote, ttl: number): Note => ({ key: 'forwarded', node, dst, route, ttl });

/** The note of a packet this node sends: the reason it sends it, then the route. */
export const originatedNote = (node: string, why: Note, route: RouteNote): Note => ({ key: 'originated', node, why, route });

export const badChecksum = (me: string): Outcome => ({
  disposition: 'bad-checksum',
  reason: `${me} received the packet with a wrong IPv4 header checksum`,
  why: `The IPv4 header checksum does not match the header, so it was corrupted on the way and none of its fields can be trusted: ${me} drops the packet silently, with no ICMP error (RFC 1812, 5.2.2).`,
  event: { summary: `${me}: IPv4 header checksum wrong, packet dropped`, reason: 'bad-checksum' },
});

export const notARouter = (me: string, dst: number): Outcome => ({
  disposition: 'not-a-router',
  reason: `${me} does not forward packets and ${u32ToIp(dst)} is not its address`,
  why: `${me} is an end host, so it drops a packet not addressed to it.`,
  event: { summary: `${me} is not a router: packet to ${u32ToIp(dst)} dropped`, reason: 'not-a-router' },
});

export const noProtocolHandler = (me: string, proto: number): Outcome => ({
  disposition: 'no-listener',
  reason: `${me} has nothing listening for IP protocol ${proto}`,
  why: 'No handler for this protocol.',
});

export const ttlExpired = (me: string, ttl: number, src: number, dst: number): Outcome => ({
  disposition: 'ttl-exceeded',
  reason: `the TTL ran out at ${me}`,
  why: `${me} received the packet with TTL ${ttl}; forwarding would make it 0, so it drops it and sends ICMP time exceeded to ${u32ToIp(src)}.`,
  event: { summary: `${me}: TTL expired for ${u32ToIp(src)} -> ${u32ToIp(dst)}, ICMP time exceeded sent`, reason: 'ttl-exceeded' },
  protocol: 'icmp',
});

export const noRouteForwarding = (me: string, dst: number): Outcome => ({
  disposition: 'no-route',
  reason: `${me} has no route to ${u32ToIp(dst)}`,
  why: `${me}'s routing table has no prefix containing ${u32ToIp(dst)} and no default route, so it drops the packet and sends ICMP destination unreachable.`,
  event: { summary: `${me}: no route to ${u32ToIp(dst)}`, reason: 'no-route' },
});

export const noRouteOriginating = (me: string, dst: number): Outcome => ({
  disposition: 'no-route',
  reason: `${me} has no route to ${u32ToIp(dst)}`,
  why: `${me}'s routing table has no prefix containing ${u32ToIp(dst)}.`,
  event: { summary: `${me}: no route to ${u32ToIp(dst)}`, reason: 'no-route' },
});

/**
 * A next hop that answered none of `tries` ARP requests; `icmpSent`: a router forwarding someone's packet, which
 * tells the sender with ICMP host unreachable (RFC 1812, 5.2.7.1). A next hop no node has is said to be so,
 * not named by its own address twice.
 */
export function neighborUnreachable(me: string, nextHop: number, nameOf: (ip: number) => string, tries: number, icmpSent: boolean): Outcome {
  const ip = u32ToIp(nextHop);
  const name = nameOf(nextHop);
  const who = name === ip ? ip : `${ip} (${name})`;
  return {
    disposition: 'neighbor-unreachable',
    reason: `${me} had no answer to ARP for its next hop ${who}`,
    why:
      `${me} asked ${tries} times who has ${ip} (ARP request, broadcast) and nobody answered${name === ip ? ': no device in this topology has that address' : ''}. ` +
      `Without the next hop's MAC address the frame cannot be sent, so ${me} drops the packet${icmpSent ? ' and sends ICMP destination unreachable (host unreachable) to its sender' : ''}.`,
  };
}

/** The hop's ARP step: the next hop's MAC, and whether the cache or a reply gave it. */
export function arpStep(nextHop: number, mac: number | undefined, outcome: 'cached' | 'resolved' | 'failed', tries: number): HopStep {
  const text = mac === undefined ? `ARP for ${u32ToIp(nextHop)} failed: no answer after ${tries} requests` : `${u32ToIp(nextHop)} is at ${numToMac(mac)} (${outcome === 'cached' ? 'ARP cache' : 'ARP reply'})`;
  return { kind: 'arp', target: u32ToIp(nextHop), ...(mac !== undefined ? { mac: numToMac(mac) } : {}), outcome, text };
}
