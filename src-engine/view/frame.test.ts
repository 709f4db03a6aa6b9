import { describe, expect, it } from 'vitest';
import { encodePacket } from '../packets/encode';
import type { Layer } from '../packets/layers';
import { IPPROTO_UDP, VXLAN_FLAGS_VNI } from '../packets/layers';
import { IP, MAC, VNI, arpReply, arpRequest, bgpSession, dnsQuery, dnsResponse, eth, ipv4, synAckAtClient, synAtClient, synAtMux, vxlanSyn } from '../packets/samples';
import { describeFrame } from '../trace/describe';
import { decodeFrame, decodeLayers, frameIdentity, frameRole, packetIdentity, viewFrame, viewLayers } from './frame';
import { filterOf, formatField, frameProtocol, frameTokenLabel, layerSummary, tcpFlagNames } from './protocols';

const bgpOpen = () => bgpSession().find((l) => l.some((x) => x.type === 'bgp' && x.message.kind === 'open'))!;

describe('frameTokenLabel', () => {
  it('names each frame of the canonical flow', () => {
    expect(frameTokenLabel(arpRequest())).toBe('ARP who-has');
    expect(frameTokenLabel(arpReply())).toBe('ARP reply');
    expect(frameTokenLabel(dnsQuery())).toBe('DNS query');
    expect(frameTokenLabel(dnsResponse())).toBe('DNS answer');
    expect(frameTokenLabel(synAtClient())).toBe('TCP SYN');
    expect(frameTokenLabel(synAckAtClient())).toBe('TCP SYN-ACK');
    expect(frameTokenLabel(vxlanSyn())).toBe('TCP SYN');
    expect(frameTokenLabel(bgpOpen())).toBe('BGP OPEN');
  });
});

describe('viewLayers', () => {
  it('says everything about a VXLAN frame from what it carries: label, TTL and role; the envelope gives the VNI', () => {
    expect(viewLayers(vxlanSyn())).toEqual({
      protocol: 'vxlan',
      name: 'VXLAN',
      className: 'proto-vxlan',
      summary: 'VXLAN 192.168.233.6 -> 192.168.233.21 VNI 4096 [192.168.200.10:49731 -> 192.168.133.74:443 TCP SYN TTL 126]',
      tokenLabel: 'TCP SYN',
      ttl: 126,
      tokenTitle: 'TCP SYN · TTL 126',
      vni: 4096,
      role: 'flow',
      roleLabel: 'The flow',
    });
  });

  it('names the part each frame plays: control plane, name resolution, the flow', () => {
    expect([arpRequest(), bgpOpen(), dnsQuery(), dnsResponse(), synAtClient(), synAckAtClient()].map((l) => viewLayers(l).roleLabel)).toEqual([
      'Control plane',
      'Control plane',
      'Name resolution',
      'Name resolution',
      'The flow',
      'The flow',
    ]);
    expect(frameRole('icmp')).toBe('flow');
  });

  it('names a DNS question\'s record type: an AAAA query is not called an A query, and an empty answer says so', () => {
    const aaaa = (l: Layer[]): Layer[] => l.map((x) => (x.type === 'dns' ? { ...x, answers: [], questions: x.questions.map((q) => ({ ...q, qtype: 28 })) } : x));
    expect(viewLayers(dnsQuery()).summary).toMatch(/ DNS query A portal\.azurestack\.local TTL 128$/);
    expect(viewLayers(aaaa(dnsQuery())).summary).toMatch(/ DNS query AAAA portal\.azurestack\.local TTL 128$/);
    expect(viewLayers(dnsResponse()).summary).toMatch(/ DNS response portal\.azurestack\.local A 192\.168\.133\.74 TTL 127$/);
    expect(viewLayers(aaaa(dnsResponse())).summary).toMatch(/ DNS response portal\.azurestack\.local no AAAA record TTL 127$/);
  });

  it('names a refused or failed answer by its rcode, as RFC 1035 and the IANA registry do: REFUSED, not "rcode 5"', () => {
    const withRcode = (rcode: number) => dnsResponse().map((x) => (x.type === 'dns' ? { ...x, answers: [], rcode } : x));
    expect(viewLayers(withRcode(5)).summary).toMatch(/ DNS response portal\.azurestack\.local REFUSED TTL 127$/);
    expect(viewLayers(withRcode(3)).summary).toMatch(/ DNS response portal\.azurestack\.local NXDOMAIN TTL 127$/);
    expect(viewLayers(withRcode(2)).summary).toMatch(/ DNS response portal\.azurestack\.local SERVFAIL TTL 127$/);
    expect(viewLayers(withRcode(13)).summary).toMatch(/ DNS response portal\.azurestack\.local RCODE 13 TTL 127$/);
    // The inspector's field, as Wireshark shows "Reply code": the number and its name.
    expect([0, 3, 5, 12].map((n) => formatField('dns', 'rcode', n, 1))).toEqual(['0 (NOERROR)', '3 (NXDOMAIN)', '5 (REFUSED)', '12 (unassigned)']);
    expect(formatField('dns', 'opcode', 5, 1)).toBe('5');
  });

  it('gives ARP no TTL and BGP its messages with no TTL in the summary', () => {
    const arp = viewLayers(arpRequest());
    expect(arp.ttl).toBeUndefined();
    expect(arp.tokenTitle).toBe('ARP who-has');
    expect(viewLayers(bgpOpen()).summary).toBe('192.168.100.6:49800 -> 192.168.100.1:179 TCP PSH/ACK BGP OPEN AS 64628 hold 180s id 192.168.100.6');
  });

  it('reads the same from the bytes, decoding once per byte array', () => {
    const bytes = encodePacket(synAckAtClient());
    expect(viewFrame(bytes)).toEqual(viewLayers(synAckAtClient()));
    expect(viewFrame(bytes)).toBe(viewFrame(bytes));
    expect(decodeFrame(bytes)).toBe(decodeFrame(bytes));
    expect(decodeFrame(new Uint8Array([1, 2, 3]))).toBeUndefined();
    expect(decodeLayers(new Uint8Array([1, 2, 3]))).toEqual([{ type: 'raw', data: new Uint8Array([1, 2, 3]) }]);
  });
});

describe('protocol descriptors', () => {
  it('write TCP flags one way, joined as each place needs', () => {
    const flags = { fin: true, syn: false, rst: false, psh: true, ack: true, urg: true, ece: false, cwr: false };
    expect(tcpFlagNames(flags)).toEqual(['FIN', 'PSH', 'ACK', 'URG']);
    expect(layerSummary(synAckAtClient().find((l) => l.type === 'tcp')!)).toBe('port 443 → 49731 [SYN, ACK]');
  });

  it('claim a frame in order: BGP before the TCP under it, VXLAN before what it carries', () => {
    expect(frameProtocol(bgpOpen())).toBe('bgp');
    expect(frameProtocol(vxlanSyn())).toBe('vxlan');
    expect(frameProtocol([])).toBe('other');
    expect(filterOf('udp')).toBe('other');
    expect(filterOf('dns')).toBe('dns');
  });
});

describe('packetIdentity', () => {
  it('is one packet at every hop: routed (new MACs, TTL down), wrapped in VXLAN, its VIP rewritten', () => {
    const id = packetIdentity(synAtClient());
    expect(id).toBe('ip 11266 6 tcp 1000000007 0 10000');
    expect(packetIdentity(synAtMux())).toBe(id);
    expect(packetIdentity(vxlanSyn())).toBe(id);
    const inner = vxlanSyn().slice(4).map((l) => (l.type === 'ipv4' ? { ...l, dst: '192.168.100.9' } : l));
    expect(packetIdentity(inner)).toBe(id);
    expect(frameIdentity(encodePacket(vxlanSyn()))).toBe(id);
  });

  it('tells apart two packets of one session (a KEEPALIVE and an UPDATE), a request and its reply', () => {
    const [, , keepalive, , update] = bgpSession();
    expect(packetIdentity(keepalive!)).not.toBe(packetIdentity(update!));
    expect(packetIdentity(synAtClient())).not.toBe(packetIdentity(synAckAtClient()));
    expect(packetIdentity(arpRequest())).toMatch(/^arp 1 /);
    expect(packetIdentity(arpRequest())).not.toBe(packetIdentity(arpReply()));
    expect(packetIdentity([{ type: 'raw', data: new Uint8Array([1]) }])).toBeUndefined();
  });
});

describe('a frame whose payload is not what its port says', () => {
  // A VXLAN frame whose inner UDP comes from port 53 but carries 5 bytes: too short for a DNS header (12 bytes).
  const notDns = (): Layer[] => [
    eth(MAC.muxPa, MAC.hostPa),
    ipv4(IP.muxPa, IP.hostPa, IPPROTO_UDP, 0x1104),
    { type: 'udp', srcPort: 50123, dstPort: 4789, checksum: 0 },
    { type: 'vxlan', flags: VXLAN_FLAGS_VNI, vni: VNI },
    eth(MAC.bgpMgmt, MAC.portal),
    ipv4(IP.ad, IP.vip, IPPROTO_UDP, 0x0777, 127),
    { type: 'udp', srcPort: 53, dstPort: 50000, checksum: 0 },
    { type: 'raw', data: new Uint8Array([1, 2, 3, 4, 5]) },
  ];

  it('is classified and described by what its bytes decode to: VXLAN carrying UDP whose 5 bytes are not DNS', () => {
    const bytes = encodePacket(notDns());
    expect(decodeLayers(bytes).map((l) => l.type)).toEqual(['ethernet', 'ipv4', 'udp', 'vxlan', 'ethernet', 'ipv4', 'udp', 'raw']);
    const summary = 'VXLAN 192.168.233.6 -> 192.168.233.21 VNI 4096 [192.168.100.2:53 -> 192.168.133.74:50000 UDP, 5 bytes that do not decode as DNS TTL 127]';
    expect(describeFrame(bytes)).toEqual({ protocol: 'vxlan', summary });
    expect(viewFrame(bytes)).toMatchObject({ protocol: 'vxlan', summary, tokenLabel: 'UDP', ttl: 127, vni: 4096, role: 'flow' });
  });

  it('a frame of bytes that decode as nothing says so, with their length', () => {
    expect(viewFrame(new Uint8Array([1, 2, 3])).summary).toBe('3 bytes that do not decode as an Ethernet frame');
    expect(describeFrame(new Uint8Array([1, 2, 3])).summary).toBe('3 bytes that do not decode as an Ethernet frame');
  });
});
