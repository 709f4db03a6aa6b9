// Which frames each capture point keeps, on which interface, in which direction and at what time, with what
// comment; checked on the simulator's own runs.
import { beforeEach, describe, expect, it } from 'vitest';
import { decodePacket } from '../packets/decode';
import type { Transmission } from '../protocol';
import { runPoc } from '../run/fixtures';
import type { SimRun } from '../run/simulate';
import { buildCapture, CAPTURE_POINTS, capturePointOf } from './capture';

const SWITCH = 'CCI_External_vSwitch';

/** The TCP segment a frame carries, innermost, as "src:port>dst:port seq flags", or undefined. */
function segment(bytes: Uint8Array): string | undefined {
  const d = decodePacket(bytes);
  if (!d.ok) return undefined;
  const inner = [...d.value.layers].reverse();
  const ip = inner.find((l) => l.type === 'ipv4');
  const tcp = inner.find((l) => l.type === 'tcp');
  if (ip?.type !== 'ipv4' || tcp?.type !== 'tcp') return undefined;
  return `${ip.src}:${tcp.srcPort}>${ip.dst}:${tcp.dstPort} ${tcp.seq} ${tcp.ack} ${ip.identification}`;
}

describe('capture points', () => {
  // Simulated inside each test (beforeEach), not once for the file: mutation testing then knows which tests cover what.
  let run: SimRun;
  let sent: readonly Transmission[];
  beforeEach(() => {
    run = runPoc({});
    sent = run.result.transmissions;
  });

  it("'all' (buildCapture's default): every transmission once, on its sender's side, outbound at its sending time, in time order", () => {
    const c = buildCapture(sent, SWITCH);
    expect(c.packets.length).toBe(sent.length);
    expect(c.packets.map((p) => c.interfaces[p.interfaceIndex]!.name)).toEqual(sent.map((t) => capturePointOf(t, SWITCH)));
    expect(c.packets.map((p) => p.timeUs)).toEqual(sent.map((t) => t.time));
    expect(new Set(c.packets.map((p) => p.direction))).toEqual(new Set(['outbound']));
    expect(c.packets.map((p) => p.data)).toEqual(sent.map((t) => t.bytes));
    // One interface per point, numbered in the order first seen.
    expect(c.interfaces.slice(0, 3).map((i) => i.name)).toEqual(['MuxVM mgmt', `${SWITCH} port ADVM.eth0`, `${SWITCH} port BGPVM.mgmt`]);
    expect(new Set(c.interfaces.map((i) => i.name)).size).toBe(c.interfaces.length);
  });

  it('offers three sets of points, the default first', () => {
    expect(CAPTURE_POINTS).toEqual(['vm', 'switch', 'all']);
  });

  it('orders by time, then by transmission, whatever order it is given', () => {
    for (const points of CAPTURE_POINTS) expect(buildCapture([...sent].reverse(), SWITCH, points)).toEqual(buildCapture(sent, SWITCH, points));
    // Frames sent at the same time keep the order they were sent in.
    const c = buildCapture([...sent].reverse(), SWITCH, 'all');
    const same = c.packets.filter((p) => p.timeUs === 55).map((p) => Number(p.comment!.split(' ')[0]!.slice(1)));
    expect(same).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('names the receiving node alone when the receiving interface is not known, and adds no note or flow it lacks', () => {
    const { toInterface: _, note: _note, ...bare } = sent.find((t) => t.fromNode === 'MuxVM')!;
    const c = buildCapture([bare], SWITCH, 'all');
    expect(c.packets[0]!.comment).toBe('#0 MuxVM mgmt -> CCI_External_vSwitch: ARP who has 192.168.100.1? tell 192.168.100.6');
    // At the VMs' NICs, a frame the switch changed, arriving at an interface not named: the node's name alone.
    const { toInterface: _i, ...decapsulated } = sent.find((t) => t.fromNode === SWITCH && t.toNode === 'PortalVM' && t.flowId === 'flow')!;
    expect(buildCapture([decapsulated], SWITCH, 'vm').interfaces).toEqual([{ name: 'PortalVM' }]);
  });

  it("'vm': a frame is placed by the time it was captured: on arrival for what a VM receives", () => {
    const decapsulated = sent.find((t) => t.fromNode === SWITCH && t.toNode === 'PortalVM' && t.flowId === 'flow')!;
    // A frame PortalVM sends after the switch sent it the SYN, but before the SYN arrived.
    const reply = { ...sent.find((t) => t.fromNode === 'PortalVM')!, time: decapsulated.time + 10, id: decapsulated.id + 1 };
    const c = buildCapture([decapsulated, reply], SWITCH, 'vm');
    expect(c.packets.map((p) => [p.direction, p.timeUs])).toEqual([
      ['outbound', decapsulated.time + 10],
      ['inbound', decapsulated.arrive],
    ]);
  });

  it('names a point by the sending NIC, or the switch port a frame leaves by', () => {
    const first = sent[0]!;
    expect(capturePointOf(first, SWITCH)).toBe('MuxVM mgmt');
    expect(capturePointOf(sent[1]!, SWITCH)).toBe(`${SWITCH} port ADVM.eth0`);
  });

  it('comments each packet with its transmission, hop, summary, note and flow', () => {
    const c = buildCapture(sent, SWITCH, 'all');
    expect(c.packets[0]!.comment).toBe(
      '#0 MuxVM mgmt -> CCI_External_vSwitch MuxVM.mgmt: ARP who has 192.168.100.1? tell 192.168.100.6 | MuxVM asks who has 192.168.100.1 (ARP request, broadcast).',
    );
    const syn = sent.find((t) => t.flowId === 'flow' && t.fromNode === 'ClientVM')!;
    const packet = c.packets[sent.indexOf(syn)]!;
    expect(packet.comment).toBe(`#${syn.id} ClientVM eth0 -> ${SWITCH} ClientVM.eth0: ${syn.summary} | ${syn.note} [flow]`);
    expect(packet.comment).toMatch(/^#\d+ ClientVM eth0 -> CCI_External_vSwitch ClientVM\.eth0: 192\.168\.200\.10:\d+ -> 192\.168\.133\.74:443 TCP SYN TTL 128 \| ClientVM opens a TCP connection/);
  });

  it("'switch': what leaves each switch port, towards the VM behind it", () => {
    const c = buildCapture(sent, SWITCH, 'switch');
    const fromSwitch = sent.filter((t) => t.fromNode === SWITCH);
    expect(c.packets.length).toBe(fromSwitch.length);
    expect(c.packets.map((p) => c.interfaces[p.interfaceIndex]!.name)).toEqual(fromSwitch.map((t) => `${SWITCH} port ${t.fromInterface}`));
    expect(c.packets.map((p) => p.timeUs)).toEqual(fromSwitch.map((t) => t.time));
    expect(new Set(c.packets.map((p) => p.direction))).toEqual(new Set(['outbound']));
  });

  it("a link that is down: 'switch' captures a frame at the port it went nowhere from, 'vm' only where a VM sent it", () => {
    const down = runPoc({ to: 'PortalVM', whatIf: [{ action: 'fail', target: 'ClientVM:eth0', at: 0 }] }).result.transmissions;
    const lost = down.filter((t) => t.toNode === undefined);
    expect(lost.length).toBeGreaterThan(0);
    const c = buildCapture(down, SWITCH, 'switch');
    const inbound = c.packets.filter((p) => p.direction === 'inbound');
    expect(inbound.length).toBe(lost.length);
    expect(new Set(inbound.map((p) => c.interfaces[p.interfaceIndex]!.name))).toEqual(new Set([`${SWITCH} port ClientVM.eth0`]));
    expect(inbound[0]!.comment).toMatch(/^#\d+ ClientVM eth0 -> nowhere \(link down\): ARP who has 192\.168\.200\.1\? tell 192\.168\.200\.10/);
    expect(c.packets.length).toBe(down.filter((t) => t.fromNode === SWITCH).length + lost.length);
    // A frame the switch sends into a port that went down: MuxVM's mgmt link fails before BGPVM's delayed ACK to it.
    const muxDown = runPoc({ to: 'PortalVM', whatIf: [{ action: 'fail', target: 'MuxVM:mgmt', at: 100_000 }] }).result.transmissions;
    const intoDownPort = muxDown.filter((t) => t.fromNode === SWITCH && t.toNode === undefined);
    expect(intoDownPort.length).toBeGreaterThan(0);
    const atSwitch = buildCapture(muxDown, SWITCH, 'switch');
    expect(atSwitch.packets.filter((p) => p.comment?.startsWith(`#${intoDownPort[0]!.id} `)).map((p) => [atSwitch.interfaces[p.interfaceIndex]!.name, p.direction])).toEqual([
      [`${SWITCH} port MuxVM.mgmt`, 'outbound'],
    ]);
    expect(buildCapture(muxDown, SWITCH, 'vm').packets.filter((p) => intoDownPort.some((t) => p.comment?.startsWith(`#${t.id} `)))).toEqual([]);
    // VFP's decapsulated SYN (bytes no VM sent) going into PortalVM's port, which is down: not received, so not captured.
    // (Early, at 5 s: later the health probes would have taken PortalVM out of rotation and the MUX would drop it.)
    const portalDown = runPoc({ whatIf: [{ action: 'fail', target: 'PortalVM:eth0', at: 500_000 }], flowAt: [5_000_000] }).result.transmissions;
    const lostSyn = portalDown.find((t) => t.fromNode === SWITCH && t.toNode === undefined && t.flowId === 'flow')!;
    expect(lostSyn.fromInterface).toBe('PortalVM.eth0');
    const atVms = buildCapture(portalDown, SWITCH, 'vm');
    expect(atVms.packets.filter((p) => p.comment?.startsWith(`#${lostSyn.id} `))).toEqual([]);
    expect(atVms.interfaces.map((i) => i.name)).not.toContain('PortalVM eth0');
    // At the VMs' NICs, a frame lost on the way is captured where it was sent, and nowhere else.
    const vm = buildCapture(down, SWITCH, 'vm');
    const names = vm.interfaces.map((i) => i.name);
    expect(names.filter((n) => !/^[A-Za-z]+VM\d? [a-z]+\d?$|^HyperVHost pa$/.test(n))).toEqual([]);
    expect(vm.packets.filter((p) => p.direction === 'inbound' && p.comment?.includes('nowhere'))).toEqual([]);
  });

  it("'vm': what each VM sends, and what it receives changed by the switch; each TCP segment once", () => {
    const c = buildCapture(sent, SWITCH, 'vm');
    const names = c.packets.map((p) => c.interfaces[p.interfaceIndex]!.name);
    expect(names.filter((n) => n.startsWith(SWITCH))).toEqual([]);
    // PortalVM eth0 early: the SLB host agent's health probe reaches it at 0.5 s.
    expect(c.interfaces.map((i) => i.name)).toEqual(['MuxVM mgmt', 'BGPVM mgmt', 'PortalVM eth0', 'ClientVM eth0', 'NATVM inside', 'BGPVM transit', 'ADVM eth0', 'MuxVM pa', 'HyperVHost pa']);
    // Every frame a VM sent that is not a TCP segment is kept (ARP, DNS), outbound at its sending time.
    const vmSent = sent.filter((t) => t.fromNode !== SWITCH);
    const other = vmSent.filter((t) => segment(t.bytes) === undefined);
    for (const t of other) expect(c.packets.some((p) => p.data === t.bytes && p.direction === 'outbound' && p.timeUs === t.time)).toBe(true);
    // No TCP segment twice.
    const segments = c.packets.map((p) => segment(p.data)).filter((s) => s !== undefined);
    expect(new Set(segments).size).toBe(segments.length);
    // The SYN as VFP delivered it (VIP rewritten to the DIP): at PortalVM's NIC, inbound, when it arrived.
    const decapsulated = sent.find((t) => t.fromNode === SWITCH && t.toNode === 'PortalVM' && t.flowId === 'flow')!;
    const atPortal = c.packets.find((p) => p.data === decapsulated.bytes)!;
    expect(names[c.packets.indexOf(atPortal)]).toBe('PortalVM eth0');
    expect(atPortal.direction).toBe('inbound');
    expect(atPortal.timeUs).toBe(decapsulated.arrive);
    expect(atPortal.timeUs).toBeGreaterThan(decapsulated.time);
    expect(atPortal.comment).toContain(`${SWITCH} PortalVM.eth0 -> PortalVM eth0: 192.168.200.10:`);
    // The SYN the switch merely forwarded to NATVM is the one ClientVM sent: not captured again.
    const forwarded = sent.find((t) => t.fromNode === SWITCH && t.toNode === 'NATVM' && t.flowId === 'flow')!;
    expect(c.packets.filter((p) => p.comment?.startsWith(`#${forwarded.id} `))).toEqual([]);
    const original = sent.find((t) => t.fromNode === 'ClientVM' && t.flowId === 'flow')!;
    expect(c.packets.filter((p) => p.comment?.startsWith(`#${original.id} `)).map((p) => [names[c.packets.indexOf(p)], p.direction])).toEqual([['ClientVM eth0', 'outbound']]);
    const times = c.packets.map((p) => p.timeUs);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });
});
