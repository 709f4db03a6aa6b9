// ICMP at a node, on real frames: the echo reply, the redirect's host route, and the errors a router sends
// (RFC 792, RFC 1812 4.3.2.7): which it may send, to whom, quoting what, and the sentence it is told by.
import { describe, expect, it } from 'vitest';
import { encodePacket } from '../packets/encode';
import { IPPROTO_ICMP, IPPROTO_UDP, type Layer } from '../packets/layers';
import { IP, MAC, eth, ipv4, synAtClient } from '../packets/samples';
import { ipToU32 } from '../net/addr';
import { echoDelivered, echoReply, icmpDelivered, icmpError, icmpErrorPacket, isEchoRequest, isRedirect, redirectFollowed, redirectRoute, redirectSent } from './icmp';

const syn = () => encodePacket(synAtClient());
const icmpFrame = (icmp: Layer, data = new Uint8Array([1, 2, 3, 4]), src: string = IP.client): Uint8Array =>
  encodePacket([eth(MAC.client, MAC.natInside), ipv4(src, IP.vip, IPPROTO_ICMP, 0x0101), icmp, { type: 'raw', data }]);
const names = (ip: number) => (ip === ipToU32(IP.client) ? 'ClientVM' : '?');

describe('icmpErrorPacket', () => {
  it('a time exceeded goes to the source and quotes the IP header and the first 8 bytes of the payload', () => {
    const bytes = syn();
    const p = icmpErrorPacket(bytes, 'time-exceeded', 0)!;
    expect(p.dst).toBe(ipToU32(IP.client));
    expect(p.layers[0]).toEqual({ type: 'icmp', kind: 'time-exceeded', code: 0 });
    // 20 bytes of IPv4 header and the TCP ports and sequence number: not the rest of the segment.
    expect(p.layers[1]).toEqual({ type: 'raw', data: bytes.slice(14, 14 + 20 + 8) });
  });

  it('quotes the whole packet when it is shorter than header and 8 bytes', () => {
    const bytes = encodePacket([eth(MAC.client, MAC.natInside), ipv4(IP.client, IP.vip, IPPROTO_UDP, 7), { type: 'raw', data: new Uint8Array([9, 8, 7]) }]);
    expect(icmpErrorPacket(bytes, 'destination-unreachable', 3)!.layers[1]).toEqual({ type: 'raw', data: bytes.slice(14, 14 + 23) });
  });

  it("destination unreachable carries the next hop's MTU only when given (fragmentation needed); a redirect names its gateway", () => {
    expect(icmpErrorPacket(syn(), 'destination-unreachable', 4, undefined, 1500)!.layers[0]).toEqual({ type: 'icmp', kind: 'destination-unreachable', code: 4, nextHopMtu: 1500 });
    // Without an MTU the header has no nextHopMtu field at all.
    expect(icmpErrorPacket(syn(), 'destination-unreachable', 1)!.layers[0]).toStrictEqual({ type: 'icmp', kind: 'destination-unreachable', code: 1 });
    expect(icmpErrorPacket(syn(), 'time-exceeded', 0, undefined, 1500)!.layers[0]).toStrictEqual({ type: 'icmp', kind: 'time-exceeded', code: 0 });
    expect(icmpErrorPacket(syn(), 'redirect', 1, ipToU32('192.168.200.2'))!.layers[0]).toEqual({ type: 'icmp', kind: 'redirect', code: 1, gateway: '192.168.200.2' });
    expect(icmpErrorPacket(syn(), 'redirect', 1)!.layers[0]).toEqual({ type: 'icmp', kind: 'redirect', code: 1, gateway: '0.0.0.0' });
  });

  it('sends no error about an ICMP error, but does about an echo', () => {
    const timeExceeded = icmpFrame({ type: 'icmp', kind: 'time-exceeded', code: 0 });
    expect(icmpErrorPacket(timeExceeded, 'time-exceeded', 0)).toBeUndefined();
    // Every error type of RFC 792: destination unreachable 3, source quench 4, redirect 5, time exceeded 11, parameter problem 12.
    for (const type of [3, 4, 5, 11, 12]) {
      const b = timeExceeded.slice();
      b[14 + 20] = type;
      expect(icmpErrorPacket(b, 'destination-unreachable', 1), `type ${type}`).toBeUndefined();
    }
    const echo = icmpFrame({ type: 'icmp', kind: 'echo-request', code: 0, identifier: 1, sequence: 1 });
    expect(icmpErrorPacket(echo, 'time-exceeded', 0)?.dst).toBe(ipToU32(IP.client));
    // A UDP packet whose first payload byte is 11 is no ICMP error.
    const udp = encodePacket([eth(MAC.client, MAC.natInside), ipv4(IP.client, IP.vip, IPPROTO_UDP, 7), { type: 'raw', data: new Uint8Array([11, 0, 0, 0]) }]);
    expect(icmpErrorPacket(udp, 'time-exceeded', 0)).toBeDefined();
  });

  it('sends none to 0.0.0.0 or to the broadcast address', () => {
    const from = (src: string) => encodePacket([eth(MAC.client, MAC.natInside), ipv4(src, IP.vip, IPPROTO_UDP, 7), { type: 'raw', data: new Uint8Array(8) }]);
    expect(icmpErrorPacket(from('0.0.0.0'), 'time-exceeded', 0)).toBeUndefined();
    expect(icmpErrorPacket(from('255.255.255.255'), 'time-exceeded', 0)).toBeUndefined();
    expect(icmpErrorPacket(from('0.0.0.1'), 'time-exceeded', 0)?.dst).toBe(1);
  });
});

describe('icmpError', () => {
  const sent = (kind: Parameters<typeof icmpError>[2], code: number, gateway?: number, mtu?: number) => {
    const calls: unknown[][] = [];
    icmpError({ node: { id: 'NATVM' }, originate: (...args) => calls.push(args) }, syn(), kind, code, 7, gateway, mtu);
    return calls;
  };

  it('originates the error to the source, tagged, and tells what it reports', () => {
    const [call] = sent('time-exceeded', 0);
    expect(call!.slice(0, 2)).toEqual([ipToU32(IP.client), IPPROTO_ICMP]);
    expect(call![3]).toBe(7);
    expect(call![4]).toBe('NATVM reports ICMP time exceeded about 192.168.200.10 -> 192.168.133.74 to its source.');
    expect(sent('redirect', 1, ipToU32('192.168.200.2'))[0]![4]).toBe('NATVM reports ICMP redirect about 192.168.200.10 -> 192.168.133.74 to its source.');
    expect(sent('destination-unreachable', 1)[0]![4]).toBe('NATVM reports ICMP destination unreachable (code 1) about 192.168.200.10 -> 192.168.133.74 to its source.');
    expect(sent('destination-unreachable', 4, undefined, 1500)[0]![4]).toBe(
      'NATVM reports ICMP destination unreachable (code 4, fragmentation needed; next-hop MTU 1500) about 192.168.200.10 -> 192.168.133.74 to its source.',
    );
  });

  it('originates nothing where no error may be sent', () => {
    const calls: unknown[] = [];
    icmpError({ node: { id: 'NATVM' }, originate: (...args) => calls.push(args) }, icmpFrame({ type: 'icmp', kind: 'time-exceeded', code: 0 }), 'time-exceeded', 0, 0);
    expect(calls).toEqual([]);
  });
});

describe('echo and redirect', () => {
  it('the echo reply keeps the identifier, the sequence number and the data', () => {
    const data = new Uint8Array([0x61, 0x62, 0x63, 0x64, 0x65]);
    const req = icmpFrame({ type: 'icmp', kind: 'echo-request', code: 0, identifier: 0x1234, sequence: 7 }, data);
    expect(isEchoRequest(req)).toBe(true);
    expect(isRedirect(req)).toBe(false);
    expect(echoReply(req)).toEqual([
      { type: 'icmp', kind: 'echo-reply', code: 0, identifier: 0x1234, sequence: 7 },
      { type: 'raw', data },
    ]);
  });

  it("a redirect becomes a host route to the quoted destination via the new gateway, on the interface it came in by", () => {
    const quoted = syn().slice(14, 14 + 28);
    const redirect = icmpFrame({ type: 'icmp', kind: 'redirect', code: 1, gateway: '192.168.200.2' }, quoted);
    expect(isRedirect(redirect)).toBe(true);
    expect(isEchoRequest(redirect)).toBe(false);
    const route = redirectRoute(redirect, 2, 5_000_000);
    expect(route).toEqual({ network: ipToU32(IP.vip), len: 32, nextHop: ipToU32('192.168.200.2'), ifIndex: 2, source: 'redirect', metric: 0, learnedAt: 5_000_000 });
    expect(redirectFollowed('ClientVM', route)).toBe('ClientVM follows an ICMP redirect: 192.168.133.74/32 via 192.168.200.2');
    expect(redirectSent('NATVM', ipToU32('192.168.200.2'), syn())).toBe('NATVM sends an ICMP redirect: use 192.168.200.2 for 192.168.133.74');
  });

  it('what a node says when an ICMP message is delivered to it', () => {
    const req = icmpFrame({ type: 'icmp', kind: 'echo-request', code: 0, identifier: 1, sequence: 1 });
    expect(echoDelivered('PortalVM', req)).toEqual({ disposition: 'delivered', reason: 'PortalVM receives the echo request and answers it', why: "192.168.133.74 is PortalVM's own address." });
    const said = (icmp: Layer) => icmpDelivered('NATVM', icmpFrame(icmp), names).reason;
    expect(said({ type: 'icmp', kind: 'echo-reply', code: 0, identifier: 1, sequence: 1 })).toBe('NATVM receives ICMP echo reply from ClientVM (192.168.200.10)');
    expect(said({ type: 'icmp', kind: 'destination-unreachable', code: 3 })).toBe('NATVM receives ICMP destination unreachable from ClientVM (192.168.200.10)');
    expect(said({ type: 'icmp', kind: 'redirect', code: 1, gateway: '192.168.200.2' })).toBe('NATVM receives ICMP redirect from ClientVM (192.168.200.10)');
    expect(said({ type: 'icmp', kind: 'time-exceeded', code: 0 })).toBe('NATVM receives ICMP time exceeded from ClientVM (192.168.200.10)');
    expect(said({ type: 'icmp', kind: 'echo-request', code: 0, identifier: 1, sequence: 1 })).toBe('NATVM receives ICMP type 8 from ClientVM (192.168.200.10)');
    expect(icmpDelivered('NATVM', req, names).why).toBe('The ICMP message is addressed to NATVM.');
  });
});
