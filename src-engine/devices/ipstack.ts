// A Windows-like IPv4 stack for one node: its interfaces, routes, ARP cache and handlers, and the
// sending side (originate a packet, resolve the next hop, put the frame on the wire). What arrives is
// handled by ipInput (input and delivery) and forward (routing, on RRAS nodes); ICMP by icmp; the
// sentences by ipExplain. Every decision reads the received bytes; every packet it originates is
// encoded with the codec.
import type { Layer } from '../packets/layers';
import { IPPROTO_TCP } from '../packets/layers';
import { encodePacket } from '../net/codec';
import { ethernet, ipv4, ZERO_MAC } from '../net/build';
import { setMac48 } from '../net/frame';
import { u32ToIp } from '../net/addr';
import type { Rng } from '../sim/rng';
import type { Timer } from '../sim/scheduler';
import { Timing } from '../sim/timing';
import type { HopStep } from '../protocol';
import { Arp } from './arp';
import type { Ctx } from './context';
import { forward, type ForwardStack } from './forward';
import { icmpError } from './icmp';
import type { Iface } from './iface';
import { ipInput, type InputStack, type L4Handler, type PreRoute } from './ipInput';
import { arpStep, neighborUnreachable, noRouteOriginating, originatedNote, recordOutcome, routeNote, routeStep } from './ipExplain';
import type { Note } from '../view/notes';
import type { Nat } from './nat';
import type { Route } from './routes';
import { RouteTable } from './routes';
import type { VSwitch } from './vswitch';

export type { Iface } from './iface';
export type { L4Handler } from './ipInput';

/** What the stack needs from the node that owns it. */
export interface StackOwner {
  readonly id: string;
  readonly up: boolean;
  /** Runs `fn` after `delay` µs unless the node failed or restarted meanwhile. */
  later(delay: number, fn: () => void): void;
  /** Like `later`, cancellable. */
  timer(delay: number, fn: () => void): Timer;
}

export class IpStack implements InputStack, ForwardStack {
  readonly routes = new RouteTable();
  readonly arp: Arp;
  readonly ifaces: Iface[] = [];
  /** Each interface's address, by index: what an ARP broadcast's receivers compare, without the Iface. */
  readonly ifaceIps: number[] = [];
  forwarding = false;
  icmpRedirects = false;
  private ipId = 0;
  /** Claims packets before routing (the SLB MUX takes VIP traffic). */
  preRoute: PreRoute | undefined;
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
    this.arp = new Arp(this, rng);
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

  /** A frame carrying ARP or IPv4 arrived on `ifIndex` (already past the NIC's MAC filter). */
  input(ifIndex: number, bytes: Uint8Array, tag: number): void {
    ipInput(this, ifIndex, bytes, tag);
  }

  /** RRAS forwarding of a packet in transit. */
  forward(inIndex: number, bytes: Uint8Array, tag: number): void {
    forward(this, inIndex, bytes, tag);
  }

  /** The trace's route step for a packet to `dst` leaving by `route`. */
  routeStep(route: Route, dst: number): HopStep {
    return routeStep(route, this.ifaces[route.ifIndex]!, this.routes.candidates(dst).length, this.ctx.nameOf);
  }

  /** Builds and sends a packet from this node: route lookup, source address, encode, ARP, send. */
  originate(dst: number, protocol: number, payload: readonly Layer[], tag: number, why: Note, opts?: { ttl?: number; dontFragment?: boolean }): Uint8Array | undefined {
    const { ctx } = this;
    const route = this.routes.lookup(dst);
    const me = this.node.id;
    if (!route) {
      if (tag) ctx.tracer.begin(tag, me, this.ifaces[0]?.id ?? '-');
      if (tag || ctx.rec.full) recordOutcome(ctx, me, tag, noRouteOriginating(me, dst), undefined);
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
      ctx.tracer.begin(tag, me, iface.id);
      ctx.tracer.step(tag, this.routeStep(route, dst));
    }
    this.output(route, dst, bytes, tag, tag || ctx.rec.full ? originatedNote(me, why, routeNote(route, iface, ctx.nameOf)) : '', Timing.host);
    return bytes;
  }

  /**
   * Resolves the next hop's MAC, writes the Ethernet addresses, and sends; `errorAbout` set (a forwarded packet, as
   * routed before any NAT): a failed ARP is reported to that packet's source with ICMP host unreachable.
   */
  output(route: Route, dst: number, frame: Uint8Array, tag: number, why: Note, delay: number, errorAbout?: Uint8Array): void {
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
    const { ctx } = this;
    this.arp.resolve(iface.index, nextHop, (mac, outcome) => {
      if (tag) ctx.tracer.step(tag, arpStep(nextHop, mac, outcome, Timing.arpTries));
      if (mac === undefined) {
        if (tag) recordOutcome(ctx, this.node.id, tag, neighborUnreachable(this.node.id, nextHop, ctx.nameOf, Timing.arpTries, errorAbout !== undefined), frame);
        if (errorAbout !== undefined) icmpError(this, errorAbout, 'destination-unreachable', 1, ctx.tracer.replyTag(tag));
        return;
      }
      setMac48(frame, 0, mac);
      setMac48(frame, 6, iface.mac);
      this.transmit(iface.index, frame, tag, why, delay);
    });
  }

  /** Puts a finished frame on the wire `delay` µs from now. */
  transmit(ifIndex: number, frame: Uint8Array, tag: number, why: Note, delay: number): void {
    const iface = this.ifaces[ifIndex]!;
    this.sw.fromNic(iface.port, frame, tag, this.ctx.sched.now + delay, why);
  }
}
