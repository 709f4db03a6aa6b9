// CCI_External_vSwitch: a learning layer-2 switch whose ports are access ports grouped by network
// (one VLAN port group per network, no 802.1Q tags towards VMs). Unknown unicast and broadcast are
// flooded within the group. VFP hooks sit on its ports (see vfp.ts).
import { BROADCAST_MAC, numToMac } from '../net/addr';
import { ethDst, ethSrc } from '../net/frame';
import { Timing } from '../sim/timing';
import type { SimTime } from '../protocol';
import type { Ctx } from './context';
import type { Vfp } from './vfp';

export interface Port {
  readonly index: number;
  /** "ClientVM.eth0": the node and interface plugged into it. */
  readonly id: string;
  readonly node: string;
  readonly iface: string;
  readonly group: number;
  readonly vlan: number | undefined;
  up: boolean;
  /** Hands a frame to the plugged-in NIC. */
  readonly deliver: (bytes: Uint8Array, tag: number) => void;
  /** Scheduled when a frame reaches the NIC (checks the link first). */
  readonly arrive: (bytes: Uint8Array, tag: number) => void;
  /** Scheduled when a frame from the NIC reaches the switch. */
  readonly ingress: (bytes: Uint8Array, tag: number) => void;
  /** "VLAN 1001", for sentences. */
  readonly vlanText: string;
}

export class VSwitch {
  readonly ports: Port[] = [];
  private readonly groups: number[][] = [];
  private readonly macs: Map<number, number>[] = [];
  vfp: Vfp | undefined;

  constructor(
    readonly id: string,
    private readonly ctx: Ctx,
  ) {}

  addPort(port: Omit<Port, 'index' | 'up' | 'arrive' | 'ingress' | 'vlanText'>): Port {
    const p: Port = {
      ...port,
      vlanText: port.vlan !== undefined ? `VLAN ${port.vlan}` : 'untagged group',
      index: this.ports.length,
      up: true,
      arrive: (bytes, tag) => {
        if (p.up) p.deliver(bytes, tag);
      },
      ingress: (bytes, tag) => this.ingress(p, bytes, tag),
    };
    this.ports.push(p);
    while (this.groups.length <= p.group) {
      this.groups.push([]);
      this.macs.push(new Map());
    }
    this.groups[p.group]!.push(p.index);
    return p;
  }

  /** A NIC sends a frame at `time` into its port; it arrives one link later. */
  fromNic(port: Port, bytes: Uint8Array, tag: number, time: SimTime, why: string): void {
    const { rec, tracer, sched } = this.ctx;
    const arrive = time + Timing.link;
    if (!port.up) {
      const from = { node: port.node, iface: port.iface };
      const tx = rec.transmit(from, undefined, time, arrive, bytes, tracer.flowId(tag), why);
      if (tag) {
        tracer.sent(tag, port.iface, bytes, tx, why);
        tracer.end(tag, 'link-down', `${port.node}'s link ${port.iface} is down: the frame reaches no switch port`, bytes, why);
      }
      rec.event('drop', port.node, `${port.node} ${port.iface}: link down, frame lost`);
      return;
    }
    if (tag || rec.options.full) {
      const tx = rec.transmit({ node: port.node, iface: port.iface }, { node: this.id, iface: port.id }, time, arrive, bytes, tracer.flowId(tag), why);
      if (tag) tracer.sent(tag, port.iface, bytes, tx, why);
    } else rec.transmissionCount++;
    sched.call(arrive, port.ingress, bytes, tag);
  }

  private ingress(port: Port, frame: Uint8Array, tag: number): void {
    const { tracer } = this.ctx;
    if (!port.up) return;
    const vlanText = port.vlanText;
    if (tag) tracer.begin(tag, this.id, port.id, { kind: 'received', interface: port.id, text: `received on port ${port.id} (${vlanText})` });
    let bytes = frame;
    let time = this.ctx.sched.now + Timing.switch;
    const vfp = this.vfp;
    if (vfp) {
      const rewritten = vfp.fromPort(port, bytes, tag);
      if (rewritten) {
        bytes = rewritten;
        time += Timing.vfp;
      }
    }
    this.learn(port, ethSrc(bytes));
    const dst = ethDst(bytes);
    const isGroup = dst === BROADCAST_MAC || Math.floor(dst / 0x10000000000) % 2 === 1;
    const out = isGroup ? undefined : this.macs[port.group]!.get(dst);
    if (out === undefined) {
      const members = this.groups[port.group]!;
      const why = isGroup
        ? `The switch floods the ${dst === BROADCAST_MAC ? 'broadcast' : 'multicast'} to every other port of ${vlanText}.`
        : `The switch has not learned ${numToMac(dst)} yet, so it floods the frame to every other port of ${vlanText}.`;
      if (tag) tracer.step(tag, { kind: 'switch', ...(port.vlan !== undefined ? { vlan: port.vlan } : {}), port: 'flood', text: why });
      for (const i of members) if (i !== port.index) this.egress(this.ports[i]!, bytes, tag, time, why);
      return;
    }
    if (out === port.index) return;
    const outPort = this.ports[out]!;
    if (vfp && vfp.isPaPort(outPort)) {
      const inner = vfp.decap(outPort, bytes, tag);
      if (inner === 'drop') return;
      if (inner) {
        this.egress(this.ports[inner.port]!, inner.bytes, tag, time + Timing.vfp, inner.why);
        return;
      }
    }
    const why = tag || this.ctx.rec.options.full ? `The switch learned ${numToMac(dst)} on port ${outPort.id}, so it forwards the frame there (${vlanText}).` : '';
    this.egress(outPort, bytes, tag, time, why);
  }

  egress(port: Port, bytes: Uint8Array, tag: number, time: SimTime, why: string): void {
    const { rec, tracer, sched } = this.ctx;
    const arrive = time + Timing.link;
    if (tag) tracer.step(tag, { kind: 'switch', ...(port.vlan !== undefined ? { vlan: port.vlan } : {}), port: port.id, text: `out of port ${port.id}` });
    if (!port.up) {
      const tx = rec.transmit({ node: this.id, iface: port.id }, undefined, time, arrive, bytes, tracer.flowId(tag), why);
      if (tag) {
        tracer.sent(tag, port.id, bytes, tx, why);
        tracer.end(tag, 'link-down', `the link from port ${port.id} to ${port.node} ${port.iface} is down`, bytes, why);
      }
      return;
    }
    if (tag || rec.options.full) {
      const tx = rec.transmit({ node: this.id, iface: port.id }, { node: port.node, iface: port.iface }, time, arrive, bytes, tracer.flowId(tag), why);
      if (tag) tracer.sent(tag, port.id, bytes, tx, why);
    } else rec.transmissionCount++;
    sched.call(arrive, port.arrive, bytes, tag);
  }

  private learn(port: Port, mac: number): void {
    const table = this.macs[port.group]!;
    if (table.get(mac) === port.index) return;
    table.set(mac, port.index);
    this.ctx.rec.table(this.id, 'mac', `${port.group}/${mac}`, {
      cells: { mac: numToMac(mac), port: port.id, vlan: port.vlan !== undefined ? String(port.vlan) : '-' },
    });
  }

  /** A port's link goes down or up; its learned MACs are forgotten when it goes down. */
  setPortUp(port: Port, up: boolean): void {
    port.up = up;
    if (up) return;
    const table = this.macs[port.group]!;
    for (const [mac, i] of table) {
      if (i !== port.index) continue;
      table.delete(mac);
      this.ctx.rec.table(this.id, 'mac', `${port.group}/${mac}`, undefined);
    }
  }
}
