// IPv4 input and delivery at a node: an arriving frame is ARP, a corrupted header, a packet for this
// node (after NAT's inbound translation) or one in transit (for the SLB MUX, the router, or dropped by
// an end host). Delivery hands a local packet to TCP, UDP or ICMP. `classifyInput` decides from the
// bytes alone; `ipInput` acts on its verdict and records it.
import { IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP } from '../packets/layers';
import { u32ToIp } from '../net/addr';
import { onesSum } from '../net/codec';
import { ETH_HLEN, etherType, ipDst, ipHeaderLen, ipProto, ipSrc } from '../net/frame';
import type { Layer } from '../packets/layers';
import type { Ctx } from './context';
import { echoDelivered, echoReply, icmpDelivered, isEchoRequest, isRedirect, redirectFollowed, redirectRoute } from './icmp';
import { badChecksum, noProtocolHandler, notARouter, recordOutcome } from './ipExplain';
import { natStep, type Nat } from './nat';
import type { RouteTable } from './routes';
import type { Note } from '../view/notes';

/** A transport (or ICMP listener) handing on a delivered packet. */
export type L4Handler = (ifIndex: number, bytes: Uint8Array, tag: number) => void;

/** Claims a packet in transit before routing (the SLB MUX takes VIP traffic); true when it did. */
export type PreRoute = (ifIndex: number, bytes: Uint8Array, tag: number) => boolean;

/** What IP input needs from its stack. */
export interface InputStack {
  readonly node: { readonly id: string };
  readonly ctx: Ctx;
  readonly arp: { input(ifIndex: number, bytes: Uint8Array): void };
  readonly routes: RouteTable;
  readonly forwarding: boolean;
  readonly nat: Nat | undefined;
  readonly preRoute: PreRoute | undefined;
  readonly tcp: L4Handler | undefined;
  readonly udp: L4Handler | undefined;
  readonly icmpListener: L4Handler | undefined;
  isLocal(ip: number): boolean;
  forward(inIndex: number, bytes: Uint8Array, tag: number): void;
  originate(dst: number, protocol: number, payload: readonly Layer[], tag: number, why: Note): unknown;
}

/** Where an arriving frame goes. */
export type InputVerdict = 'arp' | 'bad-checksum' | 'local' | 'transit';

export function classifyInput(stack: Pick<InputStack, 'isLocal'>, bytes: Uint8Array): InputVerdict {
  if (etherType(bytes) === 0x0806) return 'arp';
  const o = ETH_HLEN;
  if (onesSum(bytes, o, o + ipHeaderLen(bytes, o)) !== 0xffff) return 'bad-checksum';
  const dst = ipDst(bytes, o);
  return stack.isLocal(dst) || dst === 0xffffffff ? 'local' : 'transit';
}

/** A frame carrying ARP or IPv4 arrived on `ifIndex` (already past the NIC's MAC filter). */
export function ipInput(stack: InputStack, ifIndex: number, bytes: Uint8Array, tag: number): void {
  const { ctx } = stack;
  const me = stack.node.id;
  switch (classifyInput(stack, bytes)) {
    case 'arp':
      stack.arp.input(ifIndex, bytes);
      return;
    case 'bad-checksum':
      if (tag || ctx.rec.full) recordOutcome(ctx, me, tag, badChecksum(me), bytes);
      return;
    case 'local': {
      const nat = stack.nat;
      if (nat && ifIndex === nat.outsideIndex) {
        const translated = nat.translateIn(bytes);
        if (translated) {
          if (tag) ctx.tracer.step(tag, natStep(translated));
          stack.forward(ifIndex, translated.bytes, tag);
          return;
        }
      }
      deliver(stack, ifIndex, bytes, tag);
      return;
    }
    case 'transit':
      if (stack.preRoute?.(ifIndex, bytes, tag)) return;
      if (stack.forwarding) {
        stack.forward(ifIndex, bytes, tag);
        return;
      }
      if (tag || ctx.rec.full) recordOutcome(ctx, me, tag, notARouter(me, ipDst(bytes, ETH_HLEN)), bytes);
  }
}

/** Hands a packet addressed to this node to its protocol. */
function deliver(stack: InputStack, ifIndex: number, bytes: Uint8Array, tag: number): void {
  const proto = ipProto(bytes, ETH_HLEN);
  if (proto === IPPROTO_TCP && stack.tcp) stack.tcp(ifIndex, bytes, tag);
  else if (proto === IPPROTO_UDP && stack.udp) stack.udp(ifIndex, bytes, tag);
  else if (proto === IPPROTO_ICMP) icmpInput(stack, ifIndex, bytes, tag);
  else if (tag) recordOutcome(stack.ctx, stack.node.id, tag, noProtocolHandler(stack.node.id, proto), bytes);
}

/** An ICMP message for this node: an echo is answered, a redirect followed (by a host), the rest handed on. */
function icmpInput(stack: InputStack, ifIndex: number, bytes: Uint8Array, tag: number): void {
  const { ctx } = stack;
  const me = stack.node.id;
  if (isEchoRequest(bytes)) {
    if (tag) recordOutcome(ctx, me, tag, echoDelivered(me, bytes), bytes);
    stack.originate(ipSrc(bytes, ETH_HLEN), IPPROTO_ICMP, echoReply(bytes), ctx.tracer.replyTag(tag), `${me} answers the ping.`);
    return;
  }
  // A router keeps its own routes; a Windows host honours the redirect with a host route.
  if (isRedirect(bytes) && !stack.forwarding) {
    const route = redirectRoute(bytes, ifIndex, ctx.sched.now);
    stack.routes.remove((r) => r.source === 'redirect' && r.network === route.network);
    stack.routes.add(route);
    if (ctx.rec.full) ctx.rec.eventWith('route-installed', me, redirectFollowed(me, route), { prefix: `${u32ToIp(route.network)}/32`, nextHop: u32ToIp(route.nextHop), source: 'redirect', from: u32ToIp(ipSrc(bytes, ETH_HLEN)) }, 'icmp');
  }
  if (tag) recordOutcome(ctx, me, tag, icmpDelivered(me, bytes, ctx.nameOf), bytes);
  stack.icmpListener?.(ifIndex, bytes, tag);
}
