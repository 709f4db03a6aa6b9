// The black hole a packet falls into while a router still holds a dead peer's BGP route, and the sentences
// that explain it: found from runs (a node down, a link down, the router itself sending, a second failure),
// and told word for word for each way the route went.
import { describe, expect, it } from 'vitest';
import type { BlackHole, SimEvent } from '../protocol';
import { nodeId } from '../view/ids';
import { explainBlackHole, explainWithdrawn, findBlackHole } from './blackHole';
import { pocTopology, runPoc } from './fixtures';
import { simulate } from './simulate';
import { buildWorld } from './world';

const S = 1_000_000;
const MUX_FAILS = { action: 'fail', target: 'MuxVM', at: 1 * S } as const;

describe('findBlackHole, through runs', () => {
  it("BGPVM's own packet to the VIP falls into the hole: the router that chose the BGP route is the first hop", () => {
    const a = runPoc({ from: 'BGPVM', to: '192.168.133.74', whatIf: [MUX_FAILS] }).result.attempts[0]!;
    expect(a.hops.map((h) => h.node)).toEqual(['BGPVM', 'CCI_External_vSwitch', 'MuxVM']);
    expect(a.disposition).toBe('node-down');
    expect(a.blackHole).toMatchObject({ router: 'BGPVM', peer: 'MuxVM', peerAddress: '192.168.100.6', prefix: '192.168.133.74/32', holdTime: 180, removedBy: 'tcp-gave-up' });
  });

  it("BGPVM's link towards MuxVM is down: the same hole, though no node failed", () => {
    const r = runPoc({ to: '192.168.133.74', flowAt: [6 * S], whatIf: [{ action: 'fail', target: 'BGPVM:mgmt', at: 1 * S }] }).result;
    const a = r.attempts[0]!;
    expect(a.disposition).toBe('link-down');
    expect(a.hops.at(-1)!.node).toBe('BGPVM');
    expect(a.blackHole).toMatchObject({ router: 'BGPVM', peer: 'MuxVM', prefix: '192.168.133.74/32' });
    expect(a.reason).toContain("BGPVM's link mgmt is down: the frame reaches no switch port: black hole: BGPVM still routes 192.168.133.74/32 to MuxVM (192.168.100.6), a route learned over BGP. BGP notices");
  });

  it('the run ends before BGP notices: the sentence says what will remove the route and when, as a longer run shows it', () => {
    const short = runPoc({ to: '192.168.133.74:443', flowAt: [6 * S], whatIf: [MUX_FAILS] }).result;
    // A second attempt at 70 s keeps the run going past the removal: the first attempt's hole then reads it from the run.
    const long = runPoc({ to: '192.168.133.74:443', flowAt: [6 * S, 70 * S], whatIf: [MUX_FAILS] }).result;
    const removed = long.events.find((e) => e.kind === 'route-removed' && e.node === 'BGPVM' && e.prefix === '192.168.133.74/32')!;
    expect(long.attempts[0]!.blackHole).toEqual({ router: 'BGPVM', peer: 'MuxVM', peerAddress: '192.168.100.6', prefix: '192.168.133.74/32', holdTime: 180, routeRemovedAt: removed.time, removedBy: 'tcp-gave-up' });
    expect(removed.time).toBe(67_532_998);
    // TCP gives up on the KEEPALIVE long before the hold timer (180 s) would expire; the short run says so.
    expect(short.endTime).toBe(27_100_000);
    expect(short.trace.blackHole).toEqual({ ...long.attempts[0]!.blackHole, runEndedAt: 27_100_000 });
    expect(short.trace.reason).toContain(
      'The run ended at 27.1 s with the route still in place. BGPVM would remove it at 67.533 s, when TCP gives up retransmitting its unacknowledged KEEPALIVE to MuxVM, before the hold timer would. Until then',
    );
    expect(short.trace.reason).not.toContain('hold timer expires');
  });

  it('the run ends while the KEEPALIVE is being retransmitted: TCP gives up when its retransmissions run out', () => {
    // MuxVM fails at 100 s, just before BGPVM's KEEPALIVE at 103.25 s; a ping at 104 s falls into the hole and its
    // run ends at once, while BGPVM is still retransmitting that KEEPALIVE.
    const MUX_LATE = { action: 'fail', target: 'MuxVM', at: 100 * S } as const;
    const short = runPoc({ to: '192.168.133.74', flowAt: [104 * S], whatIf: [MUX_LATE] }).result;
    const long = runPoc({ to: '192.168.133.74', flowAt: [104 * S, 130 * S], whatIf: [MUX_LATE] }).result;
    const removed = long.events.find((e) => e.kind === 'route-removed' && e.node === 'BGPVM' && e.prefix === '192.168.133.74/32')!;
    const retransmits = short.events.filter((e) => e.kind === 'tcp-retransmit' && e.node === 'BGPVM').length;
    expect(retransmits).toBeGreaterThan(0);
    expect(retransmits).toBeLessThan(5);
    expect(removed.time).toBe(122_452_522);
    expect(short.endTime).toBeLessThan(removed.time);
    expect(short.trace.blackHole).toMatchObject({ routeRemovedAt: removed.time, removedBy: 'tcp-gave-up', runEndedAt: short.endTime });
  });

  it('the hold timer before TCP: with a 9 s hold time and the run ended first, the hold timer is what would remove the route', () => {
    const doc = pocTopology();
    // KEEPALIVE every 60 s at most, but a hold time of 9 s: the hold timer expires long before the next KEEPALIVE.
    const t = { ...doc, bgp: { ...doc.bgp!, holdTime: 9, keepalive: 60 } };
    const run = simulate(t, { from: 'BGPVM', to: '192.168.133.74', flowAt: [5 * S], whatIf: [{ action: 'fail', target: 'BGPVM:mgmt', at: 4 * S }] });
    if (!run.ok) throw new Error(run.error.message);
    const a = run.value.result.attempts[0]!;
    expect(a.blackHole).toMatchObject({ removedBy: 'hold-timer-expired', holdTime: 9 });
    expect(a.blackHole!.runEndedAt).toBeLessThan(a.blackHole!.routeRemovedAt);
    expect(a.reason).toContain(`BGPVM's hold timer would expire at ${+(a.blackHole!.routeRemovedAt / S).toFixed(3)} s; only then would it send NOTIFICATION (hold timer expired) and remove the route.`);
  });

  it('a flow that dies at a DIP reached by the MUX, not by a BGP route, is no black hole', () => {
    const a = runPoc({ whatIf: [{ action: 'fail', target: 'PortalVM', at: 1 * S }], flowAt: [6 * S] }).result.attempts[0]!;
    expect(a.disposition).toBe('node-down');
    expect(a.blackHole).toBeUndefined();
    expect(a.reason).not.toContain('black hole');
  });

  it('MuxVM failed long before the flow: BGPVM has no MAC for it any more, its ARP goes unanswered, and the hole is said as such', () => {
    // MuxVM fails at 1 s; at 30 s BGPVM's ARP entry for it (reachable 15-45 s) has aged out, the route has not gone.
    const r = runPoc({ to: '192.168.133.74', flowAt: [30 * S], whatIf: [MUX_FAILS] }).result;
    const a = r.attempts[0]!;
    expect(a.disposition).toBe('neighbor-unreachable');
    expect(a.hops.at(-1)!.node).toBe('BGPVM');
    expect(a.blackHole).toEqual({
      router: 'BGPVM', peer: 'MuxVM', peerAddress: '192.168.100.6', prefix: '192.168.133.74/32', holdTime: 180,
      routeRemovedAt: 67_532_998, removedBy: 'tcp-gave-up', runEndedAt: r.endTime, noArpAnswer: { reachableTime: 20_471_757 },
    });
    expect(a.reason).toBe(
      'BGPVM had no answer to ARP for its next hop 192.168.100.6 (MuxVM): black hole: BGPVM still routes 192.168.133.74/32 to MuxVM (192.168.100.6), a route learned over BGP and not yet withdrawn. ' +
        'MuxVM died at 1 s, but BGP notices a silent peer only when nothing (no KEEPALIVE, no UPDATE) has come from it for the hold time, 180 s. ' +
        `The run ended at ${+(r.endTime / S).toFixed(3)} s with the route still in place. BGPVM would remove it at 67.533 s, when TCP gives up retransmitting its unacknowledged KEEPALIVE to MuxVM, before the hold timer would. ` +
        "Until then every packet for 192.168.133.74/32 ends at BGPVM: it no longer has MuxVM's MAC address (Windows keeps an ARP entry for 15 to 45 s, BGPVM's for 20.472 s, unless the neighbour confirms it, and a dead one never does), " +
        'so it asks who has 192.168.100.6, gets no answer, drops the packet and sends ICMP destination unreachable (host unreachable) back. ' +
        'This is why BFD (Bidirectional Forwarding Detection, RFC 5880) exists: neighbours exchange small hellos every few hundred milliseconds, so a dead peer is noticed within a second and BGP withdraws its routes at once, instead of after 180 s. ' +
        'On Windows, ClientVM\'s ping prints "Reply from 192.168.200.2: Destination host unreachable."',
    );
  });

  it('the same hole for a connection: the SYNs go on through the ICMP errors, and the explanation says so', () => {
    const a = runPoc({ to: 'https://portal.azurestack.local', flowAt: [30 * S], whatIf: [MUX_FAILS] }).result.attempts[0]!;
    expect(a.disposition).toBe('neighbor-unreachable');
    expect(a.blackHole).toMatchObject({ router: 'BGPVM', peer: 'MuxVM', noArpAnswer: { reachableTime: 20_471_757 } });
    expect(a.reason).toContain(
      "drops the packet and sends ICMP destination unreachable (host unreachable) back; ClientVM's TCP takes that as a soft error (RFC 1122, 4.2.3.9) and keeps retransmitting its SYN. Every retransmitted SYN went the same way. This is why BFD",
    );
  });

  it('MuxVM failing a second time: the hole names the second failure and the second removal', () => {
    const doc = pocTopology();
    const t = { ...doc, bgp: { ...doc.bgp!, holdTime: 9, keepalive: 3 } };
    const run = simulate(t, {
      from: 'ClientVM',
      to: 'https://portal.azurestack.local',
      flowAt: [60 * S],
      whatIf: [MUX_FAILS, { action: 'restore', target: 'MuxVM', at: 20 * S }, { action: 'fail', target: 'MuxVM', at: 55 * S }],
    });
    if (!run.ok) throw new Error(run.error.message);
    const r = run.value.result;
    const removed = r.events.filter((e) => e.kind === 'route-removed' && e.prefix === '192.168.133.74/32').map((e) => e.time);
    expect(removed.length).toBe(2);
    expect(removed[0]).toBeLessThan(20 * S);
    const a = r.attempts[0]!;
    expect(a.blackHole).toEqual({ router: 'BGPVM', peer: 'MuxVM', peerAddress: '192.168.100.6', prefix: '192.168.133.74/32', holdTime: 9, routeRemovedAt: removed[1], removedBy: 'hold-timer-expired' });
    expect(a.reason).toContain(`MuxVM died at 55 s, but BGP notices a silent peer only when nothing (no KEEPALIVE, no UPDATE) has come from it for the hold time, 9 s. BGPVM's hold timer expires at ${+(removed[1]! / S).toFixed(3)} s;`);
  });
});

describe('findBlackHole, read on its own', () => {
  // BGPVM's own packet to the VIP with MuxVM failed at 1 s: the run's hops and events, read again by findBlackHole
  // over a world built afresh (only its configuration is read when the run saw the route removed).
  const run = () => runPoc({ from: 'BGPVM', to: '192.168.133.74', whatIf: [MUX_FAILS] }).result;
  const world = () => buildWorld(pocTopology(), { seed: 1, icmpRedirects: false, record: { full: true } });

  it('a route not learned over BGP is no BGP black hole, whatever its next hop', () => {
    const r = run();
    const a = r.attempts[0]!;
    expect(findBlackHole(world(), a.hops, 'node-down', r.events, 0)).toEqual(a.blackHole);
    const hops = a.hops.map((h) => ({ ...h, steps: h.steps.map((s) => (s.kind === 'route' ? { ...s, source: 'static' as const } : s)) }));
    expect(findBlackHole(world(), hops, 'node-down', r.events, 0)).toBeUndefined();
  });

  it('a route removed at the very time the attempt started counts as removed after it', () => {
    const r = run();
    const a = r.attempts[0]!;
    const removed = r.events.find((e) => e.kind === 'route-removed' && e.prefix === '192.168.133.74/32')!;
    expect(findBlackHole(world(), a.hops, 'node-down', r.events, removed.time)).toEqual({ ...a.blackHole, routeRemovedAt: removed.time, removedBy: 'tcp-gave-up' });
    // 1 µs later it was removed before: the fresh world's session, heard from at 0, would expire at 180 s.
    expect(findBlackHole(world(), a.hops, 'node-down', r.events, removed.time + 1)).toEqual({
      router: 'BGPVM', peer: 'MuxVM', peerAddress: '192.168.100.6', prefix: '192.168.133.74/32', holdTime: 180, routeRemovedAt: 180 * S, removedBy: 'hold-timer-expired', runEndedAt: 0,
    });
  });

  it("only the removal of that route, by that router, from that peer, counts: not another's just before it", () => {
    const r = run();
    const a = r.attempts[0]!;
    const at = r.events.findIndex((e) => e.kind === 'route-removed' && e.prefix === '192.168.133.74/32');
    const removed = r.events[at]!;
    expect(removed).toMatchObject({ node: 'BGPVM', peer: '192.168.100.6', cause: 'tcp-gave-up' });
    for (const other of [{ node: nodeId('NATVM') }, { peer: '192.168.100.99' }, { prefix: '192.168.133.0/24' }]) {
      // Withdrawn 1 µs before, and listed first.
      const events: SimEvent[] = [...r.events.slice(0, at), { ...removed, ...other, time: removed.time - 1, cause: 'withdrawn' } as SimEvent, ...r.events.slice(at)];
      expect(findBlackHole(world(), a.hops, 'node-down', events, 0)).toEqual(a.blackHole);
    }
  });
});

describe('explainBlackHole', () => {
  const hole: BlackHole = { router: 'BGPVM', peer: 'MuxVM', peerAddress: '192.168.100.6', prefix: '192.168.133.74/32', holdTime: 180, routeRemovedAt: 67_532_998, removedBy: 'tcp-gave-up' };
  const START = 'black hole: BGPVM still routes 192.168.133.74/32 to MuxVM (192.168.100.6), a route learned over BGP.';
  const HOLD = ' BGP notices a silent peer only when nothing (no KEEPALIVE, no UPDATE) has come from it for the hold time, 180 s. ';
  const UNTIL = '. Until then BGPVM forwards every packet for 192.168.133.74/32 into the void.';
  const BFD =
    ' This is why BFD (Bidirectional Forwarding Detection, RFC 5880) exists: neighbours exchange small hellos every few hundred milliseconds, so a dead peer is noticed within a second and BGP withdraws its routes at once, instead of after 180 s';

  it('TCP gave up first: the route went when the KEEPALIVE was abandoned; every retransmitted SYN went the same way', () => {
    expect(explainBlackHole(hole, 1 * S, { connection: { outcome: 'gave-up', synTimes: [6 * S, 9 * S, 15 * S] } })).toBe(
      `${START} MuxVM died at 1 s, but${HOLD}BGPVM removed the route at 67.533 s, when TCP gave up retransmitting its unacknowledged KEEPALIVE to MuxVM, before the hold timer would have${UNTIL} Every retransmitted SYN went the same way.${BFD}`,
    );
  });

  it('the hold timer: NOTIFICATION and removal only when it expires; one SYN, so nothing about retransmissions', () => {
    expect(explainBlackHole({ ...hole, holdTime: 9, routeRemovedAt: 10_000_525, removedBy: 'hold-timer-expired' }, 1.5 * S, { connection: { outcome: 'gave-up', synTimes: [6 * S] } })).toBe(
      `${START} MuxVM died at 1.5 s, but${HOLD.replace('180 s', '9 s')}BGPVM's hold timer expires at 10.001 s; only then does it send NOTIFICATION (hold timer expired) and remove the route${UNTIL}${BFD.replace('180 s', '9 s')}`,
    );
  });

  it('no ARP answer at the router: the packet ends there, with ICMP back; without the return hops the sender is not named', () => {
    const arp = { ...hole, noArpAnswer: { reachableTime: 30_000_000 } };
    expect(explainBlackHole(arp, 1 * S, {})).toBe(
      `${START.replace('over BGP.', 'over BGP and not yet withdrawn.')} MuxVM died at 1 s, but${HOLD}BGPVM removed the route at 67.533 s, when TCP gave up retransmitting its unacknowledged KEEPALIVE to MuxVM, before the hold timer would have. ` +
        "Until then every packet for 192.168.133.74/32 ends at BGPVM: it no longer has MuxVM's MAC address (Windows keeps an ARP entry for 15 to 45 s, BGPVM's for 30 s, unless the neighbour confirms it, and a dead one never does), " +
        `so it asks who has 192.168.100.6, gets no answer, drops the packet and sends ICMP destination unreachable (host unreachable) back.${BFD}`,
    );
  });

  it("no ARP answer for a connection: the sender's TCP only when ICMP came back, and \"the sender\" when it has no name", () => {
    const a = runPoc({ to: 'https://portal.azurestack.local', flowAt: [30 * S], whatIf: [MUX_FAILS] }).result.attempts[0]!;
    const b = a.blackHole!;
    const BACK = 'drops the packet and sends ICMP destination unreachable (host unreachable) back';
    const SOFT = "'s TCP takes that as a soft error (RFC 1122, 4.2.3.9) and keeps retransmitting its SYN.";
    expect(explainBlackHole(b, 1 * S, { connection: a.connection, returnHops: a.returnHops })).toContain(`${BACK}; the sender${SOFT}`);
    expect(explainBlackHole(b, 1 * S, { connection: a.connection, returnHops: a.returnHops }, 'ClientVM')).toContain(`${BACK}; ClientVM${SOFT}`);
    // Nothing came back: nothing said of the sender's TCP.
    expect(explainBlackHole(b, 1 * S, { connection: a.connection, returnHops: [] }, 'ClientVM')).toContain(`${BACK}. Every retransmitted SYN went the same way.`);
  });

  it('another cause, no failure seen and no connection: only when the route went', () => {
    expect(explainBlackHole({ ...hole, removedBy: 'other', routeRemovedAt: 2_000_001 }, undefined, {})).toBe(
      `${START}${HOLD}BGPVM removed the route at 2 s${UNTIL}${BFD}`,
    );
  });
});

describe('explainWithdrawn', () => {
  let id = 0;
  const removed = (time: number, prefix: string, cause: Extract<SimEvent, { kind: 'route-removed' }>['cause']): SimEvent => ({
    id: id++,
    time,
    kind: 'route-removed',
    node: nodeId('BGPVM'),
    summary: `BGPVM removes ${prefix}`,
    prefix,
    peer: '192.168.100.6',
    cause,
  });
  // The attempt's hops: ClientVM's SYN to the VIP 192.168.133.74.
  const hops = () => runPoc({ to: '192.168.133.74' }).result.trace.hops;
  const tail = 'without it, BGPVM routes 192.168.133.74 by a less specific route';

  it('names the route removed before the attempt and why, for each cause', () => {
    const h = hops();
    const why = (cause: Extract<SimEvent, { kind: 'route-removed' }>['cause']) => explainWithdrawn(h, [removed(20 * S, '192.168.133.74/32', cause)], 30 * S);
    expect(why('hold-timer-expired')).toBe(`BGPVM removed its BGP route 192.168.133.74/32 at 20 s because its hold timer expired (no KEEPALIVE from 192.168.100.6 for the hold time); ${tail}`);
    expect(why('tcp-gave-up')).toBe(`BGPVM removed its BGP route 192.168.133.74/32 at 20 s because TCP gave up retransmitting to 192.168.100.6; ${tail}`);
    expect(why('withdrawn')).toBe(`BGPVM removed its BGP route 192.168.133.74/32 at 20 s because 192.168.100.6 withdrew it; ${tail}`);
    expect(why('notification-received')).toBe(`BGPVM removed its BGP route 192.168.133.74/32 at 20 s because the session with 192.168.100.6 went down (notification-received); ${tail}`);
  });

  it('only routes removed before the attempt that cover its destination count; the latest wins', () => {
    const h = hops();
    expect(explainWithdrawn(h, [removed(30 * S, '192.168.133.74/32', 'withdrawn')], 30 * S)).toBeUndefined();
    expect(explainWithdrawn(h, [removed(20 * S, '192.168.133.1/32', 'withdrawn')], 30 * S)).toBeUndefined();
    expect(explainWithdrawn(h, [], 30 * S)).toBeUndefined();
    expect(explainWithdrawn([], [removed(20 * S, '192.168.133.74/32', 'withdrawn')], 30 * S)).toBeUndefined();
    const both = [removed(10 * S, '192.168.133.0/24', 'tcp-gave-up'), removed(20 * S, '192.168.133.74/32', 'withdrawn'), removed(40 * S, '192.168.133.74/32', 'tcp-gave-up')];
    expect(explainWithdrawn(h, both, 30 * S)).toBe(`BGPVM removed its BGP route 192.168.133.74/32 at 20 s because 192.168.100.6 withdrew it; ${tail}`);
  });
});
