// No route (a host without a default route) and the drop of a
// packet whose IPv4 header checksum is wrong. Each assertion fails if the behaviour is turned into another.
import { describe, expect, it } from 'vitest';
import { runPoc, pocTopology } from './fixtures';
import { simulate } from './simulate';
import { buildWorld } from './world';

describe('no route', () => {
  it('a ClientVM without a default route cannot send to the VIP: no-route at ClientVM, nothing on the wire', () => {
    const t = pocTopology();
    const topology = { ...t, nodes: t.nodes.map((n) => (n.id === 'ClientVM' ? { ...n, routes: [] } : n)) };
    const r = simulate(topology, { from: 'ClientVM', to: '192.168.133.74:443' });
    if (!r.ok) throw new Error(r.error.message);
    const trace = r.value.result.trace;
    expect(trace.disposition).toBe('no-route');
    expect(trace.reason).toBe('ClientVM has no route to 192.168.133.74');
    expect(trace.hops.map((h) => h.node)).toEqual(['ClientVM']);
    // Windows fails the connect at once: no SYN is retransmitted into a missing route.
    expect(trace.connection).toEqual({ outcome: 'unreachable', synTimes: [], endedAt: 1 * 1_000_000 });
    expect(r.value.result.transmissions.some((x) => x.fromNode === 'ClientVM' && x.protocol === 'tcp')).toBe(false);
  });
});

describe('bad IPv4 header checksum', () => {
  it('NATVM drops a frame whose header checksum is wrong, and the trace says why', () => {
    const good = runPoc({ to: 'PortalVM' }).result;
    const frame = good.transmissions.find((x) => x.fromNode === 'ClientVM' && x.protocol === 'icmp')!;
    const world = buildWorld(pocTopology(), { seed: 1, icmpRedirects: false, record: { full: true } });
    const bytes = frame.bytes.slice();
    bytes[24] = bytes[24]! ^ 0xff; // corrupt the IPv4 header checksum (Ethernet 14 + offset 10)
    world.ctx.tracer.open(1, 'probe', 'a corrupted ping');
    world.ctx.tracer.begin(1, 'NATVM', 'inside');
    const nat = world.nodes.get('NATVM')!;
    nat.ip.input(0, bytes, 1);
    const b = world.ctx.tracer.get(1)!;
    expect(b.final).toEqual({ disposition: 'bad-checksum', reason: 'NATVM received the packet with a wrong IPv4 header checksum', time: 0 });
    expect(b.hops.map((h) => [h.node, h.steps.at(-1), h.why])).toEqual([
      [
        'NATVM',
        { kind: 'dropped', reason: 'bad-checksum', text: 'NATVM received the packet with a wrong IPv4 header checksum' },
        'The IPv4 header checksum does not match the header, so it was corrupted on the way and none of its fields can be trusted: NATVM drops the packet silently, with no ICMP error (RFC 1812, 5.2.2).',
      ],
    ]);
    // Silently: nothing is sent back, not even a frame once the clock runs on.
    expect(world.ctx.sched.pending).toBe(0);
    expect(world.ctx.rec.events.map((e) => e.summary)).toContain('NATVM: IPv4 header checksum wrong, packet dropped');
    // The same frame with its checksum intact is forwarded, not dropped.
    const world2 = buildWorld(pocTopology(), { seed: 1, icmpRedirects: false, record: { full: true } });
    world2.ctx.tracer.open(1, 'probe', 'an intact ping');
    world2.nodes.get('NATVM')!.ip.input(0, frame.bytes.slice(), 1);
    expect(world2.ctx.tracer.get(1)!.final?.disposition).not.toBe('bad-checksum');
  });
});
