// CCI_External_vSwitch: a learning layer-2 switch whose ports are access ports grouped by network
// (one VLAN port group per network, no 802.1Q tags towards VMs). Unknown unicast and broadcast are
// flooded within the group. VFP hooks sit on its ports (see vfp.ts).
//
// Every copy of a flooded frame is the same byte array: no device ever changes the bytes it received
// (a router, NAT or VFP that rewrites a packet rewrites its own copy), so sharing them is safe and a
// broadcast to a VLAN of hundreds of ports costs one scheduled event per port, nothing more.
import { BROADCAST_MAC, numToMac } from '../net/addr';
import { ethDst, ethSrc } from '../net/frame';
import { Timing } from '../sim/timing';
import type { SimTime } from '../protocol';
import { NO_END } from '../trace/recorder';
import type { Ctx } from './context';
import type { SlbHostAgent } from './slbHostAgent';
import type { Vfp } from './vfp';
import type { PortId } from '../view/ids';
import type { Note } from '../view/notes';

/** What is plugged into a port: a node's NIC. */
export interface Nic {
  /** A frame reaches NIC `ifIndex` of the node. */
  receive(ifIndex: number, bytes: Uint8Array, tag: number): void;
}

export interface PortSpec {
  /** "ClientVM.eth0": the node and interface plugged into it (built by `portId`). */
  readonly id: PortId;
  readonly node: string;
  readonly iface: string;
  readonly group: number;
  readonly vlan: number | undefined;
  readonly nic: Nic;
  /** The interface's index in its node. */
  readonly nicIndex: number;
  /** The NIC's MAC address: never read to switch (the switch learns), only to tell a trace which flooded copy is the packet's way on. */
  readonly mac: number;
}

export interface Port extends PortSpec {
  readonly index: number;
  readonly sw: VSwitch;
  /** Whether the link is up; changed only through VSwitch.setPortUp. */
  readonly up: boolean;
  /** "VLAN 1001", for sentences. */
  readonly vlanText: string;
  /** The recorder's numbers for the link's two ends: the node's interface, and this port. */
  readonly nicEnd: number;
  readonly switchEnd: number;
}

export class VSwitch {
  readonly ports: Port[] = [];
  // Per port, by index, in flat arrays: a flood touches these and not the Port objects, which lie all
  // over the heap (a VLAN of hundreds of ports would cost a cache miss per port and per arrival).
  private readonly portUp: number[] = [];
  private readonly nics: Nic[] = [];
  private readonly nicIndex: number[] = [];
  private readonly nicMacs: number[] = [];
  /** The recorder's numbers for each port's two ends (see Port). */
  private readonly switchEnds: number[] = [];
  private readonly nicEnds: number[] = [];
  /** The port indices of each VLAN port group, for flooding. */
  private readonly groups: number[][] = [];
  private readonly macs: Map<number, number>[] = [];
  /**
   * The sentences of a recorded run's switching, made once and reused: per port, why a frame to the MAC
   * learned there goes out of it (and that MAC); per port group, why a broadcast is flooded. A run sends
   * thousands of frames to one NIC, and one sentence object kept a thousand times costs nothing more.
   */
  private readonly learnedWhy: (string | undefined)[] = [];
  private readonly learnedWhyMac: number[] = [];
  private readonly broadcastWhy: (string | undefined)[] = [];
  vfp: Vfp | undefined;
  /** The SLB host agent's probes: VFP takes their answers off the DIPs' ports. */
  probes: SlbHostAgent | undefined;

  constructor(
    readonly id: string,
    private readonly ctx: Ctx,
  ) {}

  /** A frame reaches the NIC at the end of port `index`'s link (scheduled; the link may have gone down since). */
  private readonly arriveAtNic = (index: number, bytes: Uint8Array, tag: number): void => {
    if (this.portUp[index] === 1) this.nics[index]!.receive(this.nicIndex[index]!, bytes, tag);
    else this.lostOnWire(this.ports[index]!, tag, `the link from port ${this.ports[index]!.id} to ${this.ports[index]!.node} ${this.ports[index]!.iface}`);
  };

  /**
   * A frame whose link went down while it crossed it: lost there. Said in the run and in its trace (a trace that
   * stopped here silently would end as it was, "delivered" at the hop before).
   */
  private lostOnWire(port: Port, tag: number, link: string): void {
    const { rec, tracer } = this.ctx;
    if (tag) tracer.end(tag, 'link-down', `${link} went down while the frame was crossing it`, undefined, '');
    if (tag || rec.full) rec.eventWith('drop', port.node, `${port.node} ${port.iface}: link down while a frame was crossing it, frame lost`, { reason: 'link-down' });
  }

  addPort(spec: PortSpec): Port {
    const p: Port = {
      id: spec.id,
      node: spec.node,
      iface: spec.iface,
      group: spec.group,
      vlan: spec.vlan,
      nic: spec.nic,
      nicIndex: spec.nicIndex,
      mac: spec.mac,
      index: this.ports.length,
      sw: this,
      up: true,
      vlanText: spec.vlan !== undefined ? `VLAN ${spec.vlan}` : 'untagged group',
      nicEnd: this.ctx.rec.endpoint(spec.node, spec.iface),
      switchEnd: this.ctx.rec.endpoint(this.id, spec.id),
    };
    this.ports.push(p);
    this.portUp.push(1);
    this.nics.push(p.nic);
    this.nicIndex.push(p.nicIndex);
    this.nicMacs.push(p.mac);
    this.switchEnds.push(p.switchEnd);
    this.nicEnds.push(p.nicEnd);
    this.learnedWhy.push(undefined);
    this.learnedWhyMac.push(-1);
    while (this.groups.length <= p.group) {
      this.groups.push([]);
      this.macs.push(new Map());
      this.broadcastWhy.push(undefined);
    }
    this.groups[p.group]!.push(p.index);
    return p;
  }

  /** A NIC sends a frame at `time` into its port; it arrives one link later. */
  fromNic(port: Port, bytes: Uint8Array, tag: number, time: SimTime, why: Note): void {
    const { rec, tracer, sched } = this.ctx;
    const arrive = time + Timing.link;
    if (!port.up) {
      const tx = rec.transmit(port.nicEnd, NO_END, time, arrive, bytes, tracer.flowId(tag), why);
      if (tag) tracer.lost(tag, port.iface, bytes, tx, `${port.node}'s link ${port.iface} is down: the frame reaches no switch port`, why);
      rec.eventWith('drop', port.node, `${port.node} ${port.iface}: link down, frame lost`, { reason: 'link-down' });
      return;
    }
    if (tag || rec.full) {
      const tx = rec.transmit(port.nicEnd, port.switchEnd, time, arrive, bytes, tracer.flowId(tag), why);
      if (tag) tracer.sent(tag, port.iface, bytes, tx, why);
    } else rec.transmissionCount++;
    sched.call(arrive, VSwitch.arriveAtSwitch, port, bytes, tag);
  }

  /** A frame from a NIC reaches its switch port (scheduled). */
  private static arriveAtSwitch(port: Port, frame: Uint8Array, tag: number): void {
    port.sw.ingress(port, frame, tag);
  }

  private ingress(port: Port, frame: Uint8Array, tag: number): void {
    if (!port.up) return this.lostOnWire(port, tag, `${port.node}'s link ${port.iface} to port ${port.id}`);
    const { tracer, rec } = this.ctx;
    const explain = tag !== 0 || rec.full;
    if (this.probes?.takes(port, frame)) return;
    if (tag) tracer.begin(tag, this.id, port.id, { kind: 'received', interface: port.id, text: `received on port ${port.id} (${port.vlanText})` });
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
    const isGroup = (bytes[0]! & 1) === 1; // the I/G bit: broadcast or multicast
    const dst = ethDst(bytes);
    const out = isGroup ? undefined : this.macs[port.group]!.get(dst);
    if (out === undefined) {
      const why = !explain
        ? ''
        : isGroup
          ? dst === BROADCAST_MAC
            ? (this.broadcastWhy[port.group] ??= `The switch floods the broadcast to every other port of ${port.vlanText}.`)
            : `The switch floods the multicast to every other port of ${port.vlanText}.`
          : `The switch has not learned ${numToMac(dst)} yet, so it floods the frame to every other port of ${port.vlanText}.`;
      if (tag) tracer.step(tag, { kind: 'switch', ...(port.vlan !== undefined ? { vlan: port.vlan } : {}), port: 'flood', text: why });
      const members = this.groups[port.group]!;
      // The copy for the host's PA port meets VFP there, as a forwarded frame does (see throughVfp).
      const pa = vfp ? vfp.paPortIndex : -1;
      if (tag) {
        // Every copy goes out, in port order; the trace follows the one towards the NIC that owns the
        // destination MAC (the simulator knows it, the switch does not), else the first. A copy lost on
        // another port's dead link is not the packet's fate.
        let follow = -1;
        for (let i = 0; i < members.length && follow < 0; i++) if (members[i] !== port.index && !isGroup && this.nicMacs[members[i]!] === dst) follow = members[i]!;
        for (let i = 0; i < members.length && follow < 0; i++) if (members[i] !== port.index) follow = members[i]!;
        for (let i = 0; i < members.length; i++) {
          const m = members[i]!;
          if (m === port.index) continue;
          // VFP tells the trace what it did only with the copy the trace follows.
          if (m === pa && this.throughVfp(vfp!, this.ports[m]!, bytes, m === follow ? tag : 0, time)) continue;
          this.egress(this.ports[m]!, bytes, tag, time, why, m === follow);
        }
        return;
      }
      // Untraced: one event per port whose link is up, all sharing the frame, and (recorded) one
      // transmission per port, from the flat arrays (what egress does for each, without the Port objects).
      const { sched } = this.ctx;
      const arrive = time + Timing.link;
      const { portUp, switchEnds, nicEnds } = this;
      const full = rec.full;
      for (let i = 0; i < members.length; i++) {
        const m = members[i]!;
        if (m === port.index || (m === pa && this.throughVfp(vfp!, this.ports[m]!, bytes, 0, time))) continue;
        const up = portUp[m] === 1;
        if (full) rec.transmit(switchEnds[m]!, up ? nicEnds[m]! : NO_END, time, arrive, bytes, undefined, why);
        else rec.transmissionCount++;
        if (up) sched.call(arrive, this.arriveAtNic, m, bytes, 0);
      }
      return;
    }
    if (out === port.index) return;
    const outPort = this.ports[out]!;
    if (vfp && vfp.isPaPort(outPort) && this.throughVfp(vfp, outPort, bytes, tag, time)) return;
    this.egress(outPort, bytes, tag, time, explain ? this.learnedNote(outPort, dst) : '');
  }

  /** "The switch learned <dst> on port <out>, so it forwards the frame there (VLAN n).": made once per port and MAC. */
  private learnedNote(out: Port, dst: number): string {
    const i = out.index;
    const known = this.learnedWhy[i];
    if (known !== undefined && this.learnedWhyMac[i] === dst) return known;
    // The port a frame arrived on is in the same group as the port it leaves by: one VLAN, one text.
    const text = `The switch learned ${numToMac(dst)} on port ${out.id}, so it forwards the frame there (${out.vlanText}).`;
    this.learnedWhy[i] = text;
    this.learnedWhyMac[i] = dst;
    return text;
  }

  /**
   * A frame for the host's PA port meets VFP on it: VXLAN for the host PA is decapsulated and sent on to its
   * DIP's port, or dropped (VFP says why); true either way. Anything else is not VFP's to take (false): the
   * frame goes out of the port as it is.
   */
  private throughVfp(vfp: Vfp, paPort: Port, bytes: Uint8Array, tag: number, time: SimTime): boolean {
    const inner = vfp.decap(paPort, bytes, tag);
    if (inner === undefined) return false;
    if (inner !== 'drop') this.egress(this.ports[inner.port]!, inner.bytes, tag, time + Timing.vfp, inner.why);
    return true;
  }

  /**
   * Sends a frame out of `port`. `traced` (true when tagged, unless told otherwise): the trace's current hop
   * records it; a flood's other copies are recorded under the flow but leave the trace alone.
   */
  egress(port: Port, bytes: Uint8Array, tag: number, time: SimTime, why: Note, traced = tag !== 0): void {
    const { rec, tracer, sched } = this.ctx;
    const arrive = time + Timing.link;
    if (tag === 0 && !rec.full && this.portUp[port.index] === 1) {
      // Untraced and unrecorded: count it and send it on.
      rec.transmissionCount++;
      sched.call(arrive, this.arriveAtNic, port.index, bytes, 0);
      return;
    }
    if (traced) tracer.step(tag, { kind: 'switch', ...(port.vlan !== undefined ? { vlan: port.vlan } : {}), port: port.id, text: `out of port ${port.id}` });
    if (!port.up) {
      const tx = rec.transmit(port.switchEnd, NO_END, time, arrive, bytes, tracer.flowId(tag), why);
      if (traced) tracer.lost(tag, port.id, bytes, tx, `the link from port ${port.id} to ${port.node} ${port.iface} is down`, why);
      return;
    }
    const tx = rec.transmit(port.switchEnd, port.nicEnd, time, arrive, bytes, tracer.flowId(tag), why);
    if (traced) tracer.sent(tag, port.id, bytes, tx, why);
    sched.call(arrive, this.arriveAtNic, port.index, bytes, tag);
  }

  private learn(port: Port, mac: number): void {
    const table = this.macs[port.group]!;
    if (table.get(mac) === port.index) return;
    table.set(mac, port.index);
    const { rec } = this.ctx;
    if (rec.full) rec.table(this.id, 'mac', `${port.group}/${mac}`, { cells: { mac: numToMac(mac), port: port.id, vlan: port.vlan !== undefined ? String(port.vlan) : '-' } });
  }

  /** A port's link goes down or up; its learned MACs are forgotten when it goes down. */
  setPortUp(port: Port, up: boolean): void {
    (port as { up: boolean }).up = up;
    this.portUp[port.index] = up ? 1 : 0;
    if (up) return;
    const table = this.macs[port.group]!;
    for (const [mac, i] of table) {
      if (i !== port.index) continue;
      table.delete(mac);
      this.ctx.rec.table(this.id, 'mac', `${port.group}/${mac}`, undefined);
    }
  }
}
