// A node's life: what it had scheduled before a failure never runs, not even once it is back; failing or restoring
// it twice changes nothing the second time; a frame that reaches it while it is down is lost, and said so.
import { describe, expect, it } from 'vitest';
import { pocTopology, runPoc } from '../run/fixtures';
import { buildWorld } from '../run/world';
import { ipToU32 } from '../net/addr';
import { SYN, tcp, udp } from '../net/build';
import { ETH_HLEN } from '../net/frame';
import { IPPROTO_TCP, IPPROTO_UDP } from '../packets/layers';

const S = 1_000_000;

function world() {
  const w = buildWorld(pocTopology(), { seed: 1, icmpRedirects: false, record: { full: true } });
  return { w, mux: w.nodes.get('MuxVM')!, sched: w.ctx.sched };
}

describe('a node that fails and comes back', () => {
  it("runs its timers and later callbacks while up, and none of those from before a failure, even after it is back", () => {
    const { mux, sched } = world();
    const ran: string[] = [];
    mux.later(1 * S, () => ran.push('later, up'));
    mux.timer(1 * S, () => ran.push('timer, up'));
    sched.run(2 * S);
    expect(ran).toEqual(['later, up', 'timer, up']);
    mux.later(1 * S, () => ran.push('later, before the failure'));
    mux.timer(1 * S, () => ran.push('timer, before the failure'));
    mux.fail();
    mux.restore();
    mux.later(1 * S, () => ran.push('later, after the restore'));
    sched.run(4 * S);
    expect(ran).toEqual(['later, up', 'timer, up', 'later, after the restore']);
  });

  it('runs nothing while down', () => {
    const { mux, sched } = world();
    const ran: string[] = [];
    mux.fail();
    mux.later(1 * S, () => ran.push('later'));
    mux.timer(1 * S, () => ran.push('timer'));
    sched.run(2 * S);
    expect(ran).toEqual([]);
  });

  it('says each change once: failing a failed node or restoring one that is up does nothing', () => {
    const { w, mux } = world();
    mux.restore();
    mux.fail();
    mux.fail();
    expect(mux.up).toBe(false);
    mux.restore();
    mux.restore();
    expect(mux.up).toBe(true);
    const said = w.ctx.rec.log().plainEvents.filter((e) => e.node === 'MuxVM' && (e.kind === 'node-failed' || e.kind === 'node-restored'));
    expect(said.map((e) => [e.kind, e.summary])).toEqual([
      ['node-failed', 'MuxVM fails: it stops processing and sending anything'],
      ['node-restored', 'MuxVM is back: it boots with empty caches and restarts its services'],
    ]);
  });

  it('a traced packet that reaches a node that is down arrives and is lost there, and the drop is said', () => {
    const r = runPoc({ whatIf: [{ action: 'fail', target: 'MuxVM', at: 1 * S }], flowAt: [2 * S] }).result;
    const last = r.trace.hops.at(-1)!;
    expect(last.node).toBe('MuxVM');
    expect(last.steps).toEqual([
      { kind: 'received', interface: 'mgmt', text: 'arrives at mgmt' },
      { kind: 'dropped', reason: 'node-down', text: 'MuxVM is down: nothing processes the packet' },
    ]);
    expect(last.why).toBe("The frame reaches MuxVM's port, but the VM is down.");
    const drops = r.events.filter((e) => e.kind === 'drop' && e.node === 'MuxVM').map((e) => e.summary);
    expect(drops.length).toBeGreaterThan(0);
    expect(new Set(drops)).toEqual(new Set(['MuxVM is down: frame on mgmt lost']));
  });

  it('a traced packet that reaches a node that is up opens its hop with the interface, its address and MAC', () => {
    const r = runPoc().result;
    const portal = r.trace.hops.at(-1)!;
    expect(portal.steps[0]).toEqual({ kind: 'received', interface: 'eth0', text: 'received on eth0 (192.168.100.9, 00:15:5d:64:00:09)' });
  });
});

describe("a node's IPv4 identification", () => {
  it('goes up by one with each packet the node sends, wrapping at 65535', () => {
    const { w } = world();
    const client = w.nodes.get('ClientVM')!.ip;
    const first = client.nextIpId();
    const ids = [first, client.nextIpId(), client.nextIpId()];
    expect(ids).toEqual([first, (first + 1) & 0xffff, (first + 2) & 0xffff]);
    // Run the counter round to 65535: the next is 0.
    while (client.nextIpId() !== 0xffff);
    expect(client.nextIpId()).toBe(0);
  });
});

describe('a node with no route to where it sends', () => {
  it('ends a traced packet at itself, on its first interface, as no-route, and says so untraced in a recorded run', () => {
    const { w } = world();
    const client = w.nodes.get('ClientVM')!.ip;
    client.routes.remove(() => true);
    w.ctx.tracer.open(7, 'flow', 'the flow');
    expect(client.originate(ipToU32('8.8.8.8'), IPPROTO_UDP, [udp(50000, 53)], 7, 'a test packet')).toBeUndefined();
    const trace = w.ctx.tracer.get(7)!;
    expect(trace.hops.map((h) => [h.node, h.interface, h.steps, h.why])).toEqual([
      ['ClientVM', 'eth0', [{ kind: 'dropped', reason: 'no-route', text: 'ClientVM has no route to 8.8.8.8' }], "ClientVM's routing table has no prefix containing 8.8.8.8."],
    ]);
    expect(trace.final).toMatchObject({ disposition: 'no-route', reason: 'ClientVM has no route to 8.8.8.8' });
    client.originate(ipToU32('8.8.4.4'), IPPROTO_UDP, [udp(50000, 53)], 0, 'a test packet');
    const drops = w.ctx.rec.log().plainEvents.filter((e) => e.kind === 'drop' && e.node === 'ClientVM').map((e) => e.summary);
    expect(drops).toEqual(['ClientVM: no route to 8.8.8.8', 'ClientVM: no route to 8.8.4.4']);
  });

  it('a node with no interface at all (the schema allows one) starts the trace on interface "-"', () => {
    const t = pocTopology();
    const lone = { ...t.nodes.find((n) => n.id === 'ClientVM')!, id: 'LoneVM', interfaces: [], routes: [] };
    const w = buildWorld({ ...t, nodes: [...t.nodes, lone] }, { seed: 1, icmpRedirects: false, record: { full: true } });
    w.ctx.tracer.open(7, 'flow', 'the flow');
    expect(w.nodes.get('LoneVM')!.ip.originate(ipToU32('8.8.8.8'), IPPROTO_UDP, [udp(50000, 53)], 7, 'a test packet')).toBeUndefined();
    expect(w.ctx.tracer.get(7)!.hops.map((h) => [h.node, h.interface, h.steps])).toEqual([['LoneVM', '-', [{ kind: 'dropped', reason: 'no-route', text: 'LoneVM has no route to 8.8.8.8' }]]]);
  });
});

describe("the Don't Fragment bit of what a node sends", () => {
  it('is set on TCP (path MTU discovery) and clear on UDP, unless the sender says otherwise', () => {
    const { w } = world();
    const client = w.nodes.get('ClientVM')!.ip;
    const df = (bytes: Uint8Array | undefined) => (bytes![ETH_HLEN + 6]! & 0x40) !== 0;
    const to = ipToU32('192.168.100.9');
    expect(df(client.originate(to, IPPROTO_TCP, [tcp(50000, 443, 1, 0, SYN)], 0, 'a test segment'))).toBe(true);
    expect(df(client.originate(to, IPPROTO_UDP, [udp(50000, 53)], 0, 'a test datagram'))).toBe(false);
    expect(df(client.originate(to, IPPROTO_TCP, [tcp(50000, 443, 1, 0, SYN)], 0, 'a test segment', { dontFragment: false }))).toBe(false);
    expect(df(client.originate(to, IPPROTO_UDP, [udp(50000, 53)], 0, 'a test datagram', { dontFragment: true }))).toBe(true);
  });
});

describe('a next hop that never answers ARP', () => {
  it('a sender drops its own packet and says why, with no ICMP', () => {
    const r = runPoc({ to: '192.168.200.99:443' }).result;
    expect(r.trace.disposition).toBe('neighbor-unreachable');
    expect(r.trace.hops.map((h) => [h.node, h.steps.map((x) => x.text), h.why])).toEqual([
      [
        'ClientVM',
        ['route 192.168.200.0/24 on-link out of eth0, source connected', 'ARP for 192.168.200.99 failed: no answer after 3 requests', 'ClientVM had no answer to ARP for its next hop 192.168.200.99'],
        "ClientVM asked 3 times who has 192.168.200.99 (ARP request, broadcast) and nobody answered: no device in this topology has that address. Without the next hop's MAC address the frame cannot be sent, so ClientVM drops the packet.",
      ],
    ]);
    expect(r.transmissions.filter((t) => t.protocol === 'icmp')).toEqual([]);
  });

  it('a router drops the packet it forwards and sends ICMP host unreachable back to its sender, as the answer to its trace', () => {
    const r = runPoc({ to: '10.0.0.99:443' }).result;
    const nat = r.trace.hops.at(-1)!;
    expect([nat.node, nat.steps.slice(-2).map((x) => x.text)]).toEqual(['NATVM', ['ARP for 10.0.0.99 failed: no answer after 3 requests', 'NATVM had no answer to ARP for its next hop 10.0.0.99']]);
    expect(nat.why).toBe(
      "NATVM asked 3 times who has 10.0.0.99 (ARP request, broadcast) and nobody answered: no device in this topology has that address. Without the next hop's MAC address the frame cannot be sent, so NATVM drops the packet and sends ICMP destination unreachable (host unreachable) to its sender.",
    );
    // One for each of ClientVM's three SYNs, from NATVM's inside address, each on the flow's answer.
    const icmp = r.transmissions.filter((t) => t.protocol === 'icmp' && t.fromNode === 'NATVM').map((t) => [t.summary, t.flowId]);
    expect(icmp).toEqual(Array(3).fill(['192.168.200.1 -> 192.168.200.10 ICMP destination-unreachable code 1 TTL 128', 'flow-reply']));
  });
});
