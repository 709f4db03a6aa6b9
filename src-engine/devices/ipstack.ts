// A Windows-like IPv4 stack for one node: interfaces, connected routes, longest-prefix routing,
// ARP, local delivery, and (on RRAS nodes) forwarding with TTL decrement and ICMP errors.
// Every decision reads the received bytes; every packet it originates is encoded with the codec.
import type { Layer } from '../packets/layers';
import { IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP } from '../packets/layers';
import { cidrText, inPrefix, numToMac, u32ToIp } from '../net/addr';
import { adjustChecksum16, copyBytes, encodePacket, onesSum } from '../net/codec';
import { ethernet, ipv4, ZERO_MAC } from '../net/build';
import { ETH_HLEN, etherType, ipDst, ipHeaderLen, ipProto, ipSrc, ipTtl, l4DstPort, l4SrcPort, setMac48 } from '../net/frame';
import { flowHash } from '../net/hash';
import type { Rng } from '../sim/rng';
import type { Timer } from '../sim/scheduler';
import { Timing } from '../sim/timing';
import type { HopStep } from '../protocol';
import type { InterfaceDef } from '../topology/schema';
import { Arp } from './arp';
import type { Ctx } from './context';
import { icmpError, type IcmpErrorKind } from './icmp';
import type { Nat } from './nat';
import type { Route } from './routes';
import { RouteTable } from './routes';
import type { Port, VSwitch } from './vswitch';

export interface Iface {
  readonly index: number;
  readonly id: string;
  readonly ip: number;
  readonly ipText: string;
  readonly len: number;
  readonly network: number;
  readonly mac: number;
  readonly macText: string;
  readonly port: Port;
  readonly def: InterfaceDef;
}

/** What the stack needs from the node that owns it. */
export interface StackOwner {
  readonly id: string;
  readonly up: boolean;
  /** Runs `fn` after `delay` µs unless the node failed or restarted meanwhile. */
  later(delay: number, fn: () => void): void;
  /** Like `later`, cancellable. */
  timer(delay: number, fn: () => void): Timer;
}

const ICMP_NAMES: Record<number, string> = { 0: 'ICMP echo reply', 3: 'ICMP destination unreachable', 5: 'ICMP redirect', 11: 'ICMP time exceeded' };

export type L4Handler = (ifIndex: number, bytes: Uint8Array, tag: number) => void;

export class IpStack {
  readonly routes = new RouteTable();
  readonly arp: Arp;
  readonly ifaces: Iface[] = [];
  /** Each interface's address, by index: what an ARP broadcast's receivers compare, without the Iface. */
  readonly ifaceIps: number[] = [];
  forwarding = false;
  icmpRedirects = false;
  private ipId = 0;
  /** Claims packets before routing (the SLB MUX takes VIP traffic). */
  preRoute: ((ifIndex: number, bytes: Uint8Array, tag: number) => boolean) | undefined;
  nat: Nat | undefined;
  tcp: L4Handler | undefined;
  udp: L4Handler | undefined;
  /** ICMP messages other than echo requests, for whoever waits on them (ping). */
  icmpListener: L4Handler | undefined;

  constructor(
    readonly node: StackOwner,
    readonly ctx: Ctx,
    private readonly sw: VSwitch,
    /** This node's own random stream: ports, sequence numbers, ids, timer jitter. */
    readonly rng: Rng,
  ) {
    this.arp = new Arp(this);
    this.ipId = rng.nextU32() & 0xffff;
  }

  nextIpId(): number {
    this.ipId = (this.ipId + 1) & 0xffff;
    return this.ipId;
  }

  addInterface(iface: Iface): void {
    this.ifaces.push(iface);
    this.ifaceIps.push(iface.ip);
    if (iface.index === 0) this.arp.ip0 = iface.ip;
  }

  /** One of this node's addresses (a scan: nodes have a handful of interfaces, and thousands of nodes no Map each). */
  isLocal(ip: number): boolean {
    const ips = this.ifaceIps;
    for (let i = 0; i < ips.length; i++) if (ips[i] === ip) return true;
    return false;
  }

  /** A frame carrying IPv4 arrived on `ifIndex` (already past the NIC's MAC filter). */
  input(ifIndex: number, bytes: Uint8Array, tag: number): void {
    if (etherType(bytes) === 0x0806) {
      this.arp.input(ifIndex, bytes);
      return;
    }
    const o = ETH_HLEN;
    if (onesSum(bytes, o, o + ipHeaderLen(bytes, o)) !== 0xffff) {
      this.ctx.rec.eventWith('drop', this.node.id, `${this.node.id}: IPv4 header checksum wrong, packet dropped`, { reason: 'bad-checksum' });
      if (tag) this.ctx.tracer.end(tag, 'no-route', 'the IPv4 header checksum is wrong', bytes, 'A corrupted header is dropped.');
      return;
    }
    const dst = ipDst(bytes, o);
    if (this.isLocal(dst) || dst === 0xffffffff) {
      const nat = this.nat;
      if (nat && ifIndex === nat.outsideIndex) {
        const translated = nat.translateIn(bytes, tag);
        if (translated) {
          this.forward(ifIndex, translated, tag);
          return;
        }
      }
      this.deliver(ifIndex, bytes, tag);
      return;
    }
    if (this.preRoute?.(ifIndex, bytes, tag)) return;
    if (this.forwarding) {
      this.forward(ifIndex, bytes, tag);
      return;
    }
    this.ctx.rec.eventWith('drop', this.node.id, `${this.node.id} is not a router: packet to ${u32ToIp(dst)} dropped`, { reason: 'not-a-router' });
    if (tag) this.ctx.tracer.end(tag, 'no-route', `${this.node.id} does not forward packets and ${u32ToIp(dst)} is not its address`, bytes, `${this.node.id} is an end host, so it drops a packet not addressed to it.`);
  }

  private deliver(ifIndex: number, bytes: Uint8Array, tag: number): void {
    const proto = ipProto(bytes, ETH_HLEN);
    if (proto === IPPROTO_TCP && this.tcp) this.tcp(ifIndex, bytes, tag);
    else if (proto === IPPROTO_UDP && this.udp) this.udp(ifIndex, bytes, tag);
    else if (proto === IPPROTO_ICMP) this.icmpInput(ifIndex, bytes, tag);
    else if (tag) this.ctx.tracer.end(tag, 'no-listener', `${this.node.id} has nothing listening for IP protocol ${proto}`, bytes, 'No handler for this protocol.');
  }

  private icmpInput(ifIndex: number, bytes: Uint8Array, tag: number): void {
    const t = ETH_HLEN + ipHeaderLen(bytes, ETH_HLEN);
    if (bytes[t] === 8) {
      if (tag) this.ctx.tracer.end(tag, 'delivered', `${this.node.id} receives the echo request and answers it`, bytes, `${u32ToIp(ipDst(bytes, ETH_HLEN))} is ${this.node.id}'s own address.`);
      const reply = this.ctx.tracer.replyTag(tag);
      const id = (bytes[t + 4]! << 8) | bytes[t + 5]!;
      const seq = (bytes[t + 6]! << 8) | bytes[t + 7]!;
      this.originate(ipSrc(bytes, ETH_HLEN), IPPROTO_ICMP, [{ type: 'icmp', kind: 'echo-reply', code: 0, identifier: id, sequence: seq }, { type: 'raw', data: bytes.slice(t + 8) }], reply, `${this.node.id} answers the ping.`);
      return;
    }
    if (bytes[t] === 5) this.applyRedirect(ifIndex, bytes);
    if (tag) {
      const what = ICMP_NAMES[bytes[t]!] ?? `ICMP type ${bytes[t]}`;
      this.ctx.tracer.end(tag, 'delivered', `${this.node.id} receives ${what} from ${this.ctx.nameOf(ipSrc(bytes, ETH_HLEN))} (${u32ToIp(ipSrc(bytes, ETH_HLEN))})`, bytes, `The ICMP message is addressed to ${this.node.id}.`);
    }
    this.icmpListener?.(ifIndex, bytes, tag);
  }

  /** Windows honours ICMP redirects: a host route towards the better gateway. */
  private applyRedirect(ifIndex: number, bytes: Uint8Array): void {
    const t = ETH_HLEN + ipHeaderLen(bytes, ETH_HLEN);
    const gateway = ((bytes[t + 4]! << 24) | (bytes[t + 5]! << 16) | (bytes[t + 6]! << 8) | bytes[t + 7]!) >>> 0;
    const target = ipDst(bytes, t + 8);
    if (this.forwarding) return;
    this.routes.remove((r) => r.source === 'redirect' && r.network === target);
    this.routes.add({ network: target, len: 32, nextHop: gateway, ifIndex, source: 'redirect', metric: 0, learnedAt: this.ctx.sched.now });
    this.ctx.rec.eventWith('route-installed', this.node.id, `${this.node.id} follows an ICMP redirect: ${u32ToIp(target)}/32 via ${u32ToIp(gateway)}`, { prefix: `${u32ToIp(target)}/32`, nextHop: u32ToIp(gateway), source: 'redirect', from: u32ToIp(ipSrc(bytes, ETH_HLEN)) }, 'icmp');
  }

  /** RRAS forwarding: TTL, route lookup, NAT on the outside interface, ARP, send. */
  forward(inIndex: number, bytes: Uint8Array, tag: number): void {
    const { tracer } = this.ctx;
    const o = ETH_HLEN;
    const ttl = ipTtl(bytes, o);
    const src = ipSrc(bytes, o);
    const dst = ipDst(bytes, o);
    const me = this.node.id;
    if (ttl <= 1) {
      if (tag) tracer.step(tag, { kind: 'ttl', before: ttl, after: 0, text: `TTL ${ttl} would reach 0: ${me} discards the packet` });
      this.ctx.rec.eventWith('drop', me, `${me}: TTL expired for ${u32ToIp(src)} -> ${u32ToIp(dst)}, ICMP time exceeded sent`, { reason: 'ttl-exceeded' }, 'icmp');
      if (tag) tracer.end(tag, 'ttl-exceeded', `the TTL ran out at ${me}`, bytes, `${me} received the packet with TTL ${ttl}; forwarding would make it 0, so it drops it and sends ICMP time exceeded to ${u32ToIp(src)}.`);
      this.sendError(bytes, 'time-exceeded', 0, tag);
      return;
    }
    const route = this.lookupFor(bytes, dst);
    if (!route) {
      this.ctx.rec.eventWith('drop', me, `${me}: no route to ${u32ToIp(dst)}`, { reason: 'no-route' });
      if (tag) tracer.end(tag, 'no-route', `${me} has no route to ${u32ToIp(dst)}`, bytes, `${me}'s routing table has no prefix containing ${u32ToIp(dst)} and no default route, so it drops the packet and sends ICMP destination unreachable.`);
      this.sendError(bytes, 'destination-unreachable', 0, tag);
      return;
    }
    if (tag) tracer.step(tag, this.routeStep(route, dst));
    let out: Uint8Array = copyBytes(bytes);
    out[o + 8] = ttl - 1;
    adjustChecksum16(out, o + 10, (ttl << 8) | out[o + 9]!, ((ttl - 1) << 8) | out[o + 9]!);
    if (tag) tracer.step(tag, { kind: 'ttl', before: ttl, after: ttl - 1, text: `TTL ${ttl} -> ${ttl - 1}` });
    const nat = this.nat;
    if (nat && route.ifIndex === nat.outsideIndex && inIndex !== nat.outsideIndex) {
      const translated = nat.translateOut(out, tag);
      if (!translated) return;
      out = translated;
    }
    if (this.icmpRedirects && route.ifIndex === inIndex && inPrefix(src, this.ifaces[inIndex]!.network, this.ifaces[inIndex]!.len)) {
      this.sendRedirect(bytes, route.nextHop || dst);
    }
    const why = tag || this.ctx.rec.full ? `${me} routes ${u32ToIp(dst)} by ${describeRoute(route, this)}; TTL ${ttl} -> ${ttl - 1}.` : '';
    this.output(route, dst, out, tag, why, Timing.router, src);
  }

  lookupFor(bytes: Uint8Array, dst: number): Route | undefined {
    const c = this.routes.candidates(dst);
    if (c.length <= 1) return c[0];
    const o = ETH_HLEN;
    const proto = ipProto(bytes, o);
    const t = o + ipHeaderLen(bytes, o);
    const ports = proto === IPPROTO_TCP || proto === IPPROTO_UDP;
    const hash = flowHash(ipSrc(bytes, o), dst, proto, ports ? l4SrcPort(bytes, t) : 0, ports ? l4DstPort(bytes, t) : 0, 0x5eed);
    return c[hash % c.length];
  }

  routeStep(route: Route, dst: number): HopStep {
    const iface = this.ifaces[route.ifIndex]!;
    const prefix = cidrText(route.network, route.len);
    const ecmp = this.routes.candidates(dst).length;
    const from = route.peer !== undefined ? { from: route.peer } : {};
    const nh = route.nextHop ? { nextHop: u32ToIp(route.nextHop) } : {};
    const text = `route ${prefix} ${route.nextHop ? `via ${u32ToIp(route.nextHop)} (${this.ctx.nameOf(route.nextHop)})` : 'on-link'} out of ${iface.id}, source ${route.source}${route.peer ? ` from ${route.peer}` : ''}${ecmp > 1 ? `, one of ${ecmp} equal-cost routes picked by flow hash` : ''}`;
    return { kind: 'route', prefix, ...nh, interface: iface.id, source: route.source, ...from, text };
  }

  /** Builds and sends a packet from this node: route lookup, source address, encode, ARP, send. */
  originate(dst: number, protocol: number, payload: readonly Layer[], tag: number, why: string, opts?: { ttl?: number; dontFragment?: boolean }): Uint8Array | undefined {
    const { tracer } = this.ctx;
    const route = this.routes.lookup(dst);
    const me = this.node.id;
    if (!route) {
      if (tag) {
        tracer.begin(tag, me, this.ifaces[0]?.id ?? '-');
        tracer.end(tag, 'no-route', `${me} has no route to ${u32ToIp(dst)}`, undefined, `${me}'s routing table has no prefix containing ${u32ToIp(dst)}.`);
      }
      this.ctx.rec.eventWith('drop', me, `${me}: no route to ${u32ToIp(dst)}`, { reason: 'no-route' });
      return undefined;
    }
    const iface = this.ifaces[route.ifIndex]!;
    // Both MACs are written as bytes, not text: output() sets the next hop's once ARP has it, and the
    // source is ours (as numbers they cost nothing; as text, a lookup each in a table of thousands).
    const layers: Layer[] = [ethernet(ZERO_MAC), ipv4(iface.ipText, u32ToIp(dst), protocol, this.nextIpId(), opts?.ttl, opts?.dontFragment ?? protocol === IPPROTO_TCP)];
    for (let i = 0; i < payload.length; i++) layers.push(payload[i]!);
    const bytes = encodePacket(layers);
    setMac48(bytes, 6, iface.mac);
    if (tag) {
      tracer.begin(tag, me, iface.id);
      tracer.step(tag, this.routeStep(route, dst));
    }
    this.output(route, dst, bytes, tag, tag || this.ctx.rec.full ? `${why} ${me} sends it by ${describeRoute(route, this)}.` : '', Timing.host);
    return bytes;
  }

  /** Resolves the next hop's MAC, writes the Ethernet addresses, and sends. */
  output(route: Route, dst: number, frame: Uint8Array, tag: number, why: string, delay: number, errorTo?: number): void {
    const iface = this.ifaces[route.ifIndex]!;
    const nextHop = route.nextHop || dst;
    const cached = tag === 0 ? this.arp.lookup(nextHop) : undefined;
    if (cached !== undefined) {
      // Untraced, next hop in the ARP cache: what resolve() would call back with at once, without the closure.
      setMac48(frame, 0, cached);
      setMac48(frame, 6, iface.mac);
      this.transmit(iface.index, frame, 0, why, delay);
      return;
    }
    const { tracer } = this.ctx;
    this.arp.resolve(iface.index, nextHop, (mac, outcome) => {
      if (tag) {
        const text = mac === undefined
          ? `ARP for ${u32ToIp(nextHop)} failed: no answer after ${Timing.arpTries} requests`
          : `${u32ToIp(nextHop)} is at ${numToMac(mac)} (${outcome === 'cached' ? 'ARP cache' : 'ARP reply'})`;
        tracer.step(tag, { kind: 'arp', target: u32ToIp(nextHop), ...(mac !== undefined ? { mac: numToMac(mac) } : {}), outcome, text });
      }
      if (mac === undefined) {
        if (tag) tracer.end(tag, 'neighbor-unreachable', `${this.node.id} could not resolve next hop ${u32ToIp(nextHop)} (${this.ctx.nameOf(nextHop)}) with ARP`, frame, `Nobody answered ARP for ${u32ToIp(nextHop)}, so the packet cannot be sent.`);
        if (errorTo !== undefined) this.sendError(frame, 'destination-unreachable', 1, tag);
        return;
      }
      setMac48(frame, 0, mac);
      setMac48(frame, 6, iface.mac);
      this.transmit(iface.index, frame, tag, why, delay);
    });
  }

  /** Puts a finished frame on the wire `delay` µs from now. */
  transmit(ifIndex: number, frame: Uint8Array, tag: number, why: string, delay: number): void {
    const iface = this.ifaces[ifIndex]!;
    this.sw.fromNic(iface.port, frame, tag, this.ctx.sched.now + delay, why);
  }

  private sendError(offending: Uint8Array, kind: IcmpErrorKind, code: number, tag: number): void {
    icmpError(this, offending, kind, code, this.ctx.tracer.replyTag(tag));
  }

  private sendRedirect(offending: Uint8Array, gateway: number): void {
    this.ctx.rec.event('info', this.node.id, `${this.node.id} sends an ICMP redirect: use ${u32ToIp(gateway)} for ${u32ToIp(ipDst(offending, ETH_HLEN))}`, 'icmp');
    icmpError(this, offending, 'redirect', 1, 0, gateway);
  }
}

/** "route 192.168.133.0/24 via 192.168.200.2 (BGPVM, static)". */
export function describeRoute(route: Route, stack: IpStack): string {
  const iface = stack.ifaces[route.ifIndex]!;
  const via = route.nextHop ? `via ${u32ToIp(route.nextHop)} (${stack.ctx.nameOf(route.nextHop)})` : `on-link out of ${iface.id}`;
  const src = route.source === 'bgp' ? `learned over BGP from ${route.peer ?? '?'}` : route.source;
  return `route ${cidrText(route.network, route.len)} ${via}, ${src}`;
}
