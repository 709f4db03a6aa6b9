// Each network's MTU, and what a packet too big for it meets: the MUX (a VXLAN endpoint) drops it silently,
// a router drops it and sends ICMP fragmentation needed with the next hop's MTU, and TCP, hearing nothing,
// retransmits the same full-size segment until it gives up.
import { describe, expect, it } from 'vitest';
import { decodePacket, encodePacket } from '../packets/index';
import type { IcmpLayer, Layer } from '../packets/layers';
import { ethernet, ipv4, tcp, ACK } from '../net/build';
import { POC_TOPOLOGY } from '../scenarios/poc';
import { markOf } from '../topology/schema';
import { Timing } from '../sim/timing';
import { parseCliArgs } from '../cli/args';
import { pocTopology, runPoc } from './fixtures';
import { simulate } from './simulate';
import { buildWorld } from './world';

const layersOf = (bytes: Uint8Array): Layer[] => {
  const d = decodePacket(bytes);
  if (!d.ok) throw new Error(d.error.message);
  return d.value.layers;
};

describe('network MTUs', () => {
  it("gives the PA network Microsoft's room for encapsulation, 1660 (JumboPacket 1674 less Ethernet), marked documented; the others Ethernet's 1500", () => {
    const pa = POC_TOPOLOGY.networks.find((n) => n.id === 'pa')!;
    expect(pa.mtu).toBe(1660);
    expect(markOf(pa, 'mtu')).toMatchObject({ mark: 'documented', source: expect.stringContaining('Test-SdnEncapOverhead') });
    for (const id of ['mgmt', 'transit', 'outside']) expect(POC_TOPOLOGY.networks.find((n) => n.id === id)!.mtu).toBe(1500);
  });

  it('lets a full-size segment plus VXLAN (1550 bytes) through the default PA network', () => {
    // The PA network named at its own MTU: the client pads its ClientHello to a full segment, as in the 1500 run.
    const { result } = runPoc({ mtu: [{ network: 'pa', mtu: 1660 }] });
    const tls = result.trace.tls!;
    expect(tls.disposition).toBe('delivered');
    const vx = tls.hops.find((h) => h.node === 'MuxVM')!.layers;
    expect(vx[1]).toMatchObject({ type: 'ipv4', totalLength: 1550 });
    expect(vx[5]).toMatchObject({ type: 'ipv4', totalLength: 1500 });
    expect(result.trace.connection?.closed).toBe('fin');
  });
});

describe('the PA network at 1500', () => {
  const run = () => runPoc({ mtu: [{ network: 'pa', mtu: 1500 }] }).result;

  it('drops the full-size ClientHello at MuxVM, which cannot send it with VXLAN around it, and says why', () => {
    const result = run();
    const tls = result.trace.tls!;
    expect(tls.disposition).toBe('too-big');
    expect(tls.hops.at(-1)!.node).toBe('MuxVM');
    expect(tls.reason).toMatch(/^MuxVM cannot send the 1500-byte packet through VXLAN: with the 50 bytes of encapsulation it is 1550 bytes, more than the 1500-byte MTU of the pa network/);
    const why = tls.hops.at(-1)!.why;
    expect(why).toMatch(/must not fragment \(RFC 7348 4\.3\)/);
    expect(why).toMatch(/no ICMP "fragmentation needed" goes back/);
    expect(why).toMatch(/EncapOverhead 160, or JumboPacket 1674/);
    expect(result.trace.reason).toMatch(/After the handshake the ClientHello failed: MuxVM cannot send/);
    expect(result.trace.disposition).toBe('too-big');
    expect(result.events.find((e) => e.summary.startsWith('What-if: the pa network'))?.summary).toBe("What-if: the pa network's MTU is 1500 bytes (its document says 1660)");
  });

  it('says why the ClientHello is a full segment: only client-to-server packets cross the MUX', () => {
    const hello = run().transmissions.find((t) => t.fromNode === 'ClientVM' && t.protocol === 'tls')!;
    expect(layersOf(hello.bytes)[1]).toMatchObject({ type: 'ipv4', totalLength: 1500, dontFragment: true });
    expect(hello.note).toMatch(/padded to 1460 bytes, a full segment \(RFC 7685 padding extension\).*Direct Server Return/);
  });

  it('stalls: ClientVM retransmits the same segment with the wait doubling, every copy dropped, no ICMP, then gives up', () => {
    const result = run();
    const retransmits = result.events.filter((e) => e.kind === 'tcp-retransmit' && e.node === 'ClientVM');
    expect(retransmits.map((e) => (e.kind === 'tcp-retransmit' ? e.segment : ''))).toEqual(Array(Timing.dataRetries).fill('data'));
    const gaps = retransmits.map((e, i) => e.time - (i === 0 ? result.trace.tls!.startedAt! : retransmits[i - 1]!.time));
    expect(gaps).toEqual([300_000, 600_000, 1_200_000, 2_400_000, 4_800_000]);
    const drops = result.events.filter((e) => e.kind === 'drop' && e.node === 'MuxVM');
    expect(drops.map((e) => (e.kind === 'drop' ? e.reason : ''))).toEqual(Array(1 + Timing.dataRetries).fill('too-big'));
    expect(drops).toHaveLength(1 + Timing.dataRetries);
    expect(drops[0]!.summary).toMatch(/MuxVM drops a 1550-byte VXLAN packet \(a 1500-byte packet from 192\.168\.200\.10 plus 50 bytes of encapsulation\): the pa network's MTU is 1500/);
    expect(result.transmissions.filter((t) => t.protocol === 'icmp')).toEqual([]);
    expect(result.trace.connection).toMatchObject({ outcome: 'established', closed: 'gave-up' });
    expect(result.events.some((e) => e.kind === 'tcp-gave-up' && e.node === 'ClientVM')).toBe(true);
  });

  it('takes the what-if from the command line and checks it', () => {
    const ok = parseCliArgs(['--from', 'ClientVM', '--to', 'x', '--mtu', 'pa=1500', '--mtu', 'mgmt=9000']);
    expect(ok.ok && ok.value.mtu).toEqual([{ network: 'pa', mtu: 1500 }, { network: 'mgmt', mtu: 9000 }]);
    const bad = parseCliArgs(['--from', 'ClientVM', '--to', 'x', '--mtu', 'pa=100']);
    expect(!bad.ok && bad.error).toMatch(/at least 576 bytes/);
    const shape = parseCliArgs(['--from', 'ClientVM', '--to', 'x', '--mtu', 'pa']);
    expect(!shape.ok && shape.error).toMatch(/--mtu takes a network and a number of bytes, e.g. --mtu pa=1500/);
  });

  it('refuses an unknown network or an impossible MTU with a message that names it', () => {
    const unknown = simulate(pocTopology(), { from: 'ClientVM', to: 'https://portal.azurestack.local', mtu: [{ network: 'nope', mtu: 1500 }] });
    // Each with the MTU's own help, not the one about what-if targets and times.
    const HELP = 'An MTU what-if names one of the topology\'s networks by its id ("pa") and gives its MTU, a whole number of bytes from 576 to 9216; a run takes at most 16 of them.';
    expect(!unknown.ok && unknown.error).toEqual({ code: 'bad-mtu', path: 'mtu', message: `"nope" names no network of this topology (networks: mgmt, transit, vip, pa, outside). ${HELP}` });
    const tiny = simulate(pocTopology(), { from: 'ClientVM', to: 'https://portal.azurestack.local', mtu: [{ network: 'pa', mtu: 100 }] });
    expect(!tiny.ok && tiny.error).toEqual({ code: 'bad-mtu', path: 'mtu[0].mtu', message: `mtu[0].mtu: an MTU is at least 576 bytes (RFC 791). ${HELP}` });
    const many = simulate(pocTopology(), { from: 'ClientVM', to: 'https://portal.azurestack.local', mtu: Array(17).fill({ network: 'pa', mtu: 1500 }) });
    expect(!many.ok && many.error).toEqual({ code: 'bad-mtu', path: 'mtu', message: `mtu: a run takes at most 16 MTU what-ifs. ${HELP}` });
    // A what-if's own error keeps the what-if help.
    const late = simulate(pocTopology(), { from: 'ClientVM', to: 'x', whatIf: [{ action: 'fail', target: 'MuxVM', at: -1 }] });
    expect(!late.ok && late.error.message).toBe('whatIf[0].at: a what-if time is 0 or more. A what-if target is a node id ("MuxVM") or a link "NodeId:interfaceId" ("MuxVM:mgmt"), at a time from 0 to 600 s (600000000 microseconds); a run takes at most 64 what-ifs.');
  });
});

describe('a router whose next hop is too small', () => {
  it("drops a Don't Fragment packet and sends ICMP destination unreachable, code 4, with the next hop's MTU (RFC 1191)", () => {
    const topology = pocTopology();
    const small = { ...topology, networks: topology.networks.map((n) => (n.id === 'mgmt' ? { ...n, mtu: 1400 } : n)) };
    const world = buildWorld(small, { seed: 1, icmpRedirects: false, record: { full: true } });
    const bgpvm = world.nodes.get('BGPVM')!;
    const transit = bgpvm.ip.ifaces.findIndex((f) => f.id === 'transit');
    // A full-size segment from ClientVM to PortalVM arrives on BGPVM's transit arm, which must send it out of mgmt.
    const frame = encodePacket([
      { ...ethernet('00:15:5d:c8:00:0a', bgpvm.ip.ifaces[transit]!.macText) },
      ipv4('192.168.200.10', '192.168.100.9', 6, 7, 127, true),
      tcp(50000, 443, 1, 1, ACK),
      { type: 'raw', data: new Uint8Array(1460) },
    ]);
    bgpvm.ip.input(transit, frame, 0);
    world.ctx.sched.run(2_000_000);
    const icmp = world.ctx.rec.transmissions.filter((t) => t.fromNode === 'BGPVM' && t.protocol === 'icmp');
    expect(icmp).toHaveLength(1);
    const layers = layersOf(icmp[0]!.bytes);
    expect(layers[1]).toMatchObject({ type: 'ipv4', src: '192.168.200.2', dst: '192.168.200.10' });
    expect(layers[2] as IcmpLayer).toMatchObject({ kind: 'destination-unreachable', code: 4, nextHopMtu: 1400 });
    expect(world.ctx.rec.transmissions.some((t) => t.fromNode === 'BGPVM' && t.toNode !== undefined && t.protocol === 'tls')).toBe(false);
    expect(world.ctx.rec.events.find((e) => e.kind === 'drop' && e.node === 'BGPVM')?.summary).toBe("BGPVM drops a 1500-byte packet 192.168.200.10 -> 192.168.100.9: mgmt's MTU is 1400; ICMP fragmentation needed goes back");
  });
});
