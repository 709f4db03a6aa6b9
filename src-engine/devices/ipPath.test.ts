// IP input and forwarding acting on their verdicts, against a scripted stack: where each arriving packet goes
// (ARP, a protocol handler, NAT, the MUX, forwarding), how a packet ends (its trace and drop event), the ICMP
// each case sends back, and what a forwarded packet leaves with.
import { describe, expect, it } from 'vitest';
import { ipToU32, macToNum } from '../net/addr';
import { ethernet, ipv4, SYN, tcp, udp } from '../net/build';
import { encodePacket } from '../net/codec';
import { ETH_HLEN, ipTtl } from '../net/frame';
import { ETHERTYPE_ARP, IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP, type Layer } from '../packets/layers';
import { Scheduler } from '../sim/scheduler';
import { Timing } from '../sim/timing';
import { Recorder } from '../trace/recorder';
import { Tracer } from '../trace/tracer';
import type { Ctx } from './context';
import { decrementTtl, forward, type ForwardStack } from './forward';
import type { Iface } from './iface';
import { ipInput, type InputStack } from './ipInput';
import { Nat } from './nat';
import { RouteTable, type Route } from './routes';
import { noteText, type Note } from '../view/notes';

const ip = ipToU32;
const NAMES: Record<string, string> = { '192.168.200.1': 'BGPVM', '192.168.200.10': 'NATVM', '192.168.200.2': 'MuxVM' };
const nameOf = (n: number) => Object.entries(NAMES).find(([a]) => ip(a) === n)?.[1] ?? 'nobody';
const iface = (index: number, id: string, addr: string, len: number, mtu = 1500): Iface =>
  ({ index, id, ip: ip(addr), ipText: addr, len, network: (ip(addr) & (len ? ~0 << (32 - len) : 0)) >>> 0, mtu, mac: macToNum(`00:15:5d:00:00:0${index}`) }) as Partial<Iface> as Iface;
const route = (prefix: string, len: number, nextHop: string | undefined, ifIndex: number, source: Route['source'] = 'static'): Route => ({ network: ip(prefix), len, nextHop: nextHop ? ip(nextHop) : 0, ifIndex, source, metric: 0 });
const packet = (src: string, dst: string, proto: number, l4: Layer[], ttl = 128, df = true) => encodePacket([ethernet('00:15:5d:00:00:09', '00:15:5d:00:00:00'), ipv4(src, dst, proto, 7, ttl, df), ...l4]);
const syn = (src: string, dst: string, ttl = 128, df = true, pad = 0) => packet(src, dst, IPPROTO_TCP, [tcp(50000, 443, 1, 0, SYN), ...(pad ? [{ type: 'raw' as const, data: new Uint8Array(pad) }] : [])], ttl, df);
const icmp = (src: string, dst: string, l4: Layer[]) => packet(src, dst, IPPROTO_ICMP, l4, 128, false);

/** BGPVM-like: transit 192.168.200.1/24 (0), management 192.168.100.1/24 (1); everything it does is kept. */
function stack(opts: { forwarding?: boolean; full?: boolean; nat?: boolean } = {}) {
  const sched = new Scheduler();
  const rec = new Recorder(sched, { full: opts.full ?? true });
  const tracer = new Tracer(sched);
  tracer.open(1, 'flow', 'the flow');
  const ctx: Ctx = { sched, seed: 1, rec, tracer, nameOf };
  const ifaces = [iface(0, 'BGPVM:transit', '192.168.200.1', 24), iface(1, 'BGPVM:mgmt', '192.168.100.1', 24, 1400)];
  const routes = new RouteTable();
  routes.add(route('192.168.200.0', 24, undefined, 0, 'connected'));
  routes.add(route('192.168.100.0', 24, undefined, 1, 'connected'));
  routes.add(route('192.168.133.0', 24, '192.168.200.2', 0));
  const log: unknown[][] = [];
  const s = {
    node: { id: 'BGPVM' },
    ctx,
    routes,
    ifaces,
    forwarding: opts.forwarding ?? true,
    icmpRedirects: false,
    nat: opts.nat ? new Nat('BGPVM', ctx, ifaces[1]!) : undefined,
    preRoute: undefined as InputStack['preRoute'],
    arp: { input: (i: number, b: Uint8Array) => log.push(['arp', i, b]) },
    tcp: (i: number, b: Uint8Array, tag: number) => log.push(['tcp', i, b, tag]),
    udp: undefined as InputStack['udp'],
    icmpListener: undefined as InputStack['icmpListener'],
    isLocal: (a: number) => a === ip('192.168.200.1') || a === ip('192.168.100.1'),
    forward: (i: number, b: Uint8Array, tag: number) => log.push(['forward', i, b, tag]),
    originate: (dst: number, proto: number, payload: readonly Layer[], tag: number, why: string) => log.push(['originate', dst, proto, payload, tag, why]),
    // The note as the page and CLI read it: its text.
    output: (r: Route, dst: number, frame: Uint8Array, tag: number, why: Note, delay: number, errorAbout?: Uint8Array) => log.push(['output', r, dst, frame, tag, noteText(why), delay, errorAbout]),
  };
  return { s: s satisfies InputStack & ForwardStack, log, rec, tracer, sched };
}
const drops = (rec: Recorder) => rec.events.filter((e) => e.kind === 'drop').map((e) => [e.node, e.summary, 'reason' in e ? e.reason : undefined]);
type Stack = ReturnType<typeof stack>;

/**
 * A drop is said whether or not its packet is traced, and its trace ends whether or not the run keeps events:
 * `act` is run untraced (tag 0) in a run that keeps events, then traced (tag 1) in one that keeps none.
 */
function dropSaidAndTraceEnded(opts: { forwarding?: boolean }, act: (s: Stack['s'], tag: number) => void, drop: unknown[], final: object) {
  const untraced = stack(opts);
  act(untraced.s, 0);
  expect(drops(untraced.rec)).toEqual([drop]);
  const bare = stack({ ...opts, full: false });
  bare.tracer.begin(1, 'BGPVM', 'BGPVM:transit');
  act(bare.s, 1);
  expect(bare.tracer.get(1)!.final).toMatchObject(final);
}

describe('ipInput', () => {
  it('hands ARP to ARP, a local TCP segment to TCP, and a broadcast counts as local', () => {
    const { s, log } = stack();
    const arp = encodePacket([ethernet('00:15:5d:00:00:09', 'ff:ff:ff:ff:ff:ff', ETHERTYPE_ARP), { type: 'arp', hardwareType: 1, protocolType: 0x0800, opcode: 1, senderMac: '00:15:5d:00:00:09', senderIp: '192.168.200.9', targetMac: '00:00:00:00:00:00', targetIp: '192.168.200.1' }]);
    ipInput(s, 0, arp, 0);
    const local = syn('192.168.200.10', '192.168.100.1');
    ipInput(s, 1, local, 1);
    const bcast = syn('192.168.200.10', '255.255.255.255');
    ipInput(s, 0, bcast, 0);
    expect(log).toEqual([
      ['arp', 0, arp],
      ['tcp', 1, local, 1],
      ['tcp', 0, bcast, 0],
    ]);
  });

  it('drops a corrupted header silently, ending a traced packet and recording the drop', () => {
    const { s, log, rec, tracer } = stack();
    const bad = syn('192.168.200.10', '192.168.200.1');
    bad[ETH_HLEN + 10]! ^= 0xff;
    tracer.begin(1, 'BGPVM', 'BGPVM:transit');
    ipInput(s, 0, bad, 1);
    expect(log).toEqual([]);
    expect(tracer.get(1)!.final).toMatchObject({ disposition: 'bad-checksum' });
    expect(drops(rec)).toEqual([['BGPVM', 'BGPVM: IPv4 header checksum wrong, packet dropped', 'bad-checksum']]);
    dropSaidAndTraceEnded({}, (st, tag) => ipInput(st, 0, bad, tag), ['BGPVM', 'BGPVM: IPv4 header checksum wrong, packet dropped', 'bad-checksum'], {
      disposition: 'bad-checksum',
      reason: 'BGPVM received the packet with a wrong IPv4 header checksum',
    });
    // Untraced, in a run that keeps no events: nothing is built.
    const bare = stack({ full: false });
    ipInput(bare.s, 0, bad, 0);
    expect(bare.log).toEqual([]);
    expect(bare.rec.events).toEqual([]);
  });

  it('a packet in transit goes to the MUX first, else is forwarded by a router, else dropped by an end host', () => {
    const router = stack();
    const transit = syn('192.168.200.10', '192.168.133.74');
    let claimed = 0;
    router.s.preRoute = (i, b, tag) => (claimed++, i === 0 && b === transit && tag === 1 && claimed === 1);
    ipInput(router.s, 0, transit, 1);
    expect(router.log).toEqual([]);
    ipInput(router.s, 0, transit, 1);
    expect(router.log).toEqual([['forward', 0, transit, 1]]);

    const host = stack({ forwarding: false });
    host.tracer.begin(1, 'BGPVM', 'BGPVM:transit');
    ipInput(host.s, 0, transit, 1);
    expect(host.log).toEqual([]);
    expect(host.tracer.get(1)!.final).toMatchObject({ disposition: 'not-a-router', reason: 'BGPVM does not forward packets and 192.168.133.74 is not its address' });
    expect(drops(host.rec)).toEqual([['BGPVM', 'BGPVM is not a router: packet to 192.168.133.74 dropped', 'not-a-router']]);
    dropSaidAndTraceEnded({ forwarding: false }, (st, tag) => ipInput(st, 0, transit, tag), ['BGPVM', 'BGPVM is not a router: packet to 192.168.133.74 dropped', 'not-a-router'], {
      disposition: 'not-a-router',
    });
  });

  it("translates an answer to NAT's outside address back and forwards it; delivers one NAT has no mapping for", () => {
    const { s, log, tracer } = stack({ nat: true });
    s.nat!.translateOut(packet('192.168.200.10', '192.168.100.9', IPPROTO_UDP, [udp(53001, 53)]));
    const answer = packet('192.168.100.9', '192.168.100.1', IPPROTO_UDP, [udp(53, 61000)]);
    tracer.begin(1, 'BGPVM', 'BGPVM:mgmt');
    ipInput(s, 1, answer, 1);
    expect(log).toEqual([['forward', 1, packet('192.168.100.9', '192.168.200.10', IPPROTO_UDP, [udp(53, 53001)]), 1]]);
    expect(tracer.get(1)!.current!.steps).toEqual([expect.objectContaining({ kind: 'rewrite', by: 'nat', field: 'ipv4.dst', after: '192.168.200.10:53001' })]);
    // A TCP segment to a port with no mapping is for BGPVM itself; so is anything arriving on the inside.
    const own = syn('192.168.100.9', '192.168.100.1');
    ipInput(s, 1, own, 0);
    ipInput(s, 0, answer, 0);
    expect(log.slice(1)).toEqual([['tcp', 1, own, 0]]);
  });

  it('a protocol nobody handles ends a traced packet as no-listener', () => {
    const { s, log, tracer } = stack();
    tracer.begin(1, 'BGPVM', 'BGPVM:transit');
    ipInput(s, 0, packet('192.168.200.10', '192.168.200.1', IPPROTO_UDP, [udp(5, 6)]), 1);
    expect(log).toEqual([]);
    expect(tracer.get(1)!.final).toMatchObject({ disposition: 'no-listener', reason: 'BGPVM has nothing listening for IP protocol 17' });
    ipInput(s, 0, packet('192.168.200.10', '192.168.200.1', 47, [{ type: 'raw', data: new Uint8Array(4) }]), 0);
    expect(log).toEqual([]);
  });

  it('answers an echo request with the same identifier, sequence and data, as the answer to its tag', () => {
    const { s, log, tracer } = stack();
    const request = icmp('192.168.200.10', '192.168.200.1', [{ type: 'icmp', kind: 'echo-request', code: 0, identifier: 9, sequence: 4 }, { type: 'raw', data: new Uint8Array([7, 7]) }]);
    tracer.begin(1, 'BGPVM', 'BGPVM:transit');
    ipInput(s, 0, request, 1);
    expect(log).toEqual([['originate', ip('192.168.200.10'), IPPROTO_ICMP, [{ type: 'icmp', kind: 'echo-reply', code: 0, identifier: 9, sequence: 4 }, { type: 'raw', data: new Uint8Array([7, 7]) }], 2, 'BGPVM answers the ping.']]);
    expect(tracer.get(1)!.final).toMatchObject({ disposition: 'delivered', reason: 'BGPVM receives the echo request and answers it' });
  });

  it('a host follows a redirect with a host route replacing the last one; a router keeps its routes; both hand the message on', () => {
    const redirect = (gateway: string, about = '192.168.100.2') =>
      icmp('192.168.200.10', '192.168.200.1', [{ type: 'icmp', kind: 'redirect', code: 1, gateway }, { type: 'raw', data: syn('192.168.200.1', about).slice(ETH_HLEN, ETH_HLEN + 28) }]);
    const host = stack({ forwarding: false });
    // A static host route to the same address stays: a redirect replaces only an earlier redirect.
    const pinned = route('192.168.100.2', 32, '192.168.200.1', 0);
    host.s.routes.add(pinned);
    const heard: unknown[] = [];
    host.s.icmpListener = (i, b, tag) => heard.push([i, b.length, tag]);
    host.sched.at(60, () => ipInput(host.s, 0, redirect('192.168.200.2', '192.168.100.5'), 0));
    host.sched.at(70, () => {
      ipInput(host.s, 0, redirect('192.168.200.2'), 0);
      host.tracer.begin(1, 'BGPVM', 'BGPVM:transit');
      ipInput(host.s, 0, redirect('192.168.200.3'), 1);
    });
    host.sched.run(Infinity);
    // The redirect for another address (192.168.100.5) stays too.
    expect(host.s.routes.all().filter((r) => r.network === ip('192.168.100.2') || r.source === 'redirect')).toEqual([
      pinned,
      { network: ip('192.168.100.2'), len: 32, nextHop: ip('192.168.200.3'), ifIndex: 0, source: 'redirect', metric: 0, learnedAt: 70 },
      { network: ip('192.168.100.5'), len: 32, nextHop: ip('192.168.200.2'), ifIndex: 0, source: 'redirect', metric: 0, learnedAt: 60 },
    ]);
    // The traced one ends here, delivered to the host, which says whose message it was.
    expect(host.tracer.get(1)!.final).toMatchObject({ disposition: 'delivered', reason: 'BGPVM receives ICMP redirect from NATVM (192.168.200.10)' });
    expect(host.rec.events.filter((e) => e.kind === 'route-installed').slice(1)).toEqual([
      expect.objectContaining({ time: 70, node: 'BGPVM', summary: 'BGPVM follows an ICMP redirect: 192.168.100.2/32 via 192.168.200.2', prefix: '192.168.100.2/32', nextHop: '192.168.200.2', source: 'redirect', from: '192.168.200.10', protocol: 'icmp' }),
      expect.objectContaining({ summary: 'BGPVM follows an ICMP redirect: 192.168.100.2/32 via 192.168.200.3', nextHop: '192.168.200.3' }),
    ]);
    expect(heard).toEqual([
      [0, redirect('192.168.200.2').length, 0],
      [0, redirect('192.168.200.2').length, 0],
      [0, redirect('192.168.200.2').length, 1],
    ]);

    const router = stack();
    ipInput(router.s, 0, redirect('192.168.200.2'), 0);
    expect(router.s.routes.all().some((r) => r.source === 'redirect')).toBe(false);
    expect(router.rec.events).toEqual([]);
  });
});

describe('forward', () => {
  it('sends a packet on with its TTL one less, by its route, explaining the hop', () => {
    const { s, log, tracer } = stack();
    const p = syn('192.168.200.10', '192.168.133.74', 64);
    tracer.begin(1, 'BGPVM', 'BGPVM:transit');
    forward(s, 1, p, 1);
    const r = s.routes.candidates(ip('192.168.133.74'))[0]!;
    expect(log).toEqual([
      ['output', r, ip('192.168.133.74'), decrementTtl(p), 1, 'BGPVM routes 192.168.133.74 by route 192.168.133.0/24 via 192.168.200.2 (MuxVM), static; TTL 64 -> 63.', Timing.router, decrementTtl(p)],
    ]);
    expect(ipTtl(log[0]![3] as Uint8Array, ETH_HLEN)).toBe(63);
    expect(tracer.get(1)!.current!.steps.map((x) => x.text)).toEqual(['route 192.168.133.0/24 via 192.168.200.2 (MuxVM) out of BGPVM:transit, source static', 'TTL 64 -> 63']);
    // Untraced in a run that keeps events: the transmission's note is written all the same.
    const untraced = stack();
    forward(untraced.s, 1, p, 0);
    expect(untraced.log[0]![5]).toBe('BGPVM routes 192.168.133.74 by route 192.168.133.0/24 via 192.168.200.2 (MuxVM), static; TTL 64 -> 63.');
    // Traced in a run that keeps none: the trace's hop still reads why.
    const tracedBare = stack({ full: false });
    tracedBare.tracer.begin(1, 'BGPVM', 'BGPVM:transit');
    forward(tracedBare.s, 1, p, 1);
    expect(tracedBare.log[0]![5]).toBe('BGPVM routes 192.168.133.74 by route 192.168.133.0/24 via 192.168.200.2 (MuxVM), static; TTL 64 -> 63.');
    // Untraced in a bare run: no sentence is built.
    const bare = stack({ full: false });
    forward(bare.s, 1, p, 0);
    expect(bare.log[0]![5]).toBe('');
  });

  it('a TTL of 1 ends here, with ICMP time exceeded to the source as the answer', () => {
    const { s, log, rec, tracer } = stack();
    const p = syn('192.168.200.10', '192.168.133.74', 1);
    tracer.begin(1, 'BGPVM', 'BGPVM:transit');
    forward(s, 0, p, 1);
    expect(tracer.get(1)!.final).toMatchObject({ disposition: 'ttl-exceeded', reason: 'the TTL ran out at BGPVM' });
    expect(tracer.get(1)!.hops[0]!.steps[0]).toEqual({ kind: 'ttl', before: 1, after: 0, text: 'TTL 1 would reach 0: BGPVM discards the packet' });
    expect(drops(rec)).toEqual([['BGPVM', 'BGPVM: TTL expired for 192.168.200.10 -> 192.168.133.74, ICMP time exceeded sent', 'ttl-exceeded']]);
    expect(log).toEqual([
      ['originate', ip('192.168.200.10'), IPPROTO_ICMP, [{ type: 'icmp', kind: 'time-exceeded', code: 0 }, { type: 'raw', data: p.slice(ETH_HLEN, ETH_HLEN + 28) }], 2, 'BGPVM reports ICMP time exceeded about 192.168.200.10 -> 192.168.133.74 to its source.'],
    ]);
    dropSaidAndTraceEnded({}, (st, tag) => forward(st, 0, p, tag), ['BGPVM', 'BGPVM: TTL expired for 192.168.200.10 -> 192.168.133.74, ICMP time exceeded sent', 'ttl-exceeded'], {
      disposition: 'ttl-exceeded',
      reason: 'the TTL ran out at BGPVM',
    });
  });

  it('no route: ICMP destination unreachable (code 0) back', () => {
    const { s, log, rec } = stack();
    const p = syn('192.168.200.10', '8.8.8.8');
    forward(s, 0, p, 0);
    expect(drops(rec)).toEqual([['BGPVM', 'BGPVM: no route to 8.8.8.8', 'no-route']]);
    expect(log).toEqual([
      ['originate', ip('192.168.200.10'), IPPROTO_ICMP, [{ type: 'icmp', kind: 'destination-unreachable', code: 0 }, { type: 'raw', data: p.slice(ETH_HLEN, ETH_HLEN + 28) }], 0, 'BGPVM reports ICMP destination unreachable (code 0) about 192.168.200.10 -> 8.8.8.8 to its source.'],
    ]);
  });

  it("too big for the next link: ICMP fragmentation needed with the link's MTU when DF is set, a silent drop when not", () => {
    const df = stack();
    const big = syn('192.168.200.10', '192.168.100.9', 128, true, 1400);
    forward(df.s, 0, big, 0);
    expect(drops(df.rec)).toEqual([['BGPVM', "BGPVM drops a 1440-byte packet 192.168.200.10 -> 192.168.100.9: BGPVM:mgmt's MTU is 1400; ICMP fragmentation needed goes back", 'too-big']]);
    expect(df.log).toEqual([
      [
        'originate',
        ip('192.168.200.10'),
        IPPROTO_ICMP,
        [{ type: 'icmp', kind: 'destination-unreachable', code: 4, nextHopMtu: 1400 }, { type: 'raw', data: big.slice(ETH_HLEN, ETH_HLEN + 28) }],
        0,
        'BGPVM reports ICMP destination unreachable (code 4, fragmentation needed; next-hop MTU 1400) about 192.168.200.10 -> 192.168.100.9 to its source.',
      ],
    ]);
    const noDf = stack();
    forward(noDf.s, 0, syn('192.168.200.10', '192.168.100.9', 128, false, 1400), 0);
    expect(noDf.log).toEqual([]);
    expect(drops(noDf.rec)).toHaveLength(1);
    // Exactly the MTU fits.
    const fits = stack();
    forward(fits.s, 0, syn('192.168.200.10', '192.168.100.9', 128, true, 1360), 0);
    expect(fits.log.map((l) => l[0])).toEqual(['output']);
  });

  it('translates a packet leaving by the outside interface from the inside, and sends what NAT cannot map nowhere', () => {
    const { s, log, tracer } = stack({ nat: true });
    tracer.begin(1, 'BGPVM', 'BGPVM:transit');
    forward(s, 0, syn('192.168.200.10', '192.168.100.9'), 1);
    expect(log[0]![3]).toEqual(packet('192.168.100.1', '192.168.100.9', IPPROTO_TCP, [tcp(61000, 443, 1, 0, SYN)], 127));
    // An ICMP error about it (no ARP answer) quotes it as routed, before NAT: it goes back to the inside sender,
    // not to this node's own outside address.
    expect(log[0]![7]).toEqual(decrementTtl(syn('192.168.200.10', '192.168.100.9')));
    expect(tracer.get(1)!.current!.steps.map((x) => x.kind)).toEqual(['route', 'ttl', 'rewrite']);
    // Outside to outside is routed unchanged; GRE has no port to map, so it goes nowhere.
    forward(s, 1, syn('192.168.100.7', '192.168.100.9'), 0);
    expect(log[1]![3]).toEqual(decrementTtl(syn('192.168.100.7', '192.168.100.9')));
    forward(s, 0, packet('192.168.200.10', '192.168.100.9', 47, [{ type: 'raw', data: new Uint8Array(4) }]), 0);
    expect(log).toHaveLength(2);
  });

  it('with redirects on, tells a sender on the same link of the better first hop, and still forwards', () => {
    const { s, log, rec } = stack();
    s.icmpRedirects = true;
    const p = syn('192.168.200.10', '192.168.133.74');
    forward(s, 0, p, 0);
    expect(rec.events.map((e) => [e.kind, e.summary, e.protocol])).toEqual([['info', 'BGPVM sends an ICMP redirect: use 192.168.200.2 for 192.168.133.74', 'icmp']]);
    expect(log.map((l) => l[0])).toEqual(['originate', 'output']);
    expect(log[0]!.slice(1, 5)).toEqual([ip('192.168.200.10'), IPPROTO_ICMP, [{ type: 'icmp', kind: 'redirect', code: 1, gateway: '192.168.200.2' }, { type: 'raw', data: p.slice(ETH_HLEN, ETH_HLEN + 28) }], 0]);
    // From another interface: no redirect.
    forward(s, 1, p, 0);
    expect(log.map((l) => l[0])).toEqual(['originate', 'output', 'output']);
  });
});
