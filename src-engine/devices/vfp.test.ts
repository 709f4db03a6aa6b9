// VFP alone, on a host of its own making: one load-balancing rule (VIP 192.168.133.74 TCP 443 to PortalVM), one
// outbound NAT rule, ports by index. Each packet is built here, so every branch VFP takes is checked against the exact
// bytes a fresh packet would have (addresses, ports, identifiers, checksums), traced or not, recorded or not.
import { describe, expect, it } from 'vitest';
import { ipToU32, macToNum, u32ToIp } from '../net/addr';
import { ethernet, ipv4, SYN, SYN_ACK, tcp, tcpFlags, udp } from '../net/build';
import { encodePacket } from '../net/codec';
import { IPPROTO_TCP, IPPROTO_UDP, type Layer, VXLAN_FLAGS_VNI } from '../packets/layers';
import { Scheduler } from '../sim/scheduler';
import { Recorder } from '../trace/recorder';
import { Tracer } from '../trace/tracer';
import { type VfpConfig, type VfpOutboundRule, Vfp } from './vfp';
import type { Port } from './vswitch';
import { noteText } from '../view/notes';

const SW = 'CCI_External_vSwitch';
const PORTAL = '192.168.100.9';
const PORTAL_MAC = '00:15:5d:64:00:09';
const VIP = '192.168.133.74';
const CLIENT = '192.168.200.10';
const GATEWAY_MAC = '00:15:5d:64:00:01';
const HOST_PA = '192.168.233.21';
const NAMES: Record<string, string> = { [PORTAL]: 'PortalVM', '192.168.100.7': 'xRPVM' };
const IPPROTO_ICMP = 1;
const IPPROTO_GRE = 47;

/** Ports by index: 0 the host's PA, 1 PortalVM, 2 xRPVM, 3 ADVM (no DIP). */
const PORTS = ['HyperVHost.pa', 'PortalVM.eth0', 'xRPVM.eth0', 'ADVM.eth0'].map((id, index) => ({ id, index }) as Partial<Port> as Port);
const [PA, PORTAL_PORT, XRP_PORT, AD_PORT] = PORTS as [Port, Port, Port, Port];

const OUTBOUND: VfpOutboundRule = {
  name: 'portal-outbound',
  vip: ipToU32(VIP),
  first: 10000,
  last: 10001,
  dips: [{ ip: ipToU32(PORTAL), portIndex: 1, network: ipToU32('192.168.100.0'), len: 24 }],
};
const CONFIG: VfpConfig = {
  host: 'HyperVHost',
  paIp: ipToU32(HOST_PA),
  paPortIndex: 0,
  vni: 4096,
  rules: [{ name: 'portal-https', vip: ipToU32(VIP), protocol: IPPROTO_TCP, port: 443, dips: [{ ip: ipToU32(PORTAL), port: 443, mac: macToNum(PORTAL_MAC), portIndex: 1 }] }],
  outbound: [OUTBOUND],
};

/** A VFP with its own clock, recorder (full or not) and tracer; `traced()` opens trace 1 at the switch. */
function host(full: boolean, config: VfpConfig = CONFIG) {
  const sched = new Scheduler();
  const rec = new Recorder(sched, { full });
  const tracer = new Tracer(sched);
  const vfp = new Vfp({ sched, seed: 1, rec, tracer, nameOf: (ip) => NAMES[u32ToIp(ip)] ?? u32ToIp(ip) }, SW, config);
  const traced = () => {
    tracer.open(1, 'probe', 'a probe');
    tracer.begin(1, SW, 'HyperVHost.pa');
    return 1;
  };
  const trace = () => tracer.get(1)!;
  const steps = () => trace().current?.steps.map((s) => s.text) ?? trace().hops.flatMap((h) => h.steps.map((s) => s.text));
  return { vfp, rec, traced, trace, steps };
}

/** The MUX's VXLAN to the host PA around `inner`, as MuxVM sends it. */
const vxlan = (inner: Layer[], { dst = HOST_PA, vni = 4096, flags = VXLAN_FLAGS_VNI } = {}) =>
  encodePacket([ethernet('00:15:5d:e9:00:06', '00:15:5d:e9:00:15'), ipv4('192.168.233.6', dst, IPPROTO_UDP, 9, 128), udp(54321, 4789, 0), { type: 'vxlan', flags, vni }, ...inner]);
const fromClient = (l4: Layer[], proto: number, dst = VIP, dstMac = PORTAL_MAC): Layer[] => [ethernet(GATEWAY_MAC, dstMac), ipv4(CLIENT, dst, proto, 7, 126, true), ...l4];
const fromPortal = (l4: Layer[], proto: number, dst: string, src = PORTAL, srcMac = PORTAL_MAC): Uint8Array => encodePacket([ethernet(srcMac, GATEWAY_MAC), ipv4(src, dst, proto, 11, 128, true), ...l4]);
const SYN_IN = fromClient([tcp(50000, 443, 1000, 0, SYN)], IPPROTO_TCP);
const data = (n: number): Layer => ({ type: 'raw', data: new Uint8Array(n).fill(0x61) });

describe('VFP decapsulates only VXLAN for the host PA', () => {
  it('an untraced packet of an unrecorded run: rewritten to the DIP, no sentence built (why is empty)', () => {
    const { vfp } = host(false);
    expect(vfp.decap(PA, vxlan(SYN_IN), 0)).toEqual({ port: 1, bytes: encodePacket(fromClient([tcp(50000, 443, 1000, 0, SYN)], IPPROTO_TCP, PORTAL)), why: '' });
  });

  it('a recorded run: the same bytes, its sentence, and the flow as a row of the flow table and an event', () => {
    const { vfp, rec } = host(true);
    const r = vfp.decap(PA, vxlan(SYN_IN), 0);
    // The sentence is handed as its data (view/notes.ts) and made when read.
    expect(r === 'drop' || r === undefined ? r : { ...r, why: noteText(r.why) }).toEqual({
      port: 1,
      bytes: encodePacket(fromClient([tcp(50000, 443, 1000, 0, SYN)], IPPROTO_TCP, PORTAL)),
      why: `VFP decapsulates the VXLAN packet addressed to the host PA ${HOST_PA}, rewrites VIP ${VIP} to DIP ${PORTAL}:443 (rule portal-https) and delivers it to PortalVM's port.`,
    });
    expect(rec.tableLog.map((c) => [c.table, c.key, c.row?.cells])).toEqual([
      ['vfp-flows', `6|${ipToU32(PORTAL)}:443|${ipToU32(CLIENT)}:50000`, { client: `${CLIENT}:50000`, VIP: `${VIP}:443`, DIP: `${PORTAL}:443`, port: 'PortalVM', created: '0' }],
    ]);
    expect(rec.events.map((e) => [e.kind, e.summary])).toEqual([['flow-created', `VFP flow ${CLIENT}:50000 -> VIP ${VIP}:443 = DIP ${PORTAL}:443`]]);
    // The same flow again: no second row.
    vfp.decap(PA, vxlan(SYN_IN), 0);
    expect(rec.tableLog).toHaveLength(1);
  });

  it('leaves what is not IPv4, not UDP, not for the host PA or not on port 4789 to the switch (undefined)', () => {
    const { vfp } = host(true);
    const notIpv4 = vxlan(SYN_IN);
    notIpv4.set([0x86, 0xdd], 12);
    expect(vfp.decap(PA, notIpv4, 0)).toBeUndefined();
    const notUdp = vxlan(SYN_IN);
    notUdp[14 + 9] = IPPROTO_TCP;
    expect(vfp.decap(PA, notUdp, 0)).toBeUndefined();
    expect(vfp.decap(PA, vxlan(SYN_IN, { dst: '192.168.233.22' }), 0)).toBeUndefined();
    const otherPort = vxlan(SYN_IN);
    otherPort.set([0x12, 0xb6], 14 + 20 + 2);
    expect(vfp.decap(PA, otherPort, 0)).toBeUndefined();
    expect(vfp.decap(PA, vxlan(SYN_IN), 0)).not.toBeUndefined();
  });

  it.each([
    ['ICMP', fromClient([{ type: 'icmp', kind: 'echo-request', code: 0, identifier: 0x4321, sequence: 5 }, data(8)], IPPROTO_ICMP), `${VIP}:0`],
    ['UDP', fromClient([udp(50000, 53), data(8)], IPPROTO_UDP), `${VIP}:53`],
    ["UDP to the TCP rule's port", fromClient([udp(50000, 443), data(8)], IPPROTO_UDP), `${VIP}:443`],
    ['TCP to another port', fromClient([tcp(50000, 8443, 1, 0, SYN)], IPPROTO_TCP), `${VIP}:8443`],
    ['TCP to a MAC no DIP has', fromClient([tcp(50000, 443, 1, 0, SYN)], IPPROTO_TCP, VIP, '00:15:5d:64:00:07'), `${VIP}:443`],
  ])('%s: dropped for want of a policy, naming the VIP port it read (none for ICMP)', (_, inner, vipPort) => {
    const { vfp, rec, traced, trace } = host(true);
    const tag = traced();
    expect(vfp.decap(PA, vxlan(inner), tag)).toBe('drop');
    const mac = inner[0]!.type === 'ethernet' ? inner[0]!.dst : '';
    const reason = `VFP has no load-balancing policy for ${vipPort} towards ${mac}`;
    expect([trace().final?.disposition, trace().final?.reason]).toEqual(['no-rule', reason]);
    expect(rec.events.map((e) => [e.kind, e.summary])).toEqual([['drop', reason]]);
  });
});

describe("VFP's Direct Server Return", () => {
  const synAck = (srcPort = 443, dstPort = 50000) => fromPortal([tcp(srcPort, dstPort, 5000, 1001, SYN_ACK)], IPPROTO_TCP, CLIENT);
  const synAckFromVip = encodePacket([ethernet(PORTAL_MAC, GATEWAY_MAC), ipv4(VIP, CLIENT, IPPROTO_TCP, 11, 128, true), tcp(443, 50000, 5000, 1001, SYN_ACK)]);

  it('rewrites the answer of a recorded flow from the DIP back to the VIP, checksums as if built so', () => {
    const { vfp, traced, steps } = host(false);
    vfp.decap(PA, vxlan(SYN_IN), 0);
    expect(vfp.fromPort(PORTAL_PORT, synAck(), 0)).toEqual(synAckFromVip);
    const tag = traced();
    expect(vfp.fromPort(PORTAL_PORT, synAck(), tag)).toEqual(synAckFromVip);
    expect(steps()).toEqual([
      `VFP on PortalVM.eth0 matches the recorded flow and rewrites the source DIP ${PORTAL}:443 back to VIP ${VIP}:443 (Direct Server Return: no MUX on the way back)`,
    ]);
  });

  it('without outbound NAT: the same, and nothing before the first flow or for another flow', () => {
    const { vfp } = host(false, { ...CONFIG, outbound: [] });
    expect(vfp.fromPort(PORTAL_PORT, synAck(), 0)).toBeUndefined();
    vfp.decap(PA, vxlan(SYN_IN), 0);
    expect(vfp.fromPort(PORTAL_PORT, synAck(), 0)).toEqual(synAckFromVip);
    expect(vfp.fromPort(PORTAL_PORT, synAck(443, 50001), 0)).toBeUndefined();
    // ICMP from the DIP: no flow, and no outbound rule to translate it.
    expect(vfp.fromPort(PORTAL_PORT, fromPortal([{ type: 'icmp', kind: 'echo-request', code: 0, identifier: 9, sequence: 1 }, data(8)], IPPROTO_ICMP, CLIENT), 0)).toBeUndefined();
  });

  it('leaves frames that are not IPv4, and ports no DIP is on, as they are', () => {
    const { vfp } = host(false);
    vfp.decap(PA, vxlan(SYN_IN), 0);
    const notIpv4 = synAck();
    notIpv4.set([0x86, 0xdd], 12);
    expect(vfp.fromPort(PORTAL_PORT, notIpv4, 0)).toBeUndefined();
    expect(vfp.fromPort(AD_PORT, synAck(), 0)).toBeUndefined();
  });
});

describe("VFP's outbound NAT", () => {
  const toClient = (l4: Layer[], proto: number, src = PORTAL) => fromPortal(l4, proto, CLIENT, src);
  const asVip = (l4: Layer[], proto: number) => encodePacket([ethernet(PORTAL_MAC, GATEWAY_MAC), ipv4(VIP, CLIENT, proto, 11, 128, true), ...l4]);
  const ACK = tcpFlags({ ack: true });

  it('TCP: the first SYN takes the first port of the range, and every later segment of that connection the same port', () => {
    const { vfp, rec } = host(true);
    expect(vfp.fromPort(PORTAL_PORT, toClient([tcp(58290, 8080, 1, 0, SYN)], IPPROTO_TCP), 0)).toEqual(asVip([tcp(10000, 8080, 1, 0, SYN)], IPPROTO_TCP));
    expect(vfp.fromPort(PORTAL_PORT, toClient([tcp(58290, 8080, 2, 9, ACK), data(5)], IPPROTO_TCP), 0)).toEqual(asVip([tcp(10000, 8080, 2, 9, ACK), data(5)], IPPROTO_TCP));
    // Another connection (another source port, or the same one to another port): the next port.
    expect(vfp.fromPort(PORTAL_PORT, toClient([tcp(58291, 8080, 1, 0, SYN)], IPPROTO_TCP), 0)).toEqual(asVip([tcp(10001, 8080, 1, 0, SYN)], IPPROTO_TCP));
    expect(rec.tableLog.map((c) => [c.key, c.row?.cells.protocol, c.row?.cells.remote])).toEqual([
      [`6|${ipToU32(VIP)}|10000`, 'TCP', `${CLIENT}:8080`],
      [`6|${ipToU32(VIP)}|10001`, 'TCP', `${CLIENT}:8080`],
    ]);
  });

  it('TCP: a segment other than a first SYN, with no translation yet, answers a connection from outside and is left alone', () => {
    const { vfp } = host(true);
    expect(vfp.fromPort(PORTAL_PORT, toClient([tcp(8080, 58290, 1, 2, SYN_ACK)], IPPROTO_TCP), 0)).toBeUndefined();
    expect(vfp.fromPort(PORTAL_PORT, toClient([tcp(8080, 58290, 1, 2, ACK)], IPPROTO_TCP), 0)).toBeUndefined();
  });

  it('UDP: its checksum adjusted, or left 0 (none) when the DIP sent none; recorded as UDP', () => {
    const { vfp, rec } = host(true);
    expect(vfp.fromPort(PORTAL_PORT, toClient([udp(5353, 53), data(6)], IPPROTO_UDP), 0)).toEqual(asVip([udp(10000, 53), data(6)], IPPROTO_UDP));
    expect(vfp.fromPort(PORTAL_PORT, toClient([udp(5354, 53, 0), data(6)], IPPROTO_UDP), 0)).toEqual(asVip([udp(10001, 53, 0), data(6)], IPPROTO_UDP));
    expect(rec.tableLog.map((c) => c.row?.cells.protocol)).toEqual(['UDP', 'UDP']);
    expect(rec.events.map((e) => e.summary)).toEqual([
      `VFP outbound NAT (portal-outbound): UDP ${PORTAL}:5353 -> ${CLIENT} leaves as VIP ${VIP}:10000`,
      `VFP outbound NAT (portal-outbound): UDP ${PORTAL}:5354 -> ${CLIENT} leaves as VIP ${VIP}:10001`,
    ]);
  });

  it('ICMP: an echo request takes a port as its identifier; an echo reply, or a protocol with no ports, is left alone', () => {
    const { vfp, rec, traced, steps } = host(true);
    const tag = traced();
    const echo = (kind: 'echo-request' | 'echo-reply', identifier: number): Layer[] => [{ type: 'icmp', kind, code: 0, identifier, sequence: 3 }, data(8)];
    expect(vfp.fromPort(PORTAL_PORT, toClient(echo('echo-request', 0x77), IPPROTO_ICMP), tag)).toEqual(asVip(echo('echo-request', 10000), IPPROTO_ICMP));
    expect(steps()).toEqual([
      `outbound NAT (rule portal-outbound): VFP on PortalVM.eth0 rewrites the source DIP ${PORTAL}:119 to VIP ${VIP}:10000, the echo identifier from the range 10000-10001 the SLB manager gave this host; the packet leaves for the DIP's gateway without passing the MUX`,
    ]);
    expect(rec.tableLog.map((c) => [c.row?.cells.protocol, c.row?.cells.remote])).toEqual([['ICMP', CLIENT]]);
    expect(vfp.fromPort(PORTAL_PORT, toClient(echo('echo-reply', 0x78), IPPROTO_ICMP), 0)).toBeUndefined();
    expect(vfp.fromPort(PORTAL_PORT, toClient([data(24)], IPPROTO_GRE), 0)).toBeUndefined();
    expect(rec.tableLog).toHaveLength(1);
  });

  it("leaves its subnet, a VIP and a source that is no DIP's alone", () => {
    const { vfp } = host(true);
    expect(vfp.fromPort(PORTAL_PORT, fromPortal([tcp(58290, 445, 1, 0, SYN)], IPPROTO_TCP, '192.168.100.2'), 0)).toBeUndefined();
    expect(vfp.fromPort(PORTAL_PORT, fromPortal([tcp(58290, 443, 1, 0, SYN)], IPPROTO_TCP, VIP), 0)).toBeUndefined();
    expect(vfp.fromPort(PORTAL_PORT, toClient([tcp(58290, 8080, 1, 0, SYN)], IPPROTO_TCP, '192.168.100.7'), 0)).toBeUndefined();
  });

  it("reads the subnet of the sending DIP, not of the rule's first; a /0 DIP sees everything as its subnet", () => {
    const two: VfpOutboundRule = {
      ...OUTBOUND,
      dips: [
        { ip: ipToU32('192.168.100.7'), portIndex: 2, network: ipToU32('192.168.200.0'), len: 24 },
        { ip: ipToU32(PORTAL), portIndex: 1, network: ipToU32('192.168.100.0'), len: 24 },
      ],
    };
    const { vfp } = host(false, { ...CONFIG, outbound: [two] });
    // xRPVM's subnet is (here) the client's: its SYN to the client stays; PortalVM's is translated.
    const fromXrp = fromPortal([tcp(58290, 8080, 1, 0, SYN)], IPPROTO_TCP, CLIENT, '192.168.100.7', '00:15:5d:64:00:07');
    expect(vfp.fromPort(XRP_PORT, fromXrp, 0)).toBeUndefined();
    expect(vfp.fromPort(PORTAL_PORT, toClient([tcp(58290, 8080, 1, 0, SYN)], IPPROTO_TCP), 0)).toEqual(asVip([tcp(10000, 8080, 1, 0, SYN)], IPPROTO_TCP));

    const all: VfpOutboundRule = { ...OUTBOUND, dips: [{ ip: ipToU32(PORTAL), portIndex: 1, network: 0, len: 0 }] };
    expect(host(false, { ...CONFIG, outbound: [all] }).vfp.fromPort(PORTAL_PORT, toClient([tcp(58290, 8080, 1, 0, SYN)], IPPROTO_TCP), 0)).toBeUndefined();
  });

  it('with its range used up: the new connection is dropped, said so, and nothing is translated', () => {
    const { vfp, rec, traced, trace } = host(true, { ...CONFIG, outbound: [{ ...OUTBOUND, last: 10000 }] });
    vfp.fromPort(PORTAL_PORT, toClient([tcp(58290, 8080, 1, 0, SYN)], IPPROTO_TCP), 0);
    const tag = traced();
    expect(vfp.fromPort(PORTAL_PORT, toClient([tcp(58291, 8080, 1, 0, SYN)], IPPROTO_TCP), tag)).toBeUndefined();
    const reason = `VFP has no free port left in portal-outbound's range 10000-10000 of VIP ${VIP}`;
    expect([trace().final?.disposition, trace().final?.reason]).toEqual(['no-rule', reason]);
    expect(rec.events.map((e) => [e.kind, e.summary])).toEqual([
      ['flow-created', `VFP outbound NAT (portal-outbound): TCP ${PORTAL}:58290 -> ${CLIENT} leaves as VIP ${VIP}:10000`],
      ['drop', reason],
    ]);
  });

  it('an answer through the MUX goes back to the DIP: its MAC, address and port (or echo identifier) restored', () => {
    const { vfp } = host(false);
    vfp.fromPort(PORTAL_PORT, toClient([tcp(58290, 8080, 1, 0, SYN)], IPPROTO_TCP), 0);
    vfp.fromPort(PORTAL_PORT, toClient([{ type: 'icmp', kind: 'echo-request', code: 0, identifier: 0x77, sequence: 3 }, data(8)], IPPROTO_ICMP), 0);
    // The MUX forwards the answer with the host's (not the DIP's) inner MAC: VFP knows the DIP's from its first packet.
    const answer = (l4: Layer[], proto: number) => [ethernet(GATEWAY_MAC, '00:15:5d:e9:00:15'), ipv4(CLIENT, VIP, proto, 7, 126, true), ...l4];
    const atDip = (l4: Layer[], proto: number) => encodePacket([ethernet(GATEWAY_MAC, PORTAL_MAC), ipv4(CLIENT, PORTAL, proto, 7, 126, true), ...l4]);
    expect(vfp.decap(PA, vxlan(answer([tcp(8080, 10000, 7, 2, SYN_ACK)], IPPROTO_TCP)), 0)).toEqual({ port: 1, bytes: atDip([tcp(8080, 58290, 7, 2, SYN_ACK)], IPPROTO_TCP), why: '' });
    const reply: Layer[] = [{ type: 'icmp', kind: 'echo-reply', code: 0, identifier: 10001, sequence: 3 }, data(8)];
    expect(vfp.decap(PA, vxlan(answer(reply, IPPROTO_ICMP)), 0)).toEqual({
      port: 1,
      bytes: atDip([{ type: 'icmp', kind: 'echo-reply', code: 0, identifier: 0x77, sequence: 3 }, data(8)], IPPROTO_ICMP),
      why: '',
    });
  });

  it("a load-balancing rule's VIP port wins over an outbound translation of the same VIP port", () => {
    // An outbound range that holds the rule's port 443 (nothing in a topology forbids it).
    const { vfp } = host(false, { ...CONFIG, outbound: [{ ...OUTBOUND, first: 443, last: 443 }] });
    expect(vfp.fromPort(PORTAL_PORT, toClient([tcp(58290, 8080, 1, 0, SYN)], IPPROTO_TCP), 0)).toEqual(asVip([tcp(443, 8080, 1, 0, SYN)], IPPROTO_TCP));
    expect(vfp.decap(PA, vxlan(SYN_IN), 0)).toEqual({ port: 1, bytes: encodePacket(fromClient([tcp(50000, 443, 1000, 0, SYN)], IPPROTO_TCP, PORTAL)), why: '' });
  });

  it('an answer, traced or recorded: said in a sentence and a trace step', () => {
    const { vfp, traced, steps } = host(true);
    vfp.fromPort(PORTAL_PORT, toClient([tcp(58290, 8080, 1, 0, SYN)], IPPROTO_TCP), 0);
    const answer = vxlan([ethernet(GATEWAY_MAC, '00:15:5d:e9:00:15'), ipv4(CLIENT, VIP, IPPROTO_TCP, 7, 126, true), tcp(8080, 10000, 7, 2, SYN_ACK)]);
    const why = `VFP decapsulates the VXLAN packet addressed to the host PA ${HOST_PA}: it answers PortalVM's outbound connection, translated to ${VIP}:10000; VFP rewrites it back to ${PORTAL}:58290 and delivers it to PortalVM's port.`;
    expect(vfp.decap(PA, answer.slice(), 0)).toMatchObject({ port: 1, why });
    const tag = traced();
    vfp.decap(PA, answer.slice(), tag);
    expect(steps().at(-1)).toBe(`outbound NAT (rule portal-outbound): VFP finds the translation of ${VIP}:10000 and rewrites the destination back to DIP ${PORTAL}:58290`);
  });
});
