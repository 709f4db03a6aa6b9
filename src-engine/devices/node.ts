// One VM (or the host) at run time: its NICs on switch ports, its IP stack with TCP and UDP, and
// whatever services it runs. A failed node processes nothing; a restored one boots with empty
// caches and sessions, and restarts its services.
import { BROADCAST_MAC, numToMac } from '../net/addr';
import { ethDst } from '../net/frame';
import { createDeviceRng } from '../sim/rng';
import type { Timer } from '../sim/scheduler';
import type { NodeDef } from '../topology/schema';
import type { Ctx } from './context';
import { IpStack, type StackOwner } from './ipstack';
import { TcpStack } from './tcp';
import { UdpStack } from './udp';
import type { Nic, VSwitch } from './vswitch';

export class NodeRt implements StackOwner, Nic {
  up = true;
  /** Bumped on every failure and restore: callbacks from an earlier life are ignored. */
  private epoch = 0;
  readonly ip: IpStack;
  readonly tcp: TcpStack;
  readonly udp: UdpStack;
  /** Services to (re)start at boot: BGP, listeners. */
  readonly boot: (() => void)[] = [];
  /** State to forget on restart, besides ARP and TCP. */
  readonly resets: (() => void)[] = [];

  constructor(
    readonly id: string,
    readonly def: NodeDef,
    private readonly ctx: Ctx,
    sw: VSwitch,
  ) {
    this.ip = new IpStack(this, ctx, sw, createDeviceRng(ctx.seed, id));
    this.tcp = new TcpStack(this.ip);
    this.udp = new UdpStack(this.ip);
  }

  later(delay: number, fn: () => void): void {
    this.ctx.sched.call(this.ctx.sched.now + delay, NodeRt.runIfAlive, this, fn, this.epoch);
  }

  private static runIfAlive(node: NodeRt, fn: () => void, epoch: number): void {
    if (node.up && node.epoch === epoch) fn();
  }

  timer(delay: number, fn: () => void): Timer {
    const epoch = this.epoch;
    return this.ctx.sched.timer(this.ctx.sched.now + delay, () => {
      if (this.up && this.epoch === epoch) fn();
    });
  }

  /** A frame from the switch arrives on NIC `ifIndex`. */
  receive(ifIndex: number, bytes: Uint8Array, tag: number): void {
    // The NIC's filter: broadcast (read from the bytes alone, the common case in a flood) or its own MAC.
    const dst = ethDst(bytes);
    if (dst !== BROADCAST_MAC && dst !== this.ip.ifaces[ifIndex]!.mac) return;
    if (this.up && tag === 0) {
      this.ip.input(ifIndex, bytes, 0);
      return;
    }
    const { tracer, rec } = this.ctx;
    const iface = this.ip.ifaces[ifIndex]!;
    if (!this.up) {
      rec.eventWith('drop', this.id, `${this.id} is down: frame on ${iface.id} lost`, { reason: 'node-down' });
      if (tag) {
        tracer.begin(tag, this.id, iface.id, { kind: 'received', interface: iface.id, text: `arrives at ${iface.id}` });
        tracer.end(tag, 'node-down', `${this.id} is down: nothing processes the packet`, bytes, `The frame reaches ${this.id}'s port, but the VM is down.`);
      }
      return;
    }
    if (tag) tracer.begin(tag, this.id, iface.id, { kind: 'received', interface: iface.id, text: `received on ${iface.id} (${iface.ipText}, ${numToMac(iface.mac)})` });
    this.ip.input(ifIndex, bytes, tag);
  }

  fail(): void {
    if (!this.up) return;
    this.up = false;
    this.epoch++;
    this.ctx.rec.event('node-failed', this.id, `${this.id} fails: it stops processing and sending anything`);
  }

  restore(): void {
    if (this.up) return;
    this.up = true;
    this.epoch++;
    this.ip.arp.clear();
    this.tcp.reset();
    for (const r of this.resets) r();
    this.ctx.rec.event('node-restored', this.id, `${this.id} is back: it boots with empty caches and restarts its services`);
    for (const b of this.boot) b();
  }
}
