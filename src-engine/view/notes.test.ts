// A note's text, made from its data when read, word for word as the devices wrote it when they built it
// themselves: the page, the command line and the pcapng comments read these sentences.
import { describe, expect, it } from 'vitest';
import { ipToU32 } from '../net/addr';
import { ipv4Text as codecIpv4Text } from '../packets/addresses';
import { ipv4Text, noteText, routeText, type RouteNote } from './notes';

const ip = ipToU32;
const viaBgp: RouteNote = { network: ip('192.168.133.74'), len: 32, nextHop: ip('192.168.100.6'), via: 'MuxVM', source: 'bgp', peer: 'MuxVM' };
const onLink: RouteNote = { network: ip('192.168.200.0'), len: 24, nextHop: 0, via: 'NATVM:transit', source: 'connected' };
const byDefault: RouteNote = { network: 0, len: 0, nextHop: ip('192.168.200.1'), via: 'BGPVM', source: 'static' };

describe('notes made from their data', () => {
  it('a route names its prefix, its next hop and owner or its interface, and where it came from', () => {
    expect(routeText(viaBgp)).toBe('route 192.168.133.74/32 via 192.168.100.6 (MuxVM), learned over BGP from MuxVM');
    expect(routeText({ ...viaBgp, peer: undefined })).toBe('route 192.168.133.74/32 via 192.168.100.6 (MuxVM), learned over BGP from ?');
    expect(routeText(onLink)).toBe('route 192.168.200.0/24 on-link out of NATVM:transit, connected');
    expect(routeText(byDefault)).toBe('route 0.0.0.0/0 via 192.168.200.1 (BGPVM), static');
  });

  it("writes an address as the codec does", () => {
    for (const n of [0, 1, 0x7f000001, ip('192.168.133.74'), 0xffffffff, 0x80000000]) expect(ipv4Text(n)).toBe(codecIpv4Text(n));
  });

  it('a sentence is its own text', () => {
    expect(noteText('The switch floods the broadcast to every other port of VLAN 1002.')).toBe('The switch floods the broadcast to every other port of VLAN 1002.');
  });

  it('a router forwarding, and a node sending for a reason given as data or as a sentence', () => {
    expect(noteText({ key: 'forwarded', node: 'BGPVM', dst: ip('192.168.133.74'), route: viaBgp, ttl: 127 })).toBe(
      'BGPVM routes 192.168.133.74 by route 192.168.133.74/32 via 192.168.100.6 (MuxVM), learned over BGP from MuxVM; TTL 127 -> 126.',
    );
    expect(noteText({ key: 'originated', node: 'NATVM', why: 'NATVM answers the ping.', route: byDefault })).toBe('NATVM answers the ping. NATVM sends it by route 0.0.0.0/0 via 192.168.200.1 (BGPVM), static.');
    expect(noteText({ key: 'originated', node: 'ClientVM', why: { key: 'tcp-syn', node: 'ClientVM', ip: ip('192.168.133.74'), port: 443 }, route: byDefault })).toBe(
      'ClientVM opens a TCP connection to 192.168.133.74:443 (SYN). ClientVM sends it by route 0.0.0.0/0 via 192.168.200.1 (BGPVM), static.',
    );
  });

  it("the handshake's segments", () => {
    expect(noteText({ key: 'tcp-syn', node: 'ClientVM', ip: ip('192.168.133.74'), port: 443 })).toBe('ClientVM opens a TCP connection to 192.168.133.74:443 (SYN).');
    expect(noteText({ key: 'tcp-syn-ack', node: 'PortalVM', port: 443 })).toBe('PortalVM accepts the connection on TCP 443 (SYN-ACK).');
    expect(noteText({ key: 'tcp-ack', node: 'ClientVM' })).toBe('ClientVM completes the handshake (ACK).');
  });

  it('the MUX and VFP on the way to a DIP', () => {
    expect(
      noteText({
        key: 'mux-dip',
        node: 'MuxVM',
        vip: ip('192.168.133.74'),
        what: 'TCP port 443',
        rule: 'portal-https',
        dip: ip('192.168.100.9'),
        dipPort: 443,
        rotation: '2 DIPs',
        host: 'HyperVHost',
        hostPa: ip('192.168.100.1'),
        vni: 4096,
        src: ip('192.168.200.10'),
      }),
    ).toBe(
      "MuxVM matches VIP 192.168.133.74 TCP port 443 to rule portal-https, picks DIP 192.168.100.9:443 by 5-tuple hash (2 DIPs), and wraps the whole frame in VXLAN to HyperVHost's PA 192.168.100.1 (VNI 4096); the inner packet still says 192.168.200.10 -> 192.168.133.74.",
    );
    expect(noteText({ key: 'vfp-dip', pa: ip('192.168.100.1'), vip: ip('192.168.133.74'), dip: ip('192.168.100.9'), dipPort: 443, rule: 'portal-https', name: 'PortalVM' })).toBe(
      "VFP decapsulates the VXLAN packet addressed to the host PA 192.168.100.1, rewrites VIP 192.168.133.74 to DIP 192.168.100.9:443 (rule portal-https) and delivers it to PortalVM's port.",
    );
  });
});
