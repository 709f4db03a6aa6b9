// A router's decision in the words of a student who has never read a routing table: which device the packet goes
// to next, and why (the route that sends it there, what kind of route that is). The trace's own sentence ("NATVM
// routes 192.168.100.2 by route 192.168.100.0/24 via 192.168.200.2 (BGPVM), static; TTL 128 -> 127.") is a
// routing table's row; the lessons say it from the same data, the hop's route step.
import { maskOf, parseCidr, u32ToIp } from '../net/addr';
import type { EventOf, FlowTrace, Hop, HopStep } from '../protocol';
import { durationText } from '../sim/timing';
import { readEndpoint } from '../view/ids';
import { deviceHops, ipv4, stepOf, type RunQuery } from './query';

/** The device that sends packets from an address (a BGP peer is named by its node, not its number). */
const nodeWithAddress = (q: RunQuery, address: string): string | undefined => q.frame((f) => ipv4(f, 'outer')?.src === address)?.tx.fromNode;

/** A BGP peer as a route names it ("192.168.100.6 (AS 64628)"), by its device: "MuxVM". */
export function peerName(q: RunQuery, from: string | undefined): string {
  const address = from?.split(' ')[0];
  return (address !== undefined && nodeWithAddress(q, address)) || from || 'a neighbour';
}

/** "192.168.100.0/24 (192.168.100.0 to 192.168.100.255)", "192.168.133.74/32 (that one address)". */
export function rangeWords(prefix: string): string {
  const { network, len } = parseCidr(prefix);
  if (len === 32) return `${prefix} (that one address)`;
  return `${prefix} (${u32ToIp(network)} to ${u32ToIp((network | ~maskOf(len)) >>> 0)})`;
}

/**
 * Why `at`'s device sends the packet on to `next`, from the route its hop used: "NATVM looks up the packet's
 * destination, ... The most specific range that holds it is ..., a static route: ... It says: hand the packet to
 * 192.168.200.2, which is BGPVM." Undefined for a hop that used no route (a switch, VFP).
 */
export function nextDeviceWhy(q: RunQuery, at: Hop, next: string): string | undefined {
  const route = stepOf(at, 'route');
  const f = at.transmissionId !== undefined ? q.byTx(at.transmissionId) : undefined;
  // The address the route was looked up for: a packet inside a packet (VXLAN) is routed by its outer header.
  const dst = f && ipv4(f, 'outer')?.dst;
  if (!route || dst === undefined) return undefined;
  const node = at.node;
  const lookUp = `${node} looks up the packet's destination, ${dst}, in its routing table, its list of address ranges and where to send packets for each.`;
  let match: string;
  if (parseCidr(route.prefix).len === 0) {
    match = `Only its default route holds it: ${route.prefix}, which holds every address, for wherever ${node} has no more specific route to.`;
  } else {
    const kind =
      route.source === 'connected'
        ? `a connected route: ${node} has a network card on that network itself`
        : route.source === 'bgp'
          ? `a BGP route: ${peerName(q, route.from)} announced it over BGP`
          : route.source === 'redirect'
            ? 'a route an ICMP redirect told it to use'
            : "a static route: the network's administrator wrote it in";
    match = `The most specific range that holds it is ${rangeWords(route.prefix)}, ${kind}.`;
  }
  // The route step's text says when a hash chose among equally good routes ("one of 2 equal-cost routes picked by flow hash").
  const equal = /one of (\d+) equal-cost routes/.exec(route.text)?.[1];
  const hash = equal ? ` It is one of ${equal} equally good routes, and a hash of the connection's addresses and ports picked this one.` : '';
  const then = route.nextHop !== undefined ? `It says: hand the packet to ${route.nextHop}, which is ${next}.` : `No router is needed: ${node} hands the packet straight to ${next}.`;
  return `${lookUp} ${match}${hash} ${then}`;
}

/** "from ClientVM through NATVM and BGPVM to ADVM": a path of devices, said, not drawn with arrows. */
export function pathWords(nodes: readonly string[]): string {
  if (nodes.length < 2) return nodes.length === 1 ? `only ${nodes[0]!}` : 'nowhere';
  const between = nodes.slice(1, -1);
  const through = between.length === 0 ? ' straight' : ` through ${between.length === 1 ? between[0]! : `${between.slice(0, -1).join(', ')} and ${between.at(-1)!}`}`;
  return `from ${nodes[0]!}${through} to ${nodes.at(-1)!}`;
}

/** "192.168.100.9 port 443" from "192.168.100.9:443": an endpoint as a sentence says it. */
export function endpointWords(text: string): string {
  const e = readEndpoint(text);
  return e.port === undefined ? e.address : `${e.address} port ${e.port}`;
}

type RouteStep = Extract<HopStep, { kind: 'route' }>;
/** "static route for 192.168.133.0/24", "default route, 0.0.0.0/0,": a route by its kind and range. */
const routeName = (r: RouteStep) => (parseCidr(r.prefix).len === 0 ? `default route, ${r.prefix},` : `${r.source === 'bgp' ? 'BGP' : r.source} route for ${r.prefix}`);

/**
 * How a packet caught in a routing loop ends, from its trace's hops: which route at each router sends it on,
 * and the TTL running out. The trace's own reason ("routing loop between NATVM and BGPVM: for ..., NATVM matches
 * 192.168.133.0/24 (static) via 192.168.200.2, while ...") is a log's; undefined when the hops show no loop.
 */
export function loopWhy(q: RunQuery, trace: FlowTrace): string | undefined {
  const devices = deviceHops(trace.hops, q.switchId);
  const routed = devices.filter((h) => stepOf(h, 'route') && stepOf(h, 'ttl'));
  const counts = new Map<string, number>();
  for (const h of routed) counts.set(h.node, (counts.get(h.node) ?? 0) + 1);
  const looping = [...counts].filter(([, n]) => n > 1).map(([node]) => node);
  const last = devices.at(-1);
  const end = last && stepOf(last, 'ttl');
  const start = routed[0] && stepOf(routed[0], 'ttl');
  const first = trace.hops[0];
  const f = first?.transmissionId !== undefined ? q.byTx(first.transmissionId) : undefined;
  const dst = f && ipv4(f)?.dst;
  if (looping.length < 2 || !last || !end || !start || !first || dst === undefined || !stepOf(last, 'dropped')) return undefined;
  const parts = looping.map((node, i) => {
    const at = devices.findIndex((h) => h.node === node && stepOf(h, 'route'));
    const next = devices[at + 1]?.node;
    const way = i === 0 ? 'to' : i === looping.length - 1 ? 'back to' : 'on to';
    return `${node}'s ${routeName(stepOf(devices[at], 'route')!)} sends it ${way} ${next ?? 'the next router'}`;
  });
  const sender = first.node;
  return (
    `The SYN goes round in a circle. For ${dst}, ${parts.slice(0, -1).join(', ')}, and ${parts.at(-1)!}: ${looping.length === 2 ? 'neither has' : 'none of them has'} a more specific route. ` +
    `Each router takes one off the TTL, which ${sender} set to ${start.before}: after ${routed.length} router hops it is down to ${end.before}, ` +
    `and ${last.node}, which would take it to 0, drops the SYN and sends ${sender} an ICMP "time exceeded" message.`
  );
}

/**
 * What VFP does to a reply on its way out of the host, in words: the device and which of its network cards the reply
 * comes from (the trace's "VFP on PortalVM.eth0 ..." names a switch port), the source put back, and where it goes next.
 */
export function vfpReplyWhy(q: RunQuery, trace: FlowTrace): string | undefined {
  const hops = trace.returnHops;
  const at = hops.findIndex((h) => h.steps.some((s) => s.kind === 'rewrite' && s.by === 'vfp'));
  const rw = hops[at]?.steps.find((s): s is Extract<HopStep, { kind: 'rewrite' }> => s.kind === 'rewrite' && s.by === 'vfp');
  const from = hops.slice(0, Math.max(at, 0)).filter((h) => h.node !== q.switchId).at(-1);
  if (!rw || !from) return undefined;
  const next = hops.slice(at + 1).find((h) => h.node !== q.switchId)?.node;
  const viaMux = deviceHops(hops, q.switchId).some((h) => /^Mux/.test(h.node));
  const then = next === undefined ? '' : viaMux ? ` Then it goes on to ${next}.` : ` Then it goes straight on to ${next}, not back through the MUX: this is Direct Server Return.`;
  return (
    `The reply leaves ${from.node} through its network card with the DIP, ${readEndpoint(rw.before).address}, and enters the host's virtual switch. ` +
    `VFP, which filters that card's traffic, finds the connection it recorded on the way in and puts the VIP back as the source: ${endpointWords(rw.before)} becomes ${endpointWords(rw.after)}.${then}`
  );
}

/**
 * A client's failed connection, said for a chapter's end: how many SYNs over how long, and the retransmission limit
 * in plain words (the event's "(Windows: TcpMaxConnectRetransmissions 2, first retransmission timeout (RTO) 3 s)").
 */
export function gaveUpWords(gave: EventOf<'tcp-gave-up'>): string {
  return `${gave.node} gave up on the connection: it sent ${gave.retransmissions + 1} SYNs over ${durationText(gave.time - gave.firstSent)} and no SYN-ACK came back`;
}

/**
 * What a client does when no SYN-ACK comes, from its retransmissions' times: "sent the SYN again 3 s after the first,
 * and again 6 s after that ... gave up: 3 SYNs in 21 s". The events' own lines read "retransmits its SYN to
 * 192.168.133.74:443 (retransmission 1 of 2, next wait 6 s)" and end in Windows' setting names.
 */
export function retriesWhy(retries: readonly EventOf<'tcp-retransmit'>[], gave: EventOf<'tcp-gave-up'>): string {
  if (retries.length === 0) return `No SYN-ACK came back, and ${gave.node} gave up after ${durationText(gave.time - gave.firstSent)} without sending the SYN again.`;
  const times = [gave.firstSent, ...retries.map((e) => e.time)];
  const waits = [...times.slice(1), gave.time].map((t, i) => t - times[i]!);
  const again = retries.map((_, i) => `again ${durationText(waits[i]!)} ${i === 0 ? 'after the first' : i === 1 ? 'after that' : 'later'}`);
  const doubling = waits.every((w, i) => i === 0 || w === 2 * waits[i - 1]!);
  return (
    `No SYN-ACK came back, so ${gave.node} sent the SYN ${again.length > 1 ? `${again.slice(0, -1).join(', ')}, and ${again.at(-1)!}` : again[0]!}: ` +
    `${doubling ? 'it waits twice as long each time' : 'it waits longer each time'}. After ${durationText(waits.at(-1)!)} more with no answer it gave up: ` +
    `${retries.length + 1} SYNs in ${durationText(gave.time - gave.firstSent)}. TCP only repeats itself: it does not ask DNS again or look for another MUX.`
  );
}

/** Why a BGP route went, in words: "BGPVM removed its route to 192.168.133.74/32 through MuxVM2 (192.168.100.8): TCP gave up ...". */
export function routeRemovedWords(q: RunQuery, e: EventOf<'route-removed'>): string {
  const peer = nodeWithAddress(q, e.peer);
  const name = peer ?? e.peer;
  const cause =
    e.cause === 'tcp-gave-up'
      ? `TCP gave up resending to ${name}, and the BGP session with it went down`
      : e.cause === 'hold-timer-expired'
        ? `it heard nothing from ${name} for the whole hold time, and the BGP session with it went down`
        : e.cause === 'withdrawn'
          ? `${name} withdrew it in an UPDATE`
          : e.cause === 'notification-received'
            ? `${name} closed the BGP session with a NOTIFICATION`
            : e.cause === 'replaced'
              ? 'a newer announcement replaced it'
              : `the BGP session with ${name} went down`;
  return `${e.node} removed its route to ${e.prefix} through ${peer ? `${peer} (${e.peer})` : e.peer}: ${cause}.`;
}
