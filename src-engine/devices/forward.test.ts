// Forwarding's decisions, as data: the verdict for a packet in transit, the equal-cost choice, the TTL
// and its checksum, and when a redirect is due.
import { describe, expect, it } from 'vitest';
import { decodePacket } from '../packets/index';
import { IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP, type Layer } from '../packets/layers';
import { ipToU32 } from '../net/addr';
import { ethernet, ipv4, SYN, tcp } from '../net/build';
import { encodePacket, onesSum } from '../net/codec';
import { ETH_HLEN, ipTtl } from '../net/frame';
import { chooseRoute, decrementTtl, forwardVerdict, wantsRedirect } from './forward';
import type { Iface } from './iface';
import { classifyInput } from './ipInput';
import { echoReply, icmpErrorPacket, isEchoRequest, redirectRoute } from './icmp';
import { RouteTable, type Route } from './routes';

const syn = (src: string, dst: string, ttl = 128, srcPort = 50000) => encodePacket([ethernet('00:15:5d:00:00:01', '00:15:5d:00:00:02'), ipv4(src, dst, IPPROTO_TCP, 7, ttl, true), tcp(srcPort, 443, 1, 0, SYN)]);
const route = (prefix: string, len: number, nextHop: string, ifIndex = 0, source: Route['source'] = 'static'): Route => ({ network: ipToU32(prefix), len, nextHop: ipToU32(nextHop), ifIndex, source, metric: 0 });

describe('forwardVerdict', () => {
  // Each test builds its own table, so each test's coverage is its own (none is reached while the file loads).
  const routes = () => {
    const table = new RouteTable();
    table.add(route('192.168.133.0', 24, '192.168.200.2'));
    table.add(route('0.0.0.0', 0, '10.0.0.1', 1));
    return table;
  };

  it('picks the longest matching prefix', () => {
    const table = routes();
    expect(forwardVerdict(table, syn('192.168.200.10', '192.168.133.74'))).toMatchObject({ nextHop: ipToU32('192.168.200.2') });
    expect(forwardVerdict(table, syn('192.168.200.10', '8.8.8.8'))).toMatchObject({ nextHop: ipToU32('10.0.0.1'), ifIndex: 1 });
  });

  it('is ttl-expired for a TTL of 1 or 0, before any route is looked up', () => {
    const table = routes();
    expect(forwardVerdict(table, syn('192.168.200.10', '192.168.133.74', 1))).toBe('ttl-expired');
    expect(forwardVerdict(table, syn('192.168.200.10', '192.168.133.74', 0))).toBe('ttl-expired');
    expect(forwardVerdict(table, syn('192.168.200.10', '192.168.133.74', 2))).not.toBe('ttl-expired');
  });

  it('is no-route when nothing matches', () => {
    const empty = new RouteTable();
    empty.add(route('192.168.133.0', 24, '192.168.200.2'));
    expect(forwardVerdict(empty, syn('192.168.200.10', '8.8.8.8'))).toBe('no-route');
  });
});

describe('chooseRoute among equal-cost routes', () => {
  const routes = () => {
    const table = new RouteTable();
    table.add(route('192.168.133.74', 32, '10.0.0.6', 0, 'bgp'));
    table.add(route('192.168.133.74', 32, '10.0.0.7', 0, 'bgp'));
    return table;
  };

  it('keeps one flow on one route, and spreads flows over both', () => {
    const table = routes();
    const picked = (port: number) => chooseRoute(table, syn('192.168.200.10', '192.168.133.74', 128, port), ipToU32('192.168.133.74'))!.nextHop;
    expect(picked(50000)).toBe(picked(50000));
    const hops = new Set(Array.from({ length: 32 }, (_, i) => picked(50000 + i)));
    expect(hops).toEqual(new Set([ipToU32('10.0.0.6'), ipToU32('10.0.0.7')]));
  });

  it('spreads UDP flows by their ports too; ICMP, which has none, goes by its addresses alone', () => {
    const table = routes();
    const frame = (l4: Layer[], proto: number) => encodePacket([ethernet('00:15:5d:00:00:01', '00:15:5d:00:00:02'), ipv4('192.168.200.10', '192.168.133.74', proto, 7), ...l4]);
    const pick = (bytes: Uint8Array) => chooseRoute(table, bytes, ipToU32('192.168.133.74'))!.nextHop;
    const udp = new Set(Array.from({ length: 32 }, (_, i) => pick(frame([{ type: 'udp', srcPort: 50000 + i, dstPort: 53 }, { type: 'raw', data: new Uint8Array(4) }], IPPROTO_UDP))));
    expect(udp).toEqual(new Set([ipToU32('10.0.0.6'), ipToU32('10.0.0.7')]));
    // Identifiers 0 to 31 under one sequence number: read as ports, the echo's type, code and checksum would spread
    // them over both routes (with two routes the hash's parity decides, and the checksum's low bit changes here).
    const pings = new Set(Array.from({ length: 32 }, (_, i) => pick(frame([{ type: 'icmp', kind: 'echo-request', code: 0, identifier: i, sequence: 1 }, { type: 'raw', data: new Uint8Array(4) }], IPPROTO_ICMP))));
    expect(pings.size).toBe(1);
  });
});

describe('decrementTtl', () => {
  it('returns a copy with TTL - 1 and a header checksum that still sums to 0xffff', () => {
    const before = syn('192.168.200.10', '192.168.133.74', 64);
    const kept = before.slice();
    const after = decrementTtl(before);
    expect(ipTtl(after, ETH_HLEN)).toBe(63);
    expect(onesSum(after, ETH_HLEN, ETH_HLEN + 20)).toBe(0xffff);
    expect(before).toEqual(kept);
  });
});

describe('wantsRedirect (RFC 1812 5.2.7.2)', () => {
  const inIface = { network: ipToU32('192.168.200.0'), len: 24 } as Iface;
  it('only when the packet leaves by the interface it came in on, from a source on that link', () => {
    expect(wantsRedirect(route('192.168.100.0', 24, '192.168.200.2', 0), 0, inIface, ipToU32('192.168.200.10'))).toBe(true);
    expect(wantsRedirect(route('192.168.100.0', 24, '192.168.200.2', 1), 0, inIface, ipToU32('192.168.200.10'))).toBe(false);
    expect(wantsRedirect(route('192.168.100.0', 24, '192.168.200.2', 0), 0, inIface, ipToU32('10.0.0.5'))).toBe(false);
  });
});

describe('classifyInput', () => {
  const stack = { isLocal: (ip: number) => ip === ipToU32('192.168.200.1') };
  it('tells ARP, a corrupted header, a packet for this node and one in transit apart', () => {
    expect(classifyInput(stack, encodePacket([ethernet('00:15:5d:00:00:01', 'ff:ff:ff:ff:ff:ff', 0x0806), { type: 'arp', hardwareType: 1, protocolType: 0x0800, opcode: 1, senderMac: '00:15:5d:00:00:01', senderIp: '192.168.200.10', targetMac: '00:00:00:00:00:00', targetIp: '192.168.200.1' }]))).toBe('arp');
    expect(classifyInput(stack, syn('192.168.200.10', '192.168.200.1'))).toBe('local');
    expect(classifyInput(stack, syn('192.168.200.10', '255.255.255.255'))).toBe('local');
    expect(classifyInput(stack, syn('192.168.200.10', '192.168.133.74'))).toBe('transit');
    const bad = syn('192.168.200.10', '192.168.200.1');
    bad[ETH_HLEN + 10]! ^= 0xff;
    expect(classifyInput(stack, bad)).toBe('bad-checksum');
  });
});

describe('ICMP decisions', () => {
  it('an error quotes the offending header and 8 bytes, to its source', () => {
    const offending = syn('192.168.200.10', '192.168.133.50', 1);
    const p = icmpErrorPacket(offending, 'time-exceeded', 0)!;
    expect(p.dst).toBe(ipToU32('192.168.200.10'));
    expect(p.layers[0]).toEqual({ type: 'icmp', kind: 'time-exceeded', code: 0 });
    expect(p.layers[1]).toEqual({ type: 'raw', data: offending.slice(ETH_HLEN, ETH_HLEN + 28) });
  });

  it('no error about an ICMP error (RFC 1122 3.2.2)', () => {
    const error = encodePacket([ethernet('00:15:5d:00:00:01'), ipv4('192.168.200.1', '192.168.200.10', IPPROTO_ICMP, 1), ...icmpErrorPacket(syn('192.168.200.10', '192.168.133.50', 1), 'time-exceeded', 0)!.layers]);
    expect(icmpErrorPacket(error, 'destination-unreachable', 0)).toBeUndefined();
  });

  it('an echo reply carries the request identifier, sequence and data; a redirect becomes a host route', () => {
    const request = encodePacket([ethernet('00:15:5d:00:00:01'), ipv4('192.168.200.10', '192.168.100.9', IPPROTO_ICMP, 1), { type: 'icmp', kind: 'echo-request', code: 0, identifier: 0x1234, sequence: 9 }, { type: 'raw', data: new Uint8Array([1, 2, 3]) }]);
    expect(isEchoRequest(request)).toBe(true);
    expect(echoReply(request)).toEqual([{ type: 'icmp', kind: 'echo-reply', code: 0, identifier: 0x1234, sequence: 9 }, { type: 'raw', data: new Uint8Array([1, 2, 3]) }]);
    const redirect = encodePacket([ethernet('00:15:5d:00:00:01'), ipv4('192.168.200.1', '192.168.200.10', IPPROTO_ICMP, 1), ...icmpErrorPacket(syn('192.168.200.10', '192.168.100.2'), 'redirect', 1, ipToU32('192.168.200.2'))!.layers]);
    expect(decodePacket(redirect).ok).toBe(true);
    expect(redirectRoute(redirect, 0, 5)).toEqual({ network: ipToU32('192.168.100.2'), len: 32, nextHop: ipToU32('192.168.200.2'), ifIndex: 0, source: 'redirect', metric: 0, learnedAt: 5 });
  });
});
