// Forwarding with route choice, as RRAS does it: the TTL, the route (among equal-cost routes, one per
// flow by hash), NAT on the outside interface, an ICMP redirect where the packet leaves by the
// interface it came in on, then ARP and send. Each decision is a function returning data; `forward`
// acts on them and records them.
import type { Layer } from '../packets/layers';
import { IPPROTO_TCP, IPPROTO_UDP } from '../packets/layers';
import { inPrefix } from '../net/addr';
import { adjustChecksum16, copyBytes } from '../net/codec';
import { ETH_HLEN, ipDst, ipHeaderLen, ipProto, ipSrc, ipTtl, l4DstPort, l4SrcPort } from '../net/frame';
import { flowHash } from '../net/hash';
import { Timing } from '../sim/timing';
import type { Ctx } from './context';
import { icmpError, redirectSent } from './icmp';
import type { Iface } from './iface';
import { forwardedNote, routeNote, noRouteForwarding, recordOutcome, routeStep, ttlExpired, ttlExpiredStep, ttlStep } from './ipExplain';
import { natStep, type Nat } from './nat';
import { dontFragment, FRAGMENTATION_NEEDED, packetSize, tooBigAtRouter } from './mtu';
import type { Route, RouteTable } from './routes';
import type { Note } from '../view/notes';

/** What forwarding needs from its stack. */
export interface ForwardStack {
  readonly node: { readonly id: string };
  readonly ctx: Ctx;
  readonly routes: RouteTable;
  readonly ifaces: readonly Iface[];
  readonly nat: Nat | undefined;
  readonly icmpRedirects: boolean;
  output(route: Route, dst: number, frame: Uint8Array, tag: number, why: Note, delay: number, errorAbout?: Uint8Array): void;
  originate(dst: number, protocol: number, payload: readonly Layer[], tag: number, why: Note): unknown;
}

/** What to do with a packet in transit: the route it leaves by, or why it cannot. */
export type ForwardVerdict = Route | 'ttl-expired' | 'no-route';

/** The flow hash's seed for equal-cost routes (not the MUX's: the two choices must not be correlated). */
const ECMP_SEED = 0x5eed;

export function forwardVerdict(routes: RouteTable, bytes: Uint8Array): ForwardVerdict {
  if (ipTtl(bytes, ETH_HLEN) <= 1) return 'ttl-expired';
  return chooseRoute(routes, bytes, ipDst(bytes, ETH_HLEN)) ?? 'no-route';
}

/** The longest-prefix route to `dst`; among equal-cost routes, the one the packet's 5-tuple hashes to. */
export function chooseRoute(routes: RouteTable, bytes: Uint8Array, dst: number): Route | undefined {
  const c = routes.candidates(dst);
  if (c.length <= 1) return c[0];
  const o = ETH_HLEN;
  const proto = ipProto(bytes, o);
  const t = o + ipHeaderLen(bytes, o);
  const ports = proto === IPPROTO_TCP || proto === IPPROTO_UDP;
  const hash = flowHash(ipSrc(bytes, o), dst, proto, ports ? l4SrcPort(bytes, t) : 0, ports ? l4DstPort(bytes, t) : 0, ECMP_SEED);
  return c[hash % c.length];
}

/** A copy of the packet with its TTL one less and the header checksum adjusted (RFC 1624). */
export function decrementTtl(bytes: Uint8Array): Uint8Array {
  const o = ETH_HLEN;
  const ttl = ipTtl(bytes, o);
  const out = copyBytes(bytes);
  out[o + 8] = ttl - 1;
  adjustChecksum16(out, o + 10, (ttl << 8) | out[o + 9]!, ((ttl - 1) << 8) | out[o + 9]!);
  return out;
}

/** RFC 1812 5.2.7.2: the packet leaves by the interface it came in on, and its source is on that link. */
export function wantsRedirect(route: Route, inIndex: number, inIface: Iface, src: number): boolean {
  return route.ifIndex === inIndex && inPrefix(src, inIface.network, inIface.len);
}

/** Forwards a packet in transit that arrived on `inIndex`. */
export function forward(stack: ForwardStack, inIndex: number, bytes: Uint8Array, tag: number): void {
  const { ctx } = stack;
  const { tracer } = ctx;
  const o = ETH_HLEN;
  const me = stack.node.id;
  const verdict = forwardVerdict(stack.routes, bytes);
  if (verdict === 'ttl-expired') {
    if (tag || ctx.rec.full) {
      const ttl = ipTtl(bytes, o);
      if (tag) tracer.step(tag, ttlExpiredStep(me, ttl));
      recordOutcome(ctx, me, tag, ttlExpired(me, ttl, ipSrc(bytes, o), ipDst(bytes, o)), bytes);
    }
    icmpError(stack, bytes, 'time-exceeded', 0, tracer.replyTag(tag));
    return;
  }
  const dst = ipDst(bytes, o);
  if (verdict === 'no-route') {
    if (tag || ctx.rec.full) recordOutcome(ctx, me, tag, noRouteForwarding(me, dst), bytes);
    icmpError(stack, bytes, 'destination-unreachable', 0, tracer.replyTag(tag));
    return;
  }
  const route = verdict;
  const ttl = ipTtl(bytes, o);
  if (tag) tracer.step(tag, routeStep(route, stack.ifaces[route.ifIndex]!, stack.routes.candidates(dst).length, ctx.nameOf));
  let out = decrementTtl(bytes);
  if (tag) tracer.step(tag, ttlStep(ttl));
  // What an ICMP error about this packet quotes and is sent back to: the packet as routed, before NAT rewrites its
  // source to this node's own outside address (an error sent there would never reach the sender; RFC 5508, 7).
  const routed = out;
  const nat = stack.nat;
  if (nat && route.ifIndex === nat.outsideIndex && inIndex !== nat.outsideIndex) {
    const translated = nat.translateOut(out);
    if (!translated) return;
    if (tag) tracer.step(tag, natStep(translated));
    out = translated.bytes;
  }
  const src = ipSrc(bytes, o);
  const egress = stack.ifaces[route.ifIndex]!;
  if (packetSize(out) > egress.mtu) {
    if (tag || ctx.rec.full) recordOutcome(ctx, me, tag, tooBigAtRouter(me, out, egress.mtu, egress.id), out);
    if (dontFragment(out)) icmpError(stack, bytes, 'destination-unreachable', FRAGMENTATION_NEEDED, tracer.replyTag(tag), undefined, egress.mtu);
    return;
  }
  if (stack.icmpRedirects && wantsRedirect(route, inIndex, stack.ifaces[inIndex]!, src)) {
    const gateway = route.nextHop || dst;
    if (ctx.rec.full) ctx.rec.event('info', me, redirectSent(me, gateway, bytes), 'icmp');
    icmpError(stack, bytes, 'redirect', 1, 0, gateway);
  }
  const why = tag || ctx.rec.full ? forwardedNote(me, dst, routeNote(route, stack.ifaces[route.ifIndex]!, ctx.nameOf), ttl) : '';
  stack.output(route, dst, out, tag, why, Timing.router, routed);
}
