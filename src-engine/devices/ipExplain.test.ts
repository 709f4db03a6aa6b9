// The sentences a student reads beside each hop and at the end of a packet's trace, word for word: the route
// and TTL steps, every way a packet can end at the IP layer (with the drop event the run records), ARP's
// step, the MTU drops and ICMP's deliveries. A changed word here is a changed lesson.
import { describe, expect, it } from 'vitest';
import { ipToU32, macToNum, u32ToIp } from '../net/addr';
import { ethernet, ipv4, SYN, tcp } from '../net/build';
import { encodePacket } from '../net/codec';
import { IPPROTO_ICMP, IPPROTO_TCP } from '../packets/layers';
import { interfaceId } from '../view/ids';
import { echoDelivered, icmpDelivered, redirectFollowed, redirectSent } from './icmp';
import type { Iface } from './iface';
import { arpStep, badChecksum, describeRoute, forwardedNote, neighborUnreachable, noProtocolHandler, noRouteForwarding, noRouteOriginating, notARouter, originatedNote, routeNote, routeStep, ttlExpired, ttlExpiredStep, ttlStep } from './ipExplain';
import { dontFragment, packetSize, tooBigAtRouter, tooBigForTunnel } from './mtu';
import type { Route } from './routes';
import { noteText } from '../view/notes';

const NAMES: Record<string, string> = { '192.168.200.1': 'BGPVM', '192.168.200.10': 'NATVM', '192.168.100.6': 'MuxVM' };
const nameOf = (ip: number) => Object.entries(NAMES).find(([a]) => ipToU32(a) === ip)?.[1] ?? 'nobody';
const transit = { id: interfaceId('NATVM', 'transit') } as Partial<Iface> as Iface;
const route = (prefix: string, len: number, nextHop: string | undefined, source: Route['source'], peer?: string): Route => ({
  network: ipToU32(prefix),
  len,
  nextHop: nextHop ? ipToU32(nextHop) : 0,
  ifIndex: 0,
  source,
  metric: 0,
  ...(peer ? { peer } : {}),
});
/** A 1,500-byte TCP segment from NATVM to the portal's VIP, with or without Don't Fragment. */
const fullSize = (df: boolean) =>
  encodePacket([ethernet('00:15:5d:00:00:01'), ipv4('192.168.200.10', '192.168.133.74', IPPROTO_TCP, 7, 128, df), tcp(50000, 443, 1, 0, SYN), { type: 'raw', data: new Uint8Array(1460) }]);

describe('route sentences', () => {
  it('name the prefix, the next hop and its owner (or on-link), and where the route came from', () => {
    expect(describeRoute(route('192.168.133.0', 24, '192.168.200.1', 'static'), transit, nameOf)).toBe('route 192.168.133.0/24 via 192.168.200.1 (BGPVM), static');
    expect(describeRoute(route('192.168.200.0', 24, undefined, 'connected'), transit, nameOf)).toBe('route 192.168.200.0/24 on-link out of NATVM:transit, connected');
    expect(describeRoute(route('192.168.133.74', 32, '192.168.100.6', 'bgp', 'MuxVM'), transit, nameOf)).toBe('route 192.168.133.74/32 via 192.168.100.6 (MuxVM), learned over BGP from MuxVM');
    expect(describeRoute(route('192.168.133.74', 32, '192.168.100.6', 'bgp'), transit, nameOf)).toBe('route 192.168.133.74/32 via 192.168.100.6 (MuxVM), learned over BGP from ?');
  });

  it("make the hop's route step, saying when the flow hash chose among equal-cost routes", () => {
    expect(routeStep(route('192.168.133.74', 32, '192.168.100.6', 'bgp', 'MuxVM'), transit, 2, nameOf)).toEqual({
      kind: 'route',
      prefix: '192.168.133.74/32',
      nextHop: '192.168.100.6',
      interface: 'NATVM:transit',
      source: 'bgp',
      from: 'MuxVM',
      text: 'route 192.168.133.74/32 via 192.168.100.6 (MuxVM) out of NATVM:transit, source bgp from MuxVM, one of 2 equal-cost routes picked by flow hash',
    });
    // A connected route has no next hop and no peer: the step carries neither field, not even as undefined.
    expect(routeStep(route('192.168.200.0', 24, undefined, 'connected'), transit, 1, nameOf)).toStrictEqual({
      kind: 'route',
      prefix: '192.168.200.0/24',
      interface: 'NATVM:transit',
      source: 'connected',
      text: 'route 192.168.200.0/24 on-link out of NATVM:transit, source connected',
    });
  });

  it('count the TTL down, or say the packet dies here', () => {
    expect(ttlStep(128)).toEqual({ kind: 'ttl', before: 128, after: 127, text: 'TTL 128 -> 127' });
    expect(ttlExpiredStep('BGPVM', 1)).toEqual({ kind: 'ttl', before: 1, after: 0, text: 'TTL 1 would reach 0: BGPVM discards the packet' });
    expect(noteText(forwardedNote('BGPVM', ipToU32('192.168.133.74'), routeNote(route('192.168.133.74', 32, '192.168.100.6', 'bgp', 'MuxVM'), transit, nameOf), 127))).toBe(
      'BGPVM routes 192.168.133.74 by route 192.168.133.74/32 via 192.168.100.6 (MuxVM), learned over BGP from MuxVM; TTL 127 -> 126.',
    );
    expect(noteText(originatedNote('NATVM', 'NATVM answers the ping.', routeNote(route('0.0.0.0', 0, '192.168.200.1', 'static'), transit, nameOf)))).toBe(
      'NATVM answers the ping. NATVM sends it by route 0.0.0.0/0 via 192.168.200.1 (BGPVM), static.',
    );
  });
});

describe('how a packet ends at the IP layer', () => {
  it('a packet with a wrong header checksum is dropped silently (RFC 1812 5.2.2)', () => {
    expect(badChecksum('NATVM')).toEqual({
      disposition: 'bad-checksum',
      reason: 'NATVM received the packet with a wrong IPv4 header checksum',
      why: 'The IPv4 header checksum does not match the header, so it was corrupted on the way and none of its fields can be trusted: NATVM drops the packet silently, with no ICMP error (RFC 1812, 5.2.2).',
      event: { summary: 'NATVM: IPv4 header checksum wrong, packet dropped', reason: 'bad-checksum' },
    });
  });

  it('an end host drops a packet not addressed to it', () => {
    expect(notARouter('SQLVM', ipToU32('10.0.0.1'))).toEqual({
      disposition: 'not-a-router',
      reason: 'SQLVM does not forward packets and 10.0.0.1 is not its address',
      why: 'SQLVM is an end host, so it drops a packet not addressed to it.',
      event: { summary: 'SQLVM is not a router: packet to 10.0.0.1 dropped', reason: 'not-a-router' },
    });
  });

  it('a protocol nobody listens for ends the packet, with no drop event', () => {
    expect(noProtocolHandler('SQLVM', 47)).toEqual({ disposition: 'no-listener', reason: 'SQLVM has nothing listening for IP protocol 47', why: 'No handler for this protocol.' });
  });

  it('the TTL running out names both ends and the ICMP error sent back', () => {
    expect(ttlExpired('BGPVM', 1, ipToU32('192.168.200.10'), ipToU32('192.168.133.74'))).toEqual({
      disposition: 'ttl-exceeded',
      reason: 'the TTL ran out at BGPVM',
      why: 'BGPVM received the packet with TTL 1; forwarding would make it 0, so it drops it and sends ICMP time exceeded to 192.168.200.10.',
      event: { summary: 'BGPVM: TTL expired for 192.168.200.10 -> 192.168.133.74, ICMP time exceeded sent', reason: 'ttl-exceeded' },
      protocol: 'icmp',
    });
  });

  it('no route: a router says it sends ICMP back, a sender only that it has no route', () => {
    expect(noRouteForwarding('BGPVM', ipToU32('8.8.8.8'))).toEqual({
      disposition: 'no-route',
      reason: 'BGPVM has no route to 8.8.8.8',
      why: "BGPVM's routing table has no prefix containing 8.8.8.8 and no default route, so it drops the packet and sends ICMP destination unreachable.",
      event: { summary: 'BGPVM: no route to 8.8.8.8', reason: 'no-route' },
    });
    expect(noRouteOriginating('ClientVM', ipToU32('8.8.8.8'))).toEqual({
      disposition: 'no-route',
      reason: 'ClientVM has no route to 8.8.8.8',
      why: "ClientVM's routing table has no prefix containing 8.8.8.8.",
      event: { summary: 'ClientVM: no route to 8.8.8.8', reason: 'no-route' },
    });
  });

  it('a next hop that never answers ARP: how often it was asked, and the ICMP error only a forwarding router sends', () => {
    expect(neighborUnreachable('NATVM', ipToU32('192.168.200.1'), nameOf, 3, true)).toEqual({
      disposition: 'neighbor-unreachable',
      reason: 'NATVM had no answer to ARP for its next hop 192.168.200.1 (BGPVM)',
      why: 'NATVM asked 3 times who has 192.168.200.1 (ARP request, broadcast) and nobody answered. Without the next hop\'s MAC address the frame cannot be sent, so NATVM drops the packet and sends ICMP destination unreachable (host unreachable) to its sender.',
    });
    expect(neighborUnreachable('ClientVM', ipToU32('192.168.200.1'), nameOf, 2, false).why).toBe(
      'ClientVM asked 2 times who has 192.168.200.1 (ARP request, broadcast) and nobody answered. Without the next hop\'s MAC address the frame cannot be sent, so ClientVM drops the packet.',
    );
  });

  it('a next hop that no node has is said to be so, not named by its address twice', () => {
    // As the world names addresses: a node's name, else the address itself.
    const outcome = neighborUnreachable('NATVM', ipToU32('10.0.0.99'), (ip) => (nameOf(ip) === 'nobody' ? u32ToIp(ip) : nameOf(ip)), 3, true);
    expect(outcome.reason).toBe('NATVM had no answer to ARP for its next hop 10.0.0.99');
    expect(outcome.why).toBe(
      'NATVM asked 3 times who has 10.0.0.99 (ARP request, broadcast) and nobody answered: no device in this topology has that address. Without the next hop\'s MAC address the frame cannot be sent, so NATVM drops the packet and sends ICMP destination unreachable (host unreachable) to its sender.',
    );
  });
});

describe("ARP's step", () => {
  const bgpvm = ipToU32('192.168.200.1');
  const mac = macToNum('00:15:5d:00:00:02');
  it('gives the MAC and whether the cache or a reply gave it, or how many requests went unanswered', () => {
    expect(arpStep(bgpvm, mac, 'cached', 0)).toEqual({ kind: 'arp', target: '192.168.200.1', mac: '00:15:5d:00:00:02', outcome: 'cached', text: '192.168.200.1 is at 00:15:5d:00:00:02 (ARP cache)' });
    expect(arpStep(bgpvm, mac, 'resolved', 1)).toEqual({ kind: 'arp', target: '192.168.200.1', mac: '00:15:5d:00:00:02', outcome: 'resolved', text: '192.168.200.1 is at 00:15:5d:00:00:02 (ARP reply)' });
    expect(arpStep(bgpvm, undefined, 'failed', 3)).toEqual({ kind: 'arp', target: '192.168.200.1', outcome: 'failed', text: 'ARP for 192.168.200.1 failed: no answer after 3 requests' });
  });
});

describe('packets too big for their next link', () => {
  it("reads Don't Fragment and the packet's size from the IPv4 header", () => {
    expect(dontFragment(fullSize(true))).toBe(true);
    expect(dontFragment(fullSize(false))).toBe(false);
    expect(packetSize(fullSize(true))).toBe(1500);
  });

  it('a VXLAN endpoint drops silently: the sender learns nothing (a Path MTU black hole)', () => {
    expect(tooBigForTunnel('MuxVM', fullSize(true), 1550, 1500, 'PA')).toEqual({
      disposition: 'too-big',
      reason: 'MuxVM cannot send the 1500-byte packet through VXLAN: with the 50 bytes of encapsulation it is 1550 bytes, more than the 1500-byte MTU of the PA network',
      why:
        'MuxVM wraps the 1500-byte packet from 192.168.200.10 in VXLAN: outer IPv4 (20), UDP (8) and VXLAN (8) headers plus the inner Ethernet header (14) add 50 bytes, making 1550, ' +
        "but the PA network's MTU is 1500. A VXLAN endpoint must not fragment (RFC 7348 4.3) and the inner packet says Don't Fragment, so MuxVM drops it. " +
        'No router sees the packet too big for its next hop, so no ICMP "fragmentation needed" goes back: 192.168.200.10 learns nothing, and its TCP can only send the same full-size segment again into the same drop (a Path MTU black hole). ' +
        "This is why Microsoft's SDN wants 160 bytes of room for encapsulation on the PA network (EncapOverhead 160, or JumboPacket 1674: SdnDiagnostics' Test-SdnEncapOverhead).",
      event: { summary: "MuxVM drops a 1550-byte VXLAN packet (a 1500-byte packet from 192.168.200.10 plus 50 bytes of encapsulation): the PA network's MTU is 1500", reason: 'too-big' },
    });
  });

  it("a router tells a Don't Fragment sender the next hop's MTU, and drops any other packet as unfragmentable here", () => {
    expect(tooBigAtRouter('BGPVM', fullSize(true), 1400, 'BGPVM:transit')).toEqual({
      disposition: 'too-big',
      reason: "BGPVM cannot forward the 1500-byte packet out of BGPVM:transit: its MTU is 1400 and the packet says Don't Fragment",
      why: "The packet 192.168.200.10 -> 192.168.133.74 is 1500 bytes, more than the 1400-byte MTU of BGPVM's BGPVM:transit, and it says Don't Fragment. BGPVM drops it and sends 192.168.200.10 an ICMP destination unreachable, code 4 (fragmentation needed), with the next hop's MTU 1400 (RFC 1191), so the sender can send smaller packets (Path MTU Discovery).",
      event: { summary: "BGPVM drops a 1500-byte packet 192.168.200.10 -> 192.168.133.74: BGPVM:transit's MTU is 1400; ICMP fragmentation needed goes back", reason: 'too-big' },
    });
    expect(tooBigAtRouter('BGPVM', fullSize(false), 1400, 'BGPVM:transit')).toEqual({
      disposition: 'too-big',
      reason: 'BGPVM cannot forward the 1500-byte packet out of BGPVM:transit: its MTU is 1400',
      why: "The packet 192.168.200.10 -> 192.168.133.74 is 1500 bytes, more than the 1400-byte MTU of BGPVM's BGPVM:transit. A router would cut it into fragments; Hoplab does not model fragmentation, so the packet is dropped here.",
      event: { summary: "BGPVM drops a 1500-byte packet 192.168.200.10 -> 192.168.133.74: BGPVM:transit's MTU is 1400", reason: 'too-big' },
    });
  });
});

describe('ICMP sentences', () => {
  const icmp = (kind: 'echo-request' | 'echo-reply', src = '192.168.200.10') =>
    encodePacket([ethernet('00:15:5d:00:00:01'), ipv4(src, '192.168.200.1', IPPROTO_ICMP, 1), { type: 'icmp', kind, code: 0, identifier: 1, sequence: 2 }]);

  it('an echo request delivered, and any other message named by its type and sender', () => {
    expect(echoDelivered('BGPVM', icmp('echo-request'))).toEqual({ disposition: 'delivered', reason: 'BGPVM receives the echo request and answers it', why: "192.168.200.1 is BGPVM's own address." });
    expect(icmpDelivered('BGPVM', icmp('echo-reply'), nameOf)).toEqual({ disposition: 'delivered', reason: 'BGPVM receives ICMP echo reply from NATVM (192.168.200.10)', why: 'The ICMP message is addressed to BGPVM.' });
    // Type 8 has no name of its own in the table: the number is shown.
    expect(icmpDelivered('BGPVM', icmp('echo-request', '10.9.9.9'), nameOf).reason).toBe('BGPVM receives ICMP type 8 from nobody (10.9.9.9)');
  });

  it('a redirect sent and one followed', () => {
    expect(redirectSent('BGPVM', ipToU32('192.168.200.2'), fullSize(true))).toBe('BGPVM sends an ICMP redirect: use 192.168.200.2 for 192.168.133.74');
    expect(redirectFollowed('ClientVM', route('192.168.100.2', 32, '192.168.200.2', 'redirect'))).toBe('ClientVM follows an ICMP redirect: 192.168.100.2/32 via 192.168.200.2');
  });
});
