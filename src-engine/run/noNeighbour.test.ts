// The no-neighbour explanation read on its own: it speaks only of a trace whose last hop's ARP failed.
import { beforeEach, describe, expect, it } from 'vitest';
import type { FlowTrace, HopStep, RunResult, SimEvent } from '../protocol';
import { nodeId } from '../view/ids';
import { pocTopology, runPoc } from './fixtures';
import { explainNoNeighbour } from './noNeighbour';
import { buildWorld } from './world';

const S = 1_000_000;
const PING_BACK = 'On Windows, ClientVM\'s ping prints "Reply from 192.168.200.2: Destination host unreachable."';
/** The POC's world, as explanations read it (its topology and names); built for each test (beforeEach), so mutation testing sees what each test covers. */
const pocWorld = () => buildWorld(pocTopology(), { seed: 1, icmpRedirects: false, record: { full: true } });

describe('explainNoNeighbour', () => {
  let world: ReturnType<typeof pocWorld>;
  let r: RunResult;
  beforeEach(() => {
    world = pocWorld();
    r = runPoc({ to: '10.0.0.99' }).result;
  });
  /** The run's trace with the last hop's ARP step given another outcome. */
  const withArp = (outcome: 'cached' | 'resolved' | 'failed'): FlowTrace => {
    const last = r.trace.hops.at(-1)!;
    const steps = last.steps.map((s): HopStep => (s.kind === 'arp' ? { ...s, outcome } : s));
    return { ...r.trace, hops: [...r.trace.hops.slice(0, -1), { ...last, steps }] };
  };

  /** The run's trace with the last hop's failed ARP asking for `target` instead. */
  const askingFor = (target: string): FlowTrace => {
    const last = r.trace.hops.at(-1)!;
    const steps = last.steps.map((s): HopStep => (s.kind === 'arp' ? { ...s, target } : s));
    return { ...r.trace, hops: [...r.trace.hops.slice(0, -1), { ...last, steps }] };
  };

  it('a next hop on none of the networks (a route to it that no topology here has) is said to be so', () => {
    expect(explainNoNeighbour(world, askingFor('172.16.0.1'), r.events, 'ClientVM')).toBe("172.16.0.1 is on none of this topology's networks");
  });

  it("explains NATVM's failed ARP for 10.0.0.99, and nothing when the last hop's ARP was answered", () => {
    expect(explainNoNeighbour(world, withArp('failed'), r.events, 'ClientVM')).toBe('no device in Outside LAN 10.0.0.0/24 has the address 10.0.0.99');
    expect(explainNoNeighbour(world, withArp('cached'), r.events, 'ClientVM')).toBeUndefined();
    expect(explainNoNeighbour(world, withArp('resolved'), r.events, 'ClientVM')).toBeUndefined();
  });
});

describe('who should have answered, as the flow\'s reason says it', () => {
  const reason = (whatIf: { action: 'fail'; target: string; at: number }) => runPoc({ to: 'PortalVM', whatIf: [whatIf], flowAt: [5 * S] }).result.trace.reason;

  it('a node that is down: since when, and that a node that is down answers no ARP', () => {
    expect(reason({ action: 'fail', target: 'PortalVM', at: 0.5 * S })).toBe(
      `BGPVM had no answer to ARP for its next hop 192.168.100.9 (PortalVM): PortalVM (192.168.100.9) is down since 0.5 s, and a node that is down answers no ARP. ${PING_BACK}`,
    );
  });

  it('a node failed more than once: since its latest failure before the flow, not another node\'s or a later one', () => {
    const at = (action: 'fail' | 'restore', target: string, seconds: number) => ({ action, target, at: seconds * S });
    const whatIf = [at('fail', 'PortalVM', 0.5), at('restore', 'PortalVM', 1), at('fail', 'PortalVM', 2), at('restore', 'PortalVM', 3), at('fail', 'PortalVM', 4), at('fail', 'SQLVM', 4.5), at('restore', 'PortalVM', 20), at('fail', 'PortalVM', 30)];
    // A second attempt at 35 s keeps the run going past the failure at 30 s.
    const r = runPoc({ to: 'PortalVM', whatIf, flowAt: [5 * S, 35 * S] }).result;
    expect(r.events.filter((e) => e.kind === 'node-failed').map((e) => [e.node, e.time / S])).toEqual([['PortalVM', 0.5], ['PortalVM', 2], ['PortalVM', 4], ['SQLVM', 4.5], ['PortalVM', 30]]);
    expect(r.trace.reason).toBe(`BGPVM had no answer to ARP for its next hop 192.168.100.9 (PortalVM): PortalVM (192.168.100.9) is down since 4 s, and a node that is down answers no ARP. ${PING_BACK}`);
  });

  it('a node that failed at the very time the packet reached the router is down since then', () => {
    const run = runPoc({ to: 'PortalVM', whatIf: [{ action: 'fail', target: 'PortalVM', at: 0.5 * S }], flowAt: [5 * S] }).result;
    const reached = run.trace.hops.at(-1)!;
    expect([reached.node, reached.time]).toEqual(['BGPVM', 5_000_460]);
    // The same run told as if PortalVM had failed at that very microsecond.
    const events = run.events.map((e) => (e.kind === 'node-failed' && e.node === 'PortalVM' ? { ...e, time: reached.time } : e));
    expect(explainNoNeighbour(pocWorld(), run.trace, events, 'ClientVM')).toBe('PortalVM (192.168.100.9) is down since 5 s, and a node that is down answers no ARP');
  });

  it('a node that is up but whose link is down: which link, since when, and that it never heard the ARP', () => {
    expect(reason({ action: 'fail', target: 'PortalVM:eth0', at: 0.5 * S })).toBe(
      `BGPVM had no answer to ARP for its next hop 192.168.100.9 (PortalVM): PortalVM (192.168.100.9) is up, but its link eth0 is down since 0.5 s, so it never heard the ARP. ${PING_BACK}`,
    );
  });

  it('a node whose other link is down: the link that has the address asked for, not its first', () => {
    // BGPVM's interfaces are mgmt (192.168.100.1), then transit (192.168.200.2): ClientVM asks for the second.
    const r = runPoc({ to: '192.168.200.2', whatIf: [{ action: 'fail', target: 'BGPVM:transit', at: 0.5 * S }], flowAt: [5 * S] }).result;
    expect(explainNoNeighbour(pocWorld(), r.trace, r.events, 'ClientVM')).toBe('BGPVM (192.168.200.2) is up, but its link transit is down since 0.5 s, so it never heard the ARP');
  });

  it('a link failed and restored before the flow is up again: the ping is delivered, nothing to explain', () => {
    const r = runPoc({
      to: 'PortalVM',
      whatIf: [
        { action: 'fail', target: 'PortalVM:eth0', at: 0.5 * S },
        { action: 'restore', target: 'PortalVM:eth0', at: 1 * S },
      ],
      flowAt: [5 * S],
    }).result;
    expect(r.trace.disposition).toBe('delivered');
  });

  it("the router's own link out is down: its ARP requests never left it", () => {
    const r = runPoc({ to: '10.0.0.10', whatIf: [{ action: 'fail', target: 'NATVM:outside', at: 1 * S }], flowAt: [5 * S] }).result;
    expect(r.trace.reason).toBe(
      "NATVM had no answer to ARP for its next hop 10.0.0.10 (HyperVHost): NATVM's own link outside is down since 1 s, so its ARP requests for 10.0.0.10 never left it. " +
        'On Windows, ClientVM\'s ping prints "Reply from 192.168.200.1: Destination host unreachable."',
    );
  });
});

describe('which link event says a link is down: that node\'s, that link\'s, the latest at or before the packet', () => {
  const ownDown = () => runPoc({ to: '10.0.0.10', whatIf: [{ action: 'fail', target: 'NATVM:outside', at: 1 * S }], flowAt: [5 * S] }).result;
  const OWN = "NATVM's own link outside is down since";
  /** The run's events with its one link-failed event changed. */
  const moved = (r: RunResult, change: Partial<Pick<Extract<SimEvent, { kind: 'link-failed' }>, 'node' | 'interface' | 'time'>>): SimEvent[] =>
    r.events.map((e) => (e.kind === 'link-failed' ? { ...e, ...change } : e));

  it('a link failed and restored before the packet came is up: the explanation is the missing address', () => {
    const r = runPoc({
      to: '10.0.0.99',
      whatIf: [
        { action: 'fail', target: 'NATVM:outside', at: 1 * S },
        { action: 'restore', target: 'NATVM:outside', at: 2 * S },
      ],
      flowAt: [5 * S],
    }).result;
    expect(explainNoNeighbour(pocWorld(), r.trace, r.events, 'ClientVM')).toBe('no device in Outside LAN 10.0.0.0/24 has the address 10.0.0.99');
  });

  it("the router's other link down, or its own link down only after the packet came, is not its own link down", () => {
    const r = ownDown();
    const reached = r.trace.hops.at(-1)!;
    expect([reached.node, Math.floor(reached.time / S)]).toEqual(['NATVM', 5]);
    expect(explainNoNeighbour(pocWorld(), r.trace, r.events, 'ClientVM')).toBe(`${OWN} 1 s, so its ARP requests for 10.0.0.10 never left it`);
    expect(explainNoNeighbour(pocWorld(), r.trace, moved(r, { time: reached.time }), 'ClientVM')).toBe(`${OWN} 5 s, so its ARP requests for 10.0.0.10 never left it`);
    expect(explainNoNeighbour(pocWorld(), r.trace, moved(r, { time: reached.time + 1 }), 'ClientVM')).toBe('HyperVHost (10.0.0.10) did not answer');
    expect(explainNoNeighbour(pocWorld(), r.trace, moved(r, { interface: 'inside' }), 'ClientVM')).toBe('HyperVHost (10.0.0.10) did not answer');
  });

  it("another node's link of the same name down does not explain the silence", () => {
    const r = runPoc({ to: 'PortalVM', whatIf: [{ action: 'fail', target: 'PortalVM:eth0', at: 0.5 * S }], flowAt: [5 * S] }).result;
    expect(explainNoNeighbour(pocWorld(), r.trace, r.events, 'ClientVM')).toBe('PortalVM (192.168.100.9) is up, but its link eth0 is down since 0.5 s, so it never heard the ARP');
    expect(explainNoNeighbour(pocWorld(), r.trace, moved(r, { node: nodeId('SQLVM') }), 'ClientVM')).toBe('PortalVM (192.168.100.9) did not answer');
  });
});

describe('the default route taken, and where the destination is', () => {
  let world: ReturnType<typeof pocWorld>;
  let pa: RunResult;
  beforeEach(() => {
    world = pocWorld();
    pa = runPoc({ to: '192.168.233.99' }).result;
  });
  const gateway = '10.0.0.1 is the gateway of Outside LAN 10.0.0.0/24, the router out of this lab, which the topology does not model: no device has its address, so nothing goes further that way';
  /** The explanation with the PA network's members left out of the topology the explanation reads. */
  const without = (...gone: string[]) =>
    explainNoNeighbour({ ...world, topology: { ...world.topology, nodes: world.topology.nodes.filter((n) => !gone.includes(n.id)) } }, pa.trace, pa.events, 'ClientVM');

  it('names the members of the destination\'s network: two, one, none', () => {
    const taken = 'and NATVM has no route to it, so it used its default route 0.0.0.0/0 via 10.0.0.1';
    expect(without()).toBe(`192.168.233.99 is in Provider addresses 192.168.233.0/24 (VXLAN underlay), where only HyperVHost and MuxVM have an address, ${taken}. ${gateway}`);
    expect(without('MuxVM')).toBe(`192.168.233.99 is in Provider addresses 192.168.233.0/24 (VXLAN underlay), where only HyperVHost has an address, ${taken}. ${gateway}`);
    expect(without('MuxVM', 'HyperVHost')).toBe(`192.168.233.99 is in Provider addresses 192.168.233.0/24 (VXLAN underlay), where no device has an address, ${taken}. ${gateway}`);
  });

  it('a destination on none of the networks: the default route, and no network named', () => {
    const r = runPoc({ to: '8.8.8.8' }).result;
    expect(r.trace.reason).toBe(
      `NATVM had no answer to ARP for its next hop 10.0.0.1: 8.8.8.8 is on none of this topology's networks and NATVM has no route for it, so it used its default route 0.0.0.0/0 via 10.0.0.1. ${gateway}. ` +
        'On Windows, ClientVM\'s ping prints "Reply from 192.168.200.1: Destination host unreachable."',
    );
  });
});

describe("what the sender's TCP makes of it", () => {
  it('the ICMP host unreachable back from the router: a soft error, SYNs sent again', () => {
    const r = runPoc({ to: '10.0.0.99:443' }).result;
    expect(explainNoNeighbour(pocWorld(), r.trace, r.events, 'ClientVM')).toBe(
      'no device in Outside LAN 10.0.0.0/24 has the address 10.0.0.99. ' +
        "ClientVM's TCP takes the ICMP host unreachable from 192.168.200.1 as a soft error (RFC 1122, 4.2.3.9): it keeps retransmitting its SYN, as if nothing had come back",
    );
    // Any other ICMP message back (time exceeded here) is not the one TCP treats so.
    const back = r.trace.returnHops[0]!;
    const exceeded = { ...r.trace, returnHops: [{ ...back, layers: back.layers.map((l) => (l.type === 'icmp' && l.kind === 'destination-unreachable' ? { ...l, kind: 'time-exceeded' as const } : l)) }] };
    expect(explainNoNeighbour(pocWorld(), exceeded, r.events, 'ClientVM')).toBe('no device in Outside LAN 10.0.0.0/24 has the address 10.0.0.99');
  });

  it("the router's own link out is down: that first, then the sender's TCP, as two sentences", () => {
    const r = runPoc({ to: '10.0.0.10:443', whatIf: [{ action: 'fail', target: 'NATVM:outside', at: 1 * S }], flowAt: [5 * S] }).result;
    expect(explainNoNeighbour(pocWorld(), r.trace, r.events, 'ClientVM')).toBe(
      "NATVM's own link outside is down since 1 s, so its ARP requests for 10.0.0.10 never left it. " +
        "ClientVM's TCP takes the ICMP host unreachable from 192.168.200.1 as a soft error (RFC 1122, 4.2.3.9): it keeps retransmitting its SYN, as if nothing had come back",
    );
  });

  it('nothing came back (the sender itself had no answer): nothing said of its TCP', () => {
    const r = runPoc({ to: '192.168.200.77:443' }).result;
    expect(r.trace.returnHops).toEqual([]);
    expect(explainNoNeighbour(pocWorld(), r.trace, r.events, 'ClientVM')).toBe('no device in Transit 192.168.200.0/24 has the address 192.168.200.77');
  });
});
