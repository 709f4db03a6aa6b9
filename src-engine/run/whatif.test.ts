// What-ifs: a MuxVM failure (hold timer, routes removed, the loop), recovery, a PA link withdrawing
// the VIPs, and the second MUX spreading flows by ECMP.
import { beforeEach, describe, expect, it } from 'vitest';
import { createRunSession } from './session';
import { pocTopology, runPoc } from './fixtures';
import { simulate, type SimRun } from './simulate';
import { isEvent } from '../view/events';
import type { WhatIf } from '../protocol';
import { LIMITS } from '../limits';
import { resolveWhatIfs } from './whatif';
import { buildWorld } from './world';

const S = 1_000_000;

describe('MuxVM fails after BGP is up', () => {
  // Simulated inside each test (beforeEach), not once for the file: mutation testing then knows which tests cover what.
  let r: SimRun['result'];
  beforeEach(() => {
    r = runPoc({ whatIf: [{ action: 'fail', target: 'MuxVM', at: 1 * S }] }).result;
  });

  it("BGPVM's next KEEPALIVE to the dead MUX goes unacknowledged; TCP retransmits it 5 times and gives up before the 180 s hold timer, and the /32s go", () => {
    const data = r.events.filter((e) => e.node === 'BGPVM' && (e.kind === 'tcp-retransmit' || e.kind === 'tcp-gave-up'));
    const first = data.find(isEvent('tcp-gave-up'))!;
    // Windows: RTO floor 300 ms, doubled each time (0.3, 0.6, 1.2, 2.4, 4.8 s), 5 retransmissions, then 9.6 s more.
    expect(data.map((e) => [e.time - first.firstSent, e.kind])).toEqual([
      [300_000, 'tcp-retransmit'],
      [900_000, 'tcp-retransmit'],
      [2_100_000, 'tcp-retransmit'],
      [4_500_000, 'tcp-retransmit'],
      [9_300_000, 'tcp-retransmit'],
      [18_900_000, 'tcp-gave-up'],
    ]);
    const gaveUp = first.firstSent + 18_900_000;
    // BGPVM's ARP entry for MuxVM is stale by then (reachable time 15-45 s): each try of the KEEPALIVE waits
    // for ARP, which nobody answers, so what reaches the wire is ARP requests, three per failed resolution.
    const asks = r.transmissions.filter((t) => t.fromNode === 'BGPVM' && t.time >= first.firstSent && t.time < gaveUp && t.summary.includes('ARP who has 192.168.100.6?'));
    expect(asks.length).toBe(9);
    expect(first.firstSent).toBeLessThan(61 * S);
    const removed = r.events.filter((e) => e.kind === 'route-removed').map((e) => [e.time, e.summary]);
    expect(removed).toEqual([
      [gaveUp, 'BGPVM removes 192.168.133.74/32 learned from 192.168.100.6 (AS 64628): TCP timeout'],
      [gaveUp, 'BGPVM removes 192.168.133.1/32 learned from 192.168.100.6 (AS 64628): TCP timeout'],
    ]);
    // TCP gave up first: the hold timer never fired, and no NOTIFICATION could be sent on a dead connection.
    expect(r.events.some((e) => e.kind === 'bgp-hold-expired')).toBe(false);
    expect(r.events.filter((e) => e.node === 'MuxVM' && e.kind === 'drop').length).toBeGreaterThanOrEqual(3);
  });

  it('with a hold time shorter than TCP gives up (9 s), the hold timer fires first: NOTIFICATION, session down, routes removed, as data', () => {
    const doc = pocTopology();
    const t = { ...doc, bgp: { ...doc.bgp!, holdTime: 9, keepalive: 3 } };
    const run = simulate(t, { from: 'ClientVM', to: 'https://portal.azurestack.local', whatIf: [{ action: 'fail', target: 'MuxVM', at: 1 * S }] });
    if (!run.ok) throw new Error(run.error.message);
    const res = run.value.result;
    const sessionEnd = new Set(['bgp-hold-expired', 'bgp-notification', 'bgp-session-down', 'route-removed']);
    const detailed = res.events.filter((e) => e.node === 'BGPVM' && e.time > 2 * S && sessionEnd.has(e.kind)).map(({ id: _id, time: _time, node: _node, summary: _summary, protocol: _protocol, ...data }) => data);
    expect(detailed.slice(0, 5)).toEqual([
      { kind: 'bgp-hold-expired', peer: '192.168.100.6', holdTime: 9, lastHeard: expect.any(Number) },
      { kind: 'bgp-notification', peer: '192.168.100.6', direction: 'sent', code: 4, subcode: 0, meaning: 'hold timer expired' },
      { kind: 'bgp-session-down', peer: '192.168.100.6', cause: 'hold-timer-expired' },
      { kind: 'route-removed', prefix: '192.168.133.74/32', peer: '192.168.100.6', cause: 'hold-timer-expired' },
      { kind: 'route-removed', prefix: '192.168.133.1/32', peer: '192.168.100.6', cause: 'hold-timer-expired' },
    ]);
    const expired = res.events.find(isEvent('bgp-hold-expired'))!;
    expect(expired.time).toBe(expired.lastHeard + 9 * S);
    const notification = res.transmissions.find((x) => x.fromNode === 'BGPVM' && x.summary.includes('BGP NOTIFICATION code 4/0 (hold timer expired)'));
    expect(notification?.toNode).toBe('CCI_External_vSwitch');
    expect(res.attempts[0]!.blackHole).toMatchObject({ removedBy: 'hold-timer-expired', routeRemovedAt: expired.time, holdTime: 9 });
  });

  it('makes two attempts by default: one inside the hold time, one after it', () => {
    expect(r.attempts.map((a) => [a.id, a.attempt, a.startedAt])).toEqual([
      ['flow', 1, 6 * S],
      ['flow-2', 2, 186 * S],
    ]);
    expect(r.trace).toBe(r.attempts[0]);
    expect(r.dnsTrace).toBe(r.attempts[0]!.dns);
    // The second attempt finds the name in ClientVM's DNS cache (TTL 3600 s): no query.
    expect(r.attempts[1]!.dns).toBeUndefined();
    expect(r.transmissions.some((t) => t.flowId === 'dns-2')).toBe(false);
    const attempt = r.events.find((e) => e.kind === 'flow-attempt');
    expect(attempt).toMatchObject({ time: 186 * S, node: 'ClientVM', kind: 'flow-attempt', attempt: 2, flowId: 'flow-2' });
  });

  it('inside the hold time: BGPVM forwards every SYN into the void towards the dead MUX; ClientVM retransmits and gives up', () => {
    const a = r.attempts[0]!;
    expect(a.disposition).toBe('node-down');
    expect(a.hops.at(-1)!.node).toBe('MuxVM');
    expect(a.connection).toEqual({ outcome: 'gave-up', synTimes: [6 * S + 1005, 9 * S + 1005, 15 * S + 1005], endedAt: 27 * S + 1005 });
    const removed = r.events.find((e) => e.kind === 'route-removed')!;
    expect(a.blackHole).toEqual({ router: 'BGPVM', peer: 'MuxVM', peerAddress: '192.168.100.6', prefix: '192.168.133.74/32', holdTime: 180, routeRemovedAt: removed.time, removedBy: 'tcp-gave-up' });
    expect(a.reason).toContain('when TCP gave up retransmitting its unacknowledged KEEPALIVE to MuxVM, before the hold timer would have');
    expect(a.reason).toContain('black hole: BGPVM still routes 192.168.133.74/32 to MuxVM (192.168.100.6)');
    expect(a.reason).toContain('This is why BFD (Bidirectional Forwarding Detection, RFC 5880) exists');
    expect(a.reason).toContain('gave up at 27.001 s, 21 s after the first');
    // Each of the three SYNs, the retransmissions included, crosses BGPVM towards MuxVM and carries the attempt's flow id.
    const syns = r.transmissions.filter((t) => t.fromNode === 'CCI_External_vSwitch' && t.toNode === 'MuxVM' && t.protocol === 'tcp');
    expect(syns.map((t) => [t.flowId, t.summary.includes('TCP SYN')])).toEqual([
      ['flow', true],
      ['flow', true],
      ['flow', true],
    ]);
    const retransmits = r.events.filter((e) => e.kind === 'tcp-retransmit' && e.flowId === 'flow').map((e) => e.time);
    expect(retransmits).toEqual([9 * S + 1005, 15 * S + 1005]);
    const gaveUp = r.events.find((e) => e.kind === 'tcp-gave-up' && e.flowId === 'flow');
    expect(gaveUp).toMatchObject({ segment: 'syn', retransmissions: 2, firstSent: 6 * S + 1005 });
  });

  it('after the hold time: the routes are gone and the flow loops between NATVM and BGPVM until the TTL runs out, and says so', () => {
    const t = r.attempts[1]!;
    expect(t.disposition).toBe('ttl-exceeded');
    expect(t.blackHole).toBeUndefined();
    expect(t.reason).toContain('routing loop between NATVM and BGPVM');
    expect(t.reason).toContain('NATVM matches 192.168.133.0/24 (static) via 192.168.200.2');
    expect(t.reason).toContain('BGPVM matches 0.0.0.0/0 (static) via 192.168.200.1');
    expect(t.reason).toMatch(/BGPVM removed its BGP route 192.168.133.74\/32 at [\d.]+ s because TCP gave up retransmitting to 192.168.100.6/);
    const routers = t.hops.filter((h) => h.steps.some((s) => s.kind === 'ttl'));
    expect(routers.length).toBe(128);
    expect(routers.map((h) => h.node).slice(0, 4)).toEqual(['NATVM', 'BGPVM', 'NATVM', 'BGPVM']);
    const last = t.hops.at(-1)!;
    expect(last.node).toBe('BGPVM');
    expect(last.steps.at(-1)).toMatchObject({ kind: 'dropped', reason: 'ttl-exceeded' });
    expect(t.returnHops.map((h) => h.node)).toEqual(['BGPVM', 'CCI_External_vSwitch', 'ClientVM']);
    const icmp = t.returnHops.at(-1)!.layers.find((l) => l.type === 'icmp');
    expect(icmp).toMatchObject({ kind: 'time-exceeded', code: 0 });
    expect(t.connection?.outcome).toBe('gave-up');
  });

  it('shows the /32 in BGPVM tables before expiry and not after', () => {
    const session = createRunSession();
    session.run(pocTopology(), { from: 'ClientVM', to: 'https://portal.azurestack.local', whatIf: [{ action: 'fail', target: 'MuxVM', at: 1 * S }] });
    const routesAt = (t: number) => {
      const tables = session.tables('BGPVM', t);
      if (!tables.ok) throw new Error(tables.error.message);
      return tables.value.tables.find((x) => x.title === 'Routing table')!.rows.map((row) => `${row.cells.prefix} ${row.cells.source}`);
    };
    const gone = r.events.find((e) => e.kind === 'route-removed')!.time;
    expect(routesAt(gone - 1)).toContain('192.168.133.74/32 bgp');
    expect(routesAt(gone)).not.toContain('192.168.133.74/32 bgp');
    const mux = session.tables('MuxVM', 2 * S);
    expect(mux.ok && mux.value.up).toBe(false);
  });
});

describe('MuxVM recovers', () => {
  it('after the hold time: reconnects, OPEN, UPDATE, and the flow is delivered again', () => {
    const r = runPoc({ whatIf: [{ action: 'fail', target: 'MuxVM', at: 1 * S }, { action: 'restore', target: 'MuxVM', at: 200 * S }] }).result;
    expect(r.trace.disposition).toBe('delivered');
    const established = r.events.filter((e) => e.kind === 'bgp-state' && e.state === 'Established' && e.node === 'BGPVM');
    expect(established.length).toBe(2);
    expect(established[1]!.time).toBeGreaterThan(200 * S);
    expect(r.trace.hops.map((h) => h.node)).toContain('MuxVM');
  });

  it('before the hold time: the new connection replaces the stale session', () => {
    const r = runPoc({ whatIf: [{ action: 'fail', target: 'MuxVM', at: 1 * S }, { action: 'restore', target: 'MuxVM', at: 30 * S }] }).result;
    expect(r.trace.disposition).toBe('delivered');
    expect(r.events.some((e) => e.summary === 'BGPVM: a new connection from 192.168.100.6 (AS 64628) replaces the old session')).toBe(true);
  });
});

describe("MuxVM's PA link goes down", () => {
  it('withdraws its VIPs over BGP at once', () => {
    const r = runPoc({ whatIf: [{ action: 'fail', target: 'MuxVM:pa', at: 1 * S }] }).result;
    const withdraw = r.transmissions.find((t) => t.fromNode === 'MuxVM' && t.summary.includes('BGP UPDATE withdraw 192.168.133.74/32, 192.168.133.1/32'));
    expect(withdraw).toBeDefined();
    const removed = r.events.filter((e) => e.kind === 'route-removed');
    expect(removed.map((e) => e.summary)).toEqual([
      'BGPVM removes 192.168.133.74/32 learned from 192.168.100.6 (AS 64628): withdrawn by the peer',
      'BGPVM removes 192.168.133.1/32 learned from 192.168.100.6 (AS 64628): withdrawn by the peer',
    ]);
    expect(removed[0]!.time).toBeLessThan(1.001 * S);
    expect(r.trace.disposition).toBe('ttl-exceeded');
  });
});

describe('second MUX (ECMP)', () => {
  it('BGPVM holds two equal /32 routes and spreads flows over both MUXes by hash', () => {
    const used = new Set<string>();
    for (let seed = 1; seed <= 12; seed++) {
      const r = runPoc({ seed, knobs: { secondMux: true } }).result;
      expect(r.trace.disposition).toBe('delivered');
      const bgp = r.trace.hops.find((h) => h.node === 'BGPVM')!;
      const route = bgp.steps.find((s) => s.kind === 'route')!;
      expect(route.text).toContain('one of 2 equal-cost routes');
      used.add(r.trace.hops.find((h) => h.node.startsWith('MuxVM'))!.node);
    }
    expect([...used].sort()).toEqual(['MuxVM', 'MuxVM2']);
  });

  it('losing one MUX moves every flow to the other once the hold timer expired; until then flows hashed to it fall into the black hole', () => {
    const early = new Set<string>();
    for (let seed = 1; seed <= 6; seed++) {
      const r = runPoc({ seed, knobs: { secondMux: true }, whatIf: [{ action: 'fail', target: 'MuxVM', at: 1 * S }] }).result;
      const [during, after] = r.attempts;
      const mux = during!.hops.find((h) => h.node.startsWith('MuxVM'))!.node;
      early.add(mux);
      if (mux === 'MuxVM') {
        expect(during!.disposition).toBe('node-down');
        expect(during!.blackHole).toMatchObject({ router: 'BGPVM', peer: 'MuxVM', removedBy: 'tcp-gave-up' });
      } else expect(during!.disposition).toBe('delivered');
      expect(after!.disposition).toBe('delivered');
      expect(after!.hops.map((h) => h.node)).toContain('MuxVM2');
      expect(after!.hops.map((h) => h.node)).not.toContain('MuxVM');
    }
    expect([...early].sort()).toEqual(['MuxVM', 'MuxVM2']);
  });

  it('flowAt chooses the attempts; bad times are refused with a clear message', () => {
    const r = runPoc({ flowAt: [2 * S, 3 * S] }).result;
    expect(r.attempts.map((a) => [a.id, a.startedAt, a.disposition, a.connection?.outcome])).toEqual([
      ['flow', 2 * S, 'delivered', 'established'],
      ['flow-2', 3 * S, 'delivered', 'established'],
    ]);
    const ids = new Set(r.transmissions.map((t) => t.flowId).filter((x) => x !== undefined));
    // Besides the attempts, the SLB host agent's health probes and PortalVM's answers.
    expect([...ids].sort()).toEqual(['dns', 'dns-reply', 'flow', 'flow-2', 'flow-2-reply', 'flow-reply', 'probe', 'probe-reply']);
    const bad = simulate(pocTopology(), { from: 'ClientVM', to: 'PortalVM', flowAt: [-1] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatchObject({ code: 'bad-flow-at' });
  });
});

describe('resolveWhatIfs: each what-if is checked against the topology, with a message that names what is wrong', () => {
  const world = () => buildWorld(pocTopology(), { seed: 1, icmpRedirects: false, record: { full: false } });
  const fail = (target: unknown, at: unknown = 1 * S, action: unknown = 'fail') => ({ action, target, at }) as WhatIf;
  const refused = (whatIfs: WhatIf[]): string => {
    const r = resolveWhatIfs(world(), whatIfs);
    if (r.ok) throw new Error('accepted');
    expect(r.error.code).toBe('bad-what-if');
    return r.error.message.split('. A what-if target is')[0]!;
  };

  it('finds the node and the interface whatever their case', () => {
    const r = resolveWhatIfs(world(), [fail('muxvm'), fail('MUXVM:PA', 2 * S, 'restore')]);
    expect(r.ok && r.value.map((w) => [w.node, w.iface, w.whatIf.action])).toEqual([
      ['MuxVM', undefined, 'fail'],
      ['MuxVM', 'pa', 'restore'],
    ]);
  });

  it('takes as many what-ifs as a run may, and refuses one more', () => {
    const most = Array.from({ length: LIMITS.whatIfs }, (_, i) => fail('MuxVM', i * S));
    expect(resolveWhatIfs(world(), most).ok).toBe(true);
    expect(refused([...most, fail('MuxVM')])).toBe(`${LIMITS.whatIfs + 1} what-ifs are more than the ${LIMITS.whatIfs} one run may take`);
  });

  it('refuses a target that is not a name, or longer than a node and an interface name can be', () => {
    expect(refused([fail(42)])).toBe('a what-if target is not a node or link name');
    expect(refused([fail(`${'M'.repeat(LIMITS.nameLength)}:${'p'.repeat(LIMITS.nameLength + 1)}`)])).toBe('a what-if target is not a node or link name');
    // The longest name that could be a link is checked against the topology, not refused for its length.
    expect(refused([fail(`${'M'.repeat(LIMITS.nameLength)}:${'p'.repeat(LIMITS.nameLength)}`)])).toBe(`"${'M'.repeat(LIMITS.nameLength)}:${'p'.repeat(LIMITS.nameLength)}" names no node of this topology`);
  });

  it('refuses an unknown node, and an unknown interface naming the ones the node has', () => {
    expect(refused([fail('MuxVM'), fail('Nobody')])).toBe('"Nobody" names no node of this topology');
    expect(refused([fail('MuxVM:eth9')])).toBe('"MuxVM:eth9": MuxVM has no interface "eth9" (it has mgmt, pa)');
  });

  it('takes the first and last moment a what-if may happen, and refuses a time outside them or not a number', () => {
    expect(resolveWhatIfs(world(), [fail('MuxVM', 0), fail('MuxVM', LIMITS.whatIfTime, 'restore')]).ok).toBe(true);
    const range = `the time must be from 0 to ${LIMITS.whatIfTime} µs (600 s)`;
    expect(refused([fail('MuxVM', -1)])).toBe(`"MuxVM" at -1 µs: ${range}`);
    expect(refused([fail('MuxVM', LIMITS.whatIfTime + 1)])).toBe(`"MuxVM" at ${LIMITS.whatIfTime + 1} µs: ${range}`);
    expect(refused([fail('MuxVM', Number.NaN)])).toBe(`"MuxVM" at NaN µs: ${range}`);
    expect(refused([fail('MuxVM', Number.POSITIVE_INFINITY)])).toBe(`"MuxVM" at Infinity µs: ${range}`);
    expect(refused([fail('MuxVM', '5')])).toBe(`"MuxVM" at 5 µs: ${range}`);
  });

  it('refuses an action other than fail and restore', () => {
    expect(refused([fail('MuxVM', 1 * S, 'reboot')])).toBe('action "reboot" is neither fail nor restore');
  });
});

describe('a link what-if, as the run tells it', () => {
  it("says which link went down and up, and updates the node's interface row", () => {
    const run = runPoc({ flowAt: [12 * S], whatIf: [{ action: 'fail', target: 'MuxVM:mgmt', at: 7 * S }, { action: 'restore', target: 'MuxVM:mgmt', at: 8 * S }] });
    const links = run.result.events.filter((e) => e.kind === 'link-failed' || e.kind === 'link-restored').map((e) => [e.time, e.kind, e.node, e.summary]);
    expect(links).toEqual([
      [7 * S, 'link-failed', 'MuxVM', 'MuxVM mgmt: link down'],
      [8 * S, 'link-restored', 'MuxVM', 'MuxVM mgmt: link up'],
    ]);
    const rows = run.tableLog.filter((c) => c.node === 'MuxVM' && c.table === 'interfaces' && c.time > 0).map((c) => [c.time, c.key, c.row?.cells]);
    const cells = { interface: 'mgmt', address: '192.168.100.6/24', mac: '00:15:5d:64:00:06', network: 'mgmt', vlan: '1001' };
    expect(rows).toEqual([
      [7 * S, 'mgmt', { ...cells, state: 'down' }],
      [8 * S, 'mgmt', { ...cells, state: 'up' }],
    ]);
    // Not its PA link: the MUX keeps announcing its VIPs.
    expect(run.result.events.some((e) => e.node === 'MuxVM' && e.summary.includes('VIPs'))).toBe(false);
  });

  it("the failed link's row keeps where the interface's address comes from", () => {
    const prov = pocTopology().nodes.find((n) => n.id === 'MuxVM')!.interfaces.find((f) => f.id === 'mgmt')!.prov;
    expect(prov?.mark).toBe('illustrative');
    const run = runPoc({ flowAt: [12 * S], whatIf: [{ action: 'fail', target: 'MuxVM:mgmt', at: 7 * S }] });
    const row = run.tableLog.find((c) => c.node === 'MuxVM' && c.table === 'interfaces' && c.time === 7 * S);
    expect(row?.row?.prov).toEqual(prov);
  });

  it('a link on a network without a VLAN shows "-" in its VLAN cell', () => {
    const doc = pocTopology();
    const t = { ...doc, networks: doc.networks.map(({ vlan: _vlan, ...n }) => n) };
    const run = simulate(t, { from: 'ClientVM', to: 'PortalVM', flowAt: [12 * S], whatIf: [{ action: 'fail', target: 'MuxVM:pa', at: 1 * S }] });
    if (!run.ok) throw new Error(run.error.message);
    const row = run.value.tableLog.find((c) => c.node === 'MuxVM' && c.table === 'interfaces' && c.time === 1 * S);
    expect(row?.row?.cells).toEqual({ interface: 'pa', address: '192.168.233.6/24', mac: '00:15:5d:e9:00:06', network: 'pa', vlan: '-', state: 'down' });
  });

  it("a MUX's PA link going and coming back: it withdraws its VIPs, then announces them again", () => {
    const r = runPoc({ flowAt: [12 * S], whatIf: [{ action: 'fail', target: 'MuxVM:pa', at: 1 * S }, { action: 'restore', target: 'MuxVM:pa', at: 5 * S }] }).result;
    const said = r.events.filter((e) => e.kind === 'info' && e.node === 'MuxVM' && e.summary.includes('VIPs')).map((e) => [e.time, e.summary]);
    expect(said).toEqual([
      [1 * S, 'MuxVM loses its PA link: no DIP is reachable, so it withdraws its VIPs'],
      [5 * S, "MuxVM's PA link is back: it announces its VIPs again"],
    ]);
    expect(r.trace.disposition).toBe('delivered');
  });

  it('restoring a link that never failed says nothing changed: no link-up, no row, no VIPs announced again', () => {
    const r = runPoc({ flowAt: [12 * S], whatIf: [{ action: 'restore', target: 'MuxVM:pa', at: 5 * S }, { action: 'restore', target: 'MuxVM:mgmt', at: 6 * S }] });
    expect(r.result.events.filter((e) => e.node === 'MuxVM' && e.time >= 5 * S && e.time <= 6 * S).map((e) => [e.time, e.kind, e.summary])).toEqual([
      [5 * S, 'info', "MuxVM pa: the link is already up, so restoring it changes nothing; MuxVM's VIPs stay announced"],
      [6 * S, 'info', 'MuxVM mgmt: the link is already up, so restoring it changes nothing'],
    ]);
    expect(r.tableLog.filter((c) => c.node === 'MuxVM' && c.table === 'interfaces' && c.time > 0)).toEqual([]);
    expect(r.result.trace.disposition).toBe('delivered');
  });

  it('failing a link twice: the second says nothing changed, and the VIPs are withdrawn once', () => {
    const r = runPoc({ flowAt: [12 * S], whatIf: [{ action: 'fail', target: 'MuxVM:pa', at: 1 * S }, { action: 'fail', target: 'MuxVM:pa', at: 2 * S }] }).result;
    expect(r.events.filter((e) => e.node === 'MuxVM' && (e.kind === 'info' || e.kind.startsWith('link')) && e.time >= 1 * S && e.time <= 2 * S).map((e) => [e.time, e.kind, e.summary])).toEqual([
      [1 * S, 'link-failed', 'MuxVM pa: link down'],
      [1 * S, 'info', 'MuxVM loses its PA link: no DIP is reachable, so it withdraws its VIPs'],
      [2 * S, 'info', 'MuxVM pa: the link is already down, so failing it changes nothing'],
    ]);
  });

  it('restoring a node without BGP that never failed: it keeps its ARP cache and TCP connections, no BGP named', () => {
    const r = runPoc({ flowAt: [12 * S], whatIf: [{ action: 'restore', target: 'PortalVM', at: 5 * S }] });
    expect(r.result.events.filter((e) => e.node === 'PortalVM' && e.kind === 'info' && e.time >= 5 * S).map((e) => [e.time, e.summary])).toEqual([
      [5 * S, 'PortalVM is already up, so restoring it changes nothing: it keeps its ARP cache and TCP connections'],
    ]);
    expect(r.result.trace.disposition).toBe('delivered');
  });

  it('restoring a node that never failed says nothing changed: no restart, its caches and BGP session kept', () => {
    const r = runPoc({ flowAt: [12 * S], whatIf: [{ action: 'restore', target: 'MuxVM', at: 5 * S }] });
    expect(r.result.events.filter((e) => e.node === 'MuxVM' && e.time >= 5 * S && e.time <= 6 * S).map((e) => [e.time, e.kind, e.summary])).toEqual([
      [5 * S, 'info', 'MuxVM is already up, so restoring it changes nothing: it keeps its ARP cache, TCP connections and BGP sessions'],
    ]);
    // No reboot: no new BGP session, no state change anywhere in the run after 5 s.
    expect(r.result.events.filter((e) => e.kind === 'bgp-state' && e.time >= 5 * S)).toEqual([]);
    expect(r.result.trace.disposition).toBe('delivered');
  });

  it('failing a node twice: the second says nothing changed, and the node fails once', () => {
    const r = runPoc({ flowAt: [12 * S], whatIf: [{ action: 'fail', target: 'MuxVM', at: 1 * S }, { action: 'fail', target: 'MuxVM', at: 2 * S }] }).result;
    expect(r.events.filter((e) => e.node === 'MuxVM' && e.time >= 1 * S && e.time <= 2 * S).map((e) => [e.time, e.kind, e.summary])).toEqual([
      [1 * S, 'node-failed', 'MuxVM fails: it stops processing and sending anything'],
      [2 * S, 'info', 'MuxVM is already down, so failing it changes nothing'],
    ]);
  });

  it('a MUX that is already down says nothing about its VIPs when its PA link goes', () => {
    const r = runPoc({ flowAt: [12 * S], whatIf: [{ action: 'fail', target: 'MuxVM', at: 1 * S }, { action: 'fail', target: 'MuxVM:pa', at: 2 * S }] }).result;
    expect(r.events.filter((e) => e.node === 'MuxVM' && e.time >= 1 * S && e.time <= 2 * S).map((e) => e.summary)).toEqual([
      'MuxVM fails: it stops processing and sending anything',
      'MuxVM pa: link down',
    ]);
  });
});
