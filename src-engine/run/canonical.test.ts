// The canonical flow of the reference (section 4), hop by hop, with exact header values.
import { beforeEach, describe, expect, it } from 'vitest';
import { vxlanSourcePort } from '../packets/index';
import type { Layer } from '../packets/layers';
import type { FlowTrace, Hop, HopStep } from '../protocol';
import { onesSum } from '../packets/checksum';
import { ipToU32 } from '../net/addr';
import { runPoc } from './fixtures';
import type { SimRun } from './simulate';
import { isEvent } from '../view/events';

const SW = 'CCI_External_vSwitch';
const nodes = (hops: readonly Hop[]) => hops.map((h) => h.node);
const layer = <T extends Layer['type']>(h: Hop, type: T, nth = 0) => h.layers.filter((l) => l.type === type)[nth] as Extract<Layer, { type: T }>;
const step = <K extends HopStep['kind']>(h: Hop, kind: K) => h.steps.find((s) => s.kind === kind) as Extract<HopStep, { kind: K }>;

/** TCP checksum over the pseudo-header, from the frame's bytes (valid when the sum is 0xffff). */
function tcpChecksumOk(frame: Uint8Array, ipAt: number): boolean {
  const ihl = (frame[ipAt]! & 15) * 4;
  const total = (frame[ipAt + 2]! << 8) | frame[ipAt + 3]!;
  const len = total - ihl;
  let sum = onesSum(frame, ipAt + 12, ipAt + 20);
  sum += 6 + len;
  return onesSum(frame, ipAt + ihl, ipAt + total, sum) === 0xffff;
}

describe('canonical flow: ClientVM opens https://portal.azurestack.local', () => {
  // Simulated inside each test (beforeEach), not once for the file: mutation testing then knows which tests cover what.
  let result: SimRun['result'];
  let dns: FlowTrace;
  let syn: readonly Hop[];
  let synAck: readonly Hop[];
  beforeEach(() => {
    result = runPoc({ seed: 1 }).result;
    dns = result.dnsTrace!;
    syn = result.trace.hops;
    synAck = result.trace.returnHops;
  });

  it('resolves the name via NATVM and BGPVM to ADVM, answered straight from BGPVM', () => {
    expect(dns.disposition).toBe('delivered');
    expect(nodes(dns.hops)).toEqual(['ClientVM', SW, 'NATVM', SW, 'BGPVM', SW, 'ADVM']);
    expect(nodes(dns.returnHops)).toEqual(['ADVM', SW, 'BGPVM', SW, 'ClientVM']);
    const query = layer(dns.hops[0]!, 'dns');
    expect(query.response).toBe(false);
    expect(query.questions[0]).toEqual({ name: 'portal.azurestack.local', qtype: 1, qclass: 1 });
    expect(layer(dns.hops[0]!, 'udp').dstPort).toBe(53);
    expect(layer(dns.hops[0]!, 'ipv4')).toMatchObject({ src: '192.168.200.10', dst: '192.168.100.2', ttl: 128 });
    expect(layer(dns.hops[2]!, 'ipv4')).toMatchObject({ src: '192.168.200.10', dst: '192.168.100.2', ttl: 127 });
    expect(layer(dns.hops[4]!, 'ipv4').ttl).toBe(126);
    const answer = layer(dns.returnHops[4]!, 'dns');
    expect(answer.answers).toEqual([{ name: 'portal.azurestack.local', rtype: 1, rclass: 1, ttl: 3600, address: '192.168.133.74' }]);
    expect(layer(dns.returnHops[2]!, 'ipv4')).toMatchObject({ src: '192.168.100.2', dst: '192.168.200.10', ttl: 127 });
    expect(layer(dns.returnHops[2]!, 'ethernet')).toMatchObject({ src: '00:15:5d:c8:00:02', dst: '00:15:5d:c8:00:0a' });
  });

  it('sends the SYN ClientVM -> NATVM -> BGPVM -> MuxVM -> host VFP -> PortalVM', () => {
    expect(result.trace.disposition).toBe('delivered');
    expect(nodes(syn)).toEqual(['ClientVM', SW, 'NATVM', SW, 'BGPVM', SW, 'MuxVM', SW, 'PortalVM']);
    const first = layer(syn[0]!, 'tcp');
    expect(first.flags.syn).toBe(true);
    expect(first.flags.ack).toBe(false);
    expect(first.dstPort).toBe(443);
    expect(first.srcPort).toBeGreaterThanOrEqual(49152);
    expect(layer(syn[0]!, 'ipv4')).toMatchObject({ src: '192.168.200.10', dst: '192.168.133.74', ttl: 128 });
    expect(layer(syn[0]!, 'ethernet')).toMatchObject({ src: '00:15:5d:c8:00:0a', dst: '00:15:5d:c8:00:01' });
  });

  it('NATVM routes without translating: 192.168.133.0/24 via BGPVM, TTL 127', () => {
    const nat = syn[2]!;
    expect(step(nat, 'route')).toMatchObject({ prefix: '192.168.133.0/24', nextHop: '192.168.200.2', interface: 'inside', source: 'static' });
    expect(nat.steps.some((s) => s.kind === 'rewrite')).toBe(false);
    expect(layer(nat, 'ipv4')).toMatchObject({ src: '192.168.200.10', dst: '192.168.133.74', ttl: 127 });
    expect(layer(nat, 'ethernet')).toMatchObject({ src: '00:15:5d:c8:00:01', dst: '00:15:5d:c8:00:02' });
  });

  it('BGPVM matches the BGP-learned /32 via MuxVM 192.168.100.6, TTL 126', () => {
    const bgp = syn[4]!;
    expect(step(bgp, 'route')).toMatchObject({ prefix: '192.168.133.74/32', nextHop: '192.168.100.6', interface: 'mgmt', source: 'bgp', from: '192.168.100.6 (AS 64628)' });
    expect(step(bgp, 'ttl')).toMatchObject({ before: 127, after: 126 });
    expect(layer(bgp, 'ipv4')).toMatchObject({ src: '192.168.200.10', dst: '192.168.133.74', ttl: 126 });
    expect(layer(bgp, 'ethernet')).toMatchObject({ src: '00:15:5d:64:00:01', dst: '00:15:5d:64:00:06' });
  });

  it('MuxVM load-balances and wraps the whole frame in VXLAN to the host PA', () => {
    const mux = syn[6]!;
    expect(step(mux, 'load-balance')).toMatchObject({ rule: 'portal-https', vip: '192.168.133.74:443', dip: '192.168.100.9:443' });
    expect(step(mux, 'encapsulate')).toMatchObject({ vni: 4096, outerSrc: '192.168.233.6', outerDst: '192.168.233.21' });
    expect(mux.layers.map((l) => l.type)).toEqual(['ethernet', 'ipv4', 'udp', 'vxlan', 'ethernet', 'ipv4', 'tcp']);
    expect(layer(mux, 'ethernet', 0)).toMatchObject({ src: '00:15:5d:e9:00:06', dst: '00:15:5d:e9:00:15' });
    expect(layer(mux, 'ipv4', 0)).toMatchObject({ src: '192.168.233.6', dst: '192.168.233.21', protocol: 17, ttl: 128 });
    const outerUdp = layer(mux, 'udp');
    expect(outerUdp.dstPort).toBe(4789);
    expect(outerUdp.checksum).toBe(0);
    expect(outerUdp.srcPort).toBeGreaterThanOrEqual(49152);
    expect(layer(mux, 'vxlan')).toEqual({ type: 'vxlan', flags: 0x08, vni: 4096 });
    expect(layer(mux, 'ethernet', 1)).toMatchObject({ src: '00:15:5d:64:00:01', dst: '00:15:5d:64:00:09' });
    expect(layer(mux, 'ipv4', 1)).toMatchObject({ src: '192.168.200.10', dst: '192.168.133.74', ttl: 126 });
    const tx = result.transmissions.find((t) => t.id === mux.transmissionId)!;
    expect(outerUdp.srcPort).toBe(vxlanSourcePort(tx.bytes.slice(14 + 20 + 8 + 8)));
    expect(tx.bytes.length - 50).toBe(result.transmissions.find((t) => t.id === syn[4]!.transmissionId)!.bytes.length);
  });

  it('VFP decapsulates, rewrites the VIP to the DIP with valid checksums, and delivers to PortalVM', () => {
    const vfp = syn[7]!;
    expect(vfp.node).toBe(SW);
    expect(vfp.interface).toBe('MuxVM.pa');
    expect(step(vfp, 'decapsulate').vni).toBe(4096);
    expect(step(vfp, 'rewrite')).toMatchObject({ by: 'vfp', field: 'ipv4.dst', before: '192.168.133.74:443', after: '192.168.100.9:443' });
    expect(vfp.layers.map((l) => l.type)).toEqual(['ethernet', 'ipv4', 'tcp']);
    expect(layer(vfp, 'ipv4')).toMatchObject({ src: '192.168.200.10', dst: '192.168.100.9', ttl: 126 });
    const tx = result.transmissions.find((t) => t.id === vfp.transmissionId)!;
    expect(tx).toMatchObject({ fromNode: SW, fromInterface: 'PortalVM.eth0', toNode: 'PortalVM', toInterface: 'eth0' });
    expect(onesSum(tx.bytes, 14, 34)).toBe(0xffff);
    expect(tcpChecksumOk(tx.bytes, 14)).toBe(true);
    expect(step(syn[8]!, 'delivered').text).toContain('listens on TCP 443');
  });

  it('answers with Direct Server Return: VFP rewrites DIP -> VIP, BGPVM delivers straight to ClientVM', () => {
    expect(nodes(synAck)).toEqual(['PortalVM', SW, 'BGPVM', SW, 'ClientVM']);
    expect(nodes(synAck)).not.toContain('MuxVM');
    expect(layer(synAck[0]!, 'ipv4')).toMatchObject({ src: '192.168.100.9', dst: '192.168.200.10', ttl: 128 });
    const flags = layer(synAck[0]!, 'tcp').flags;
    expect(flags.syn && flags.ack).toBe(true);
    expect(step(synAck[1]!, 'rewrite')).toMatchObject({ by: 'vfp', field: 'ipv4.src', before: '192.168.100.9:443', after: '192.168.133.74:443' });
    expect(layer(synAck[1]!, 'ipv4')).toMatchObject({ src: '192.168.133.74', dst: '192.168.200.10' });
    expect(layer(synAck[1]!, 'tcp').srcPort).toBe(443);
    expect(step(synAck[2]!, 'route')).toMatchObject({ prefix: '192.168.200.0/24', interface: 'transit', source: 'connected' });
    expect(layer(synAck[2]!, 'ipv4')).toMatchObject({ src: '192.168.133.74', dst: '192.168.200.10', ttl: 127 });
    const tx = result.transmissions.find((t) => t.id === synAck[1]!.transmissionId)!;
    expect(tcpChecksumOk(tx.bytes, 14)).toBe(true);
    expect(layer(synAck[4]!, 'tcp').dstPort).toBe(layer(syn[0]!, 'tcp').srcPort);
  });

  it('sends every later client-to-server segment the MUX path again: the handshake ACK, the ClientHello, the ACK of the flight, the FIN, the last ACK', () => {
    const synPort = layer(syn[0]!, 'tcp').srcPort;
    const toVip = result.transmissions.filter((t) => (t.protocol === 'tcp' || t.protocol === 'tls') && t.summary.includes(`:${synPort} -> 192.168.133.74:443 TCP `) && !t.summary.includes('SYN'));
    const kinds = toVip.filter((t) => t.fromNode === 'ClientVM').map((t) => t.summary.slice(t.summary.indexOf('TCP ')).replace(/ TTL \d+$/, ''));
    expect(kinds).toEqual(['TCP ACK', 'TCP PSH/ACK TLS ClientHello (SNI portal.azurestack.local)', 'TCP ACK', 'TCP FIN/ACK', 'TCP ACK']);
    const path = ['ClientVM>CCI_External_vSwitch', 'CCI_External_vSwitch>NATVM', 'NATVM>CCI_External_vSwitch', 'CCI_External_vSwitch>BGPVM', 'BGPVM>CCI_External_vSwitch', 'CCI_External_vSwitch>MuxVM'];
    // Segments sent at the same moment interleave on the links, so count each link: every segment crosses all of them.
    const perLink = new Map<string, number>();
    for (const t of toVip) perLink.set(`${t.fromNode}>${t.toNode}`, (perLink.get(`${t.fromNode}>${t.toNode}`) ?? 0) + 1);
    expect(Object.fromEntries(perLink)).toEqual(Object.fromEntries(path.map((p) => [p, kinds.length])));
  });

  it('records each switched frame as two transmissions, NIC -> switch and switch -> NIC', () => {
    const sw = result.transmissions.filter((t) => t.toNode === SW || t.fromNode === SW);
    expect(sw.length).toBe(result.transmissions.length);
    const toSwitch = result.transmissions.filter((t) => t.toNode === SW).length;
    expect(toSwitch).toBeGreaterThan(0);
    expect(result.transmissions.every((t) => t.arrive - t.time === 20)).toBe(true);
  });

  it('brings BGP up first: TCP 179 from MuxVM, OPEN, KEEPALIVE, UPDATE with both /32s', () => {
    const bgp = result.transmissions.filter((t) => t.protocol === 'bgp' && t.fromNode !== SW && t.time < 1_000_000).map((t) => `${t.fromNode}: ${t.summary}`);
    expect(bgp[0]).toMatch(/^MuxVM: 192\.168\.100\.6:\d+ -> 192\.168\.100\.1:179 TCP SYN/);
    expect(bgp[1]).toMatch(/^BGPVM: 192\.168\.100\.1:179 -> 192\.168\.100\.6:\d+ TCP SYN\/ACK/);
    const messages = bgp.filter((s) => s.includes('BGP ')).map((s) => `${s.split(':')[0]} ${s.slice(s.indexOf('BGP '))}`);
    expect(messages).toEqual([
      'MuxVM BGP OPEN AS 64628 hold 180s id 192.168.100.6, capabilities MP IPv4 unicast, route refresh',
      'BGPVM BGP OPEN AS 64647 hold 180s id 192.168.100.1, capabilities MP IPv4 unicast, route refresh',
      'BGPVM BGP KEEPALIVE',
      'MuxVM BGP KEEPALIVE',
      'MuxVM BGP UPDATE announce 192.168.133.74/32, 192.168.133.1/32 next hop 192.168.100.6',
    ]);
    expect(bgp.some((s) => s.includes('BGP UPDATE announce 192.168.133.74/32, 192.168.133.1/32 next hop 192.168.100.6'))).toBe(true);
    const installs = result.events.filter((e) => e.kind === 'route-installed').map((e) => e.summary);
    expect(installs).toEqual([
      'BGPVM installs 192.168.133.74/32 via 192.168.100.6 (BGP from 192.168.100.6 (AS 64628), AS path 64628)',
      'BGPVM installs 192.168.133.1/32 via 192.168.100.6 (BGP from 192.168.100.6 (AS 64628), AS path 64628)',
    ]);
  });

  it("walks both speakers through the RFC 4271 states, each a bgp-state event with the peer and state as data", () => {
    const states = result.events.filter(isEvent('bgp-state')).map((e) => `${e.time} ${e.node} ${e.peer} ${e.state}`);
    expect(states).toEqual([
      '0 BGPVM 192.168.100.6 Idle',
      '0 BGPVM 192.168.100.6 Active', // passive: listens
      '0 MuxVM 192.168.100.1 Idle',
      '0 MuxVM 192.168.100.1 Connect', // opens TCP 179
      '300 MuxVM 192.168.100.1 OpenSent', // TCP up: OPEN at once
      '375 BGPVM 192.168.100.6 OpenSent', // TCP up on its side too: its own OPEN, not waiting for the peer's
      '375 BGPVM 192.168.100.6 OpenConfirm',
      '450 MuxVM 192.168.100.1 OpenConfirm',
      '450 MuxVM 192.168.100.1 Established',
      '525 BGPVM 192.168.100.6 Established',
    ]);
  });

  it('writes valid IPv4 header checksums on every frame it sends', () => {
    for (const t of result.transmissions) {
      if (t.bytes[12] !== 0x08 || t.bytes[13] !== 0x00) continue;
      expect(onesSum(t.bytes, 14, 14 + (t.bytes[14]! & 15) * 4)).toBe(0xffff);
    }
    expect(ipToU32('192.168.133.74')).toBe(3232269642);
  });
});
