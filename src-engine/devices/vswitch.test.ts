// The switch alone, with NICs that only note what reaches them: flooding and which flooded copy a trace follows
// (a broadcast, a multicast, a MAC no NIC of the group owns), a port group without a VLAN, a link that goes down
// while a frame is on it, a traced frame sent into a dead link, a frame for the port it came in on, and the MAC
// table changing once per MAC learned.
import { describe, expect, it } from 'vitest';
import { ethernet, ipv4, udp } from '../net/build';
import { encodePacket } from '../net/codec';
import { IPPROTO_UDP } from '../packets/layers';
import { Scheduler } from '../sim/scheduler';
import { Recorder } from '../trace/recorder';
import { Tracer } from '../trace/tracer';
import { portId } from '../view/ids';
import { VSwitch, type Port } from './vswitch';

const SW = 'vSwitch';
/** A frame from MAC `src` to MAC `dst` (UDP 5000 -> 6000, 10.0.0.1 -> 10.0.0.2). */
const frame = (src: string, dst: string) =>
  encodePacket([ethernet(src, dst), ipv4('10.0.0.1', '10.0.0.2', IPPROTO_UDP, 1), udp(5000, 6000), { type: 'raw', data: new Uint8Array(4) }]);
const macOf = (i: number) => `00:15:5d:00:00:0${i}`;
const macNum = (i: number) => 0x00155d000000 + i;

/** A switch with ports A, B, C, D on VLAN 1001 (group 0) and E, F in a group without a VLAN (group 1); port i's NIC has MAC 00:15:5d:00:00:0i. */
function rig(full = true) {
  const sched = new Scheduler();
  const rec = new Recorder(sched, { full });
  const tracer = new Tracer(sched);
  const sw = new VSwitch(SW, { sched, seed: 1, rec, tracer, nameOf: () => '' });
  /** What reached each NIC: [time, port, tag]. */
  const got: [number, string, number][] = [];
  const ports: Record<string, Port> = {};
  ['A', 'B', 'C', 'D', 'E', 'F'].forEach((node, i) => {
    const group = i < 4 ? 0 : 1;
    const nic = { receive: (_ifIndex: number, _bytes: Uint8Array, tag: number) => void got.push([sched.now, node, tag]) };
    ports[node] = sw.addPort({ id: portId(node, 'eth0'), node, iface: 'eth0', group, vlan: group === 0 ? 1001 : undefined, nic, nicIndex: 0, mac: macNum(i + 1) });
  });
  /** The trace of tag 1: its hops, its end. */
  const trace = () => {
    const b = tracer.get(1)!;
    return { hops: b.hops.map(({ node, interface: i, steps, why }) => ({ node, interface: i, steps, why })), final: b.final };
  };
  return { sched, rec, tracer, sw, ports, got, trace };
}

describe('a flooded frame: every other port of the group gets a copy; a trace follows one', () => {
  it('a traced broadcast: each other port of VLAN 1001 once, none back to the sender, the trace on the first of them', () => {
    const { sched, tracer, sw, ports, got, trace } = rig();
    tracer.open(1, 'flow', 'test');
    sw.fromNic(ports.B!, frame(macOf(2), 'ff:ff:ff:ff:ff:ff'), 1, 0, 'B sends');
    sched.run(1000);
    expect(got).toEqual([
      [45, 'A', 1],
      [45, 'C', 1],
      [45, 'D', 1],
    ]);
    const flood = 'The switch floods the broadcast to every other port of VLAN 1001.';
    expect(trace().hops.at(-1)).toStrictEqual({
      node: SW,
      interface: 'B.eth0',
      steps: [
        { kind: 'received', interface: 'B.eth0', text: 'received on port B.eth0 (VLAN 1001)' },
        { kind: 'switch', vlan: 1001, port: 'flood', text: flood },
        { kind: 'switch', vlan: 1001, port: 'A.eth0', text: 'out of port A.eth0' },
        { kind: 'sent', interface: 'A.eth0', text: 'sent out of A.eth0' },
      ],
      why: flood,
    });
  });

  it('a traced multicast: flooded as such, in words', () => {
    const { sched, tracer, sw, ports, got, trace } = rig();
    tracer.open(1, 'flow', 'test');
    sw.fromNic(ports.A!, frame(macOf(1), '01:00:5e:00:00:fb'), 1, 0, 'A sends');
    sched.run(1000);
    expect(got.map(([, p]) => p)).toEqual(['B', 'C', 'D']);
    expect(trace().hops.at(-1)!.why).toBe('The switch floods the multicast to every other port of VLAN 1001.');
  });

  it('a traced unicast to a MAC no NIC of the group owns: the trace follows the first other port', () => {
    const { sched, tracer, sw, ports, got, trace } = rig();
    tracer.open(1, 'flow', 'test');
    // E's MAC is in the other group: VLAN 1001 has no owner of it.
    sw.fromNic(ports.A!, frame(macOf(1), macOf(5)), 1, 0, 'A sends');
    sched.run(1000);
    expect(got.map(([, p]) => p)).toEqual(['B', 'C', 'D']);
    expect(trace().hops.at(-1)!.steps.slice(2)).toStrictEqual([
      { kind: 'switch', vlan: 1001, port: 'B.eth0', text: 'out of port B.eth0' },
      { kind: 'sent', interface: 'B.eth0', text: 'sent out of B.eth0' },
    ]);
  });

  it("a traced unicast flooded: the trace follows the owner's copy, and a copy lost on another port's dead link is not its fate", () => {
    const { sched, tracer, sw, ports, got, trace } = rig();
    sw.setPortUp(ports.B!, false);
    tracer.open(1, 'flow', 'test');
    sw.fromNic(ports.A!, frame(macOf(1), macOf(3)), 1, 0, 'A sends');
    sched.run(1000);
    expect(got).toEqual([
      [45, 'C', 1],
      [45, 'D', 1],
    ]);
    const t = trace();
    expect(t.final).toBeUndefined();
    expect(t.hops.at(-1)!.steps.slice(1)).toStrictEqual([
      { kind: 'switch', vlan: 1001, port: 'flood', text: 'The switch has not learned 00:15:5d:00:00:03 yet, so it floods the frame to every other port of VLAN 1001.' },
      { kind: 'switch', vlan: 1001, port: 'C.eth0', text: 'out of port C.eth0' },
      { kind: 'sent', interface: 'C.eth0', text: 'sent out of C.eth0' },
    ]);
  });

  it("an untraced broadcast in a recorded run: one transmission per other port, the dead port's going nowhere", () => {
    const { sched, rec, sw, ports, got } = rig();
    sw.setPortUp(ports.C!, false);
    sw.fromNic(ports.A!, frame(macOf(1), 'ff:ff:ff:ff:ff:ff'), 0, 0, 'A sends');
    sched.run(1000);
    expect(got.map(([, p]) => p)).toEqual(['B', 'D']);
    expect(rec.transmissions.filter((t) => t.fromNode === SW).map((t) => [t.fromInterface, t.toNode, t.note])).toEqual(
      ['B', 'C', 'D'].map((p) => [`${p}.eth0`, p === 'C' ? undefined : p, 'The switch floods the broadcast to every other port of VLAN 1001.']),
    );
  });
});

describe('a port group without a VLAN', () => {
  it("is named 'untagged group' in the trace's words; its steps carry no VLAN; its MAC rows read '-'", () => {
    const { sched, rec, tracer, sw, ports, trace } = rig();
    tracer.open(1, 'flow', 'test');
    sw.fromNic(ports.F!, frame(macOf(6), macOf(5)), 0, 0, 'F answers');
    sw.fromNic(ports.E!, frame(macOf(5), macOf(6)), 1, 100, 'E sends');
    sched.run(1000);
    expect(trace().hops.at(-1)).toStrictEqual({
      node: SW,
      interface: 'E.eth0',
      steps: [
        { kind: 'received', interface: 'E.eth0', text: 'received on port E.eth0 (untagged group)' },
        { kind: 'switch', port: 'F.eth0', text: 'out of port F.eth0' },
        { kind: 'sent', interface: 'F.eth0', text: 'sent out of F.eth0' },
      ],
      why: 'The switch learned 00:15:5d:00:00:06 on port F.eth0, so it forwards the frame there (untagged group).',
    });
    const flood = rec.transmissions.find((t) => t.fromNode === SW && t.time === 25)!;
    expect(flood.note).toBe('The switch has not learned 00:15:5d:00:00:05 yet, so it floods the frame to every other port of untagged group.');
    expect(rec.tableLog.map((c) => [c.key, c.row?.cells])).toEqual([
      ['1/' + macNum(6), { mac: macOf(6), port: 'F.eth0', vlan: '-' }],
      ['1/' + macNum(5), { mac: macOf(5), port: 'E.eth0', vlan: '-' }],
    ]);
  });
});

describe('a port group without a VLAN: a traced flood', () => {
  it('says which group it floods, with no VLAN on its step', () => {
    const { sched, tracer, sw, ports, trace } = rig();
    tracer.open(1, 'flow', 'test');
    sw.fromNic(ports.E!, frame(macOf(5), macOf(6)), 1, 0, 'E sends');
    sched.run(1000);
    const flood = 'The switch has not learned 00:15:5d:00:00:06 yet, so it floods the frame to every other port of untagged group.';
    expect(trace().hops.at(-1)!.steps.slice(1)).toStrictEqual([
      { kind: 'switch', port: 'flood', text: flood },
      { kind: 'switch', port: 'F.eth0', text: 'out of port F.eth0' },
      { kind: 'sent', interface: 'F.eth0', text: 'sent out of F.eth0' },
    ]);
  });
});

describe('links that go down', () => {
  it('a frame on the link from the switch when it goes down never reaches the NIC', () => {
    const { sched, sw, ports, got } = rig();
    sw.fromNic(ports.B!, frame(macOf(2), 'ff:ff:ff:ff:ff:ff'), 0, 0, 'B sends');
    // The switch sends the copies at 25 µs; they would arrive at 45.
    sched.at(30, () => sw.setPortUp(ports.C!, false));
    sched.run(1000);
    expect(got.map(([, p]) => p)).toEqual(['A', 'D']);
  });

  it('a frame on the link from a NIC when it goes down never reaches the switch', () => {
    const { sched, rec, sw, ports, got } = rig();
    sw.fromNic(ports.B!, frame(macOf(2), 'ff:ff:ff:ff:ff:ff'), 0, 0, 'B sends');
    sched.at(10, () => sw.setPortUp(ports.B!, false));
    sched.run(1000);
    expect(got).toEqual([]);
    expect(rec.tableLog).toEqual([]);
  });

  it("a traced frame a NIC sends into its dead link ends there, lost, and says so", () => {
    const { sched, rec, tracer, sw, ports, got } = rig();
    sw.setPortUp(ports.A!, false);
    tracer.open(1, 'flow', 'test');
    tracer.begin(1, 'A', 'eth0');
    sw.fromNic(ports.A!, frame(macOf(1), 'ff:ff:ff:ff:ff:ff'), 1, 0, 'A sends');
    sched.run(1000);
    expect(got).toEqual([]);
    const b = tracer.get(1)!;
    expect(b.final).toEqual({ disposition: 'link-down', reason: "A's link eth0 is down: the frame reaches no switch port", time: 0 });
    expect(b.hops.map((h) => [h.node, h.steps.map((s) => s.text)])).toEqual([
      ['A', ['sent out of eth0', "A's link eth0 is down: the frame reaches no switch port"]],
    ]);
    expect(rec.events.filter((e) => e.kind === 'drop').map((e) => e.summary)).toEqual(['A eth0: link down, frame lost']);
  });
});

describe('learning', () => {
  it('a frame for the MAC learned on the port it came in on goes nowhere', () => {
    const { sched, sw, ports, got } = rig();
    // Two MACs behind port A (as behind a bridge): the second frame is for the first.
    sw.fromNic(ports.A!, frame(macOf(7), 'ff:ff:ff:ff:ff:ff'), 0, 0, 'A sends');
    sched.run(100);
    got.length = 0;
    sw.fromNic(ports.A!, frame(macOf(1), macOf(7)), 0, 100, 'A sends');
    sched.run(1000);
    expect(got).toEqual([]);
  });

  it('the MAC table changes once per MAC learned, not once per frame', () => {
    const { sched, rec, sw, ports } = rig();
    for (const at of [0, 100, 200]) sw.fromNic(ports.A!, frame(macOf(1), 'ff:ff:ff:ff:ff:ff'), 0, at, 'A sends');
    sched.run(1000);
    expect(rec.tableLog.map((c) => [c.time, c.key])).toEqual([[20, '0/' + macNum(1)]]);
  });

  it('a port brought up again starts with no MACs, and one that is up keeps its own when told it is up', () => {
    const { sched, rec, sw, ports } = rig();
    sw.fromNic(ports.A!, frame(macOf(1), 'ff:ff:ff:ff:ff:ff'), 0, 0, 'A sends');
    sched.run(100);
    sw.setPortUp(ports.A!, true);
    expect(rec.tableLog.map((c) => [c.key, c.row === undefined])).toEqual([['0/' + macNum(1), false]]);
  });
});

describe('a run that keeps nothing traces as one that keeps everything', () => {
  /** Untraced: A broadcasts, B answers A; then C's traced frame for B. The trace's switch hop, in each kind of run. */
  const hop = (full: boolean) => {
    const { sched, tracer, sw, ports, trace } = rig(full);
    sw.fromNic(ports.A!, frame(macOf(1), 'ff:ff:ff:ff:ff:ff'), 0, 0, 'A asks');
    sw.fromNic(ports.B!, frame(macOf(2), macOf(1)), 0, 100, 'B answers');
    tracer.open(1, 'flow', 'test');
    sw.fromNic(ports.C!, frame(macOf(3), macOf(2)), 1, 200, 'C sends');
    sched.run(1000);
    const b = tracer.get(1)!;
    return [...b.hops.map((h) => [h.transmissionId, h.why]), ...trace().hops.map((h) => h.why)];
  };

  it('the same sentences and the same transmission numbers (NIC -> switch, the flood, the forwarded frame each count)', () => {
    const want = [[7, 'The switch learned 00:15:5d:00:00:02 on port B.eth0, so it forwards the frame there (VLAN 1001).'], 'The switch learned 00:15:5d:00:00:02 on port B.eth0, so it forwards the frame there (VLAN 1001).'];
    expect(hop(true)).toEqual(want);
    expect(hop(false)).toEqual(want);
  });

  it('a traced flood in a run that keeps nothing still says why', () => {
    const { sched, tracer, sw, ports, trace } = rig(false);
    tracer.open(1, 'flow', 'test');
    sw.fromNic(ports.A!, frame(macOf(1), macOf(2)), 1, 0, 'A sends');
    sched.run(1000);
    expect(trace().hops.map((h) => h.why)).toEqual(['The switch has not learned 00:15:5d:00:00:02 yet, so it floods the frame to every other port of VLAN 1001.']);
  });
});
