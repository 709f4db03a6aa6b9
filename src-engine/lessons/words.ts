// A router's decision in the words of a student who has never read a routing table: which device the packet goes
// to next, and why (the route that sends it there, what kind of route that is). The trace's own sentence ("NATVM
// routes 192.168.100.2 by route 192.168.100.0/24 via 192.168.200.2 (BGPVM), static; TTL 128 -> 127.") is a
// routing table's row; the lessons say it from the same data, the hop's route step.
import { maskOf, parseCidr, u32ToIp } from '../net/addr';
import type { Hop } from '../protocol';
import { ipv4, stepOf, type RunQuery } from './query';

/** The device that sends packets from an address (a BGP peer is named by its node, not its number). */
const nodeWithAddress = (q: RunQuery, address: string): string | undefined => q.frame((f) => ipv4(f, 'outer')?.src === address)?.tx.fromNode;

/** A BGP peer as a route names it ("192.168.100.6 (AS 64628)"), by its device: "MuxVM". */
function peerName(q: RunQuery, from: string | undefined): string {
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
