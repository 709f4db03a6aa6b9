// A next hop that answered no ARP, explained from the topology and the run: who should have answered (a node
// that is down, an address no device has, a gateway out of the lab that the lab does not model), why the router
// sent there (its default route, for a network it has no route to), and what the sender's TCP makes of it.
import type { FlowTrace, HopStep, SimEvent } from '../protocol';
import { inCidr, ipToU32 } from '../net/addr';
import { secondsText } from '../sim/timing';
import { isNodeUpAt } from '../view/runState';
import type { World } from './world';
import { andList } from '../net/prose';

type Step<K extends HopStep['kind']> = Extract<HopStep, { kind: K }>;

/** The sentences after "X had no answer to ARP for its next hop Y"; undefined when the trace did not end so. */
export function explainNoNeighbour(world: World, trace: Pick<FlowTrace, 'hops' | 'returnHops' | 'connection'>, events: readonly SimEvent[], from: string): string | undefined {
  const last = trace.hops.at(-1);
  const arp = last?.steps.find((s): s is Step<'arp'> => s.kind === 'arp' && s.outcome === 'failed');
  if (!last || !arp) return undefined;
  const route = last.steps.find((s): s is Step<'route'> => s.kind === 'route');
  // The router's own link out being down comes first: no one could have heard its requests.
  const ownDown = route ? linkDownSince(events, last.node, route.interface, last.time) : undefined;
  if (route && ownDown !== undefined) {
    const parts = [`${last.node}'s own link ${route.interface} is down since ${secondsText(ownDown)}, so its ARP requests for ${arp.target} never left it`];
    const seen = senderSees(trace, from);
    if (seen) parts.push(seen);
    return parts.join('. ');
  }
  const parts = [whoShouldAnswer(world, arp.target, events, last.time)];
  const ip = trace.hops[0]!.layers.find((l) => l.type === 'ipv4');
  if (route?.prefix === '0.0.0.0/0' && ip?.type === 'ipv4') parts.unshift(defaultRouteTaken(world, last.node, ip.dst, arp.target));
  const seen = senderSees(trace, from);
  if (seen) parts.push(seen);
  return parts.join('. ');
}

/** Who has the next hop's address, and why it did not answer. */
function whoShouldAnswer(world: World, target: string, events: readonly SimEvent[], time: number): string {
  const address = ipToU32(target);
  const owner = world.ctx.nameOf(address);
  if (owner !== target) {
    if (!isNodeUpAt(events, owner, time)) {
      const failed = events.filter((e) => e.kind === 'node-failed' && e.node === owner && e.time <= time).at(-1);
      return `${owner} (${target}) is down${failed ? ` since ${secondsText(failed.time)}` : ''}, and a node that is down answers no ARP`;
    }
    const iface = world.topology.nodes.find((n) => n.id === owner)?.interfaces.find((f) => f.address.split('/')[0] === target);
    const down = iface ? linkDownSince(events, owner, iface.id, time) : undefined;
    if (iface && down !== undefined) return `${owner} (${target}) is up, but its link ${iface.id} is down since ${secondsText(down)}, so it never heard the ARP`;
    return `${owner} (${target}) did not answer`;
  }
  const network = world.topology.networks.find((n) => inCidr(address, n.prefix));
  if (!network) return `${target} is on none of this topology's networks`;
  if (network.gateway === target) {
    return `${target} is the gateway of ${network.label}, the router out of this lab, which the topology does not model: no device has its address, so nothing goes further that way`;
  }
  return `no device in ${network.label} has the address ${target}`;
}

/** The router had no route for the destination and used its default route; and where the destination is. */
function defaultRouteTaken(world: World, router: string, dst: string, via: string): string {
  const address = ipToU32(dst);
  const network = world.topology.networks.find((n) => inCidr(address, n.prefix));
  const used = `so it used its default route 0.0.0.0/0 via ${via}`;
  if (!network) return `${dst} is on none of this topology's networks and ${router} has no route for it, ${used}`;
  const members = world.topology.nodes.filter((n) => n.interfaces.some((f) => f.network === network.id)).map((n) => n.id);
  const where = members.length === 0 ? 'where no device has an address' : `where only ${andList(members)} ${members.length === 1 ? 'has' : 'have'} an address`;
  return `${dst} is in ${network.label}, ${where}, and ${router} has no route to it, ${used}`;
}

/** What the sender's TCP does with the ICMP host unreachable sent back: it keeps trying. */
function senderSees(trace: Pick<FlowTrace, 'returnHops' | 'connection'>, from: string): string | undefined {
  const first = trace.returnHops[0];
  const icmp = first?.layers.find((l) => l.type === 'icmp');
  const ip = first?.layers.find((l) => l.type === 'ipv4');
  if (icmp?.type !== 'icmp' || icmp.kind !== 'destination-unreachable' || ip?.type !== 'ipv4') return undefined;
  // A ping's line is said for every failed ping (pingSees); TCP's reaction only here.
  if (!trace.connection) return undefined;
  return `${from}'s TCP takes the ICMP host unreachable from ${ip.src} as a soft error (RFC 1122, 4.2.3.9): it keeps retransmitting its SYN, as if nothing had come back`;
}

/** When a what-if took `node`'s link `iface` down, if it was still down at `time` (the latest failure or restore before then). */
function linkDownSince(events: readonly SimEvent[], node: string, iface: string, time: number): number | undefined {
  const last = events.filter((e) => (e.kind === 'link-failed' || e.kind === 'link-restored') && e.node === node && e.interface === iface && e.time <= time).at(-1);
  return last?.kind === 'link-failed' ? last.time : undefined;
}
