// What-ifs: a MuxVM failure (hold timer, routes removed, the loop), recovery, a PA link withdrawing
// the VIPs, and the second MUX spreading flows by ECMP.
import { beforeEach, describe, expect, it } from 'vitest';
import { createRunSession } from './session';
import { pocTopology, runPoc } from './fixtures';
import type { SimRun } from './simulate';

const S = 1_000_000;

describe('MuxVM fails after BGP is up', () => {
  // Simulated inside each test (beforeEach), not once for the file: mutation testing then knows which tests cover what.
  let r: SimRun['result'];
  beforeEach(() => {
    r = runPoc({ whatIf: [{ action: 'fail', target: 'MuxVM', at: 1 * S }] }).result;
  });

  it('BGPVM keeps the session until the 180 s hold time runs out, then sends NOTIFICATION and removes the /32s', () => {
    const expired = r.events.find((e) => e.kind === 'bgp-state' && e.summary.includes('hold timer expired'))!;
    const lastUpdate = r.transmissions.filter((t) => t.fromNode === 'MuxVM' && t.protocol === 'bgp').at(-1)!;
    // The last message reaches BGPVM 5 µs (switch) + 20 µs (link) after it reaches the switch.
    expect(expired.time).toBe(lastUpdate.arrive + 25 + 180 * S);
    const removed = r.events.filter((e) => e.kind === 'route-removed').map((e) => [e.time, e.summary]);
    expect(removed).toEqual([
      [expired.time, 'BGPVM removes 192.168.133.74/32 learned from 192.168.100.6 (AS 64628): hold timer expired'],
      [expired.time, 'BGPVM removes 192.168.133.1/32 learned from 192.168.100.6 (AS 64628): hold timer expired'],
    ]);
    const notification = r.transmissions.find((t) => t.fromNode === 'BGPVM' && t.summary.includes('BGP NOTIFICATION code 4/0 (hold timer expired)'));
    expect(notification?.toNode).toBe('CCI_External_vSwitch');
    expect(r.events.filter((e) => e.node === 'MuxVM' && e.kind === 'drop').length).toBeGreaterThanOrEqual(3);
  });

  it('the portal flow loops between NATVM and BGPVM until the TTL runs out, and says so', () => {
    expect(r.trace.disposition).toBe('ttl-exceeded');
    expect(r.trace.reason).toContain('routing loop between NATVM and BGPVM');
    expect(r.trace.reason).toContain('NATVM matches 192.168.133.0/24 (static) via 192.168.200.2');
    expect(r.trace.reason).toContain('BGPVM matches 0.0.0.0/0 (static) via 192.168.200.1');
    const routers = r.trace.hops.filter((h) => h.steps.some((s) => s.kind === 'ttl'));
    expect(routers.length).toBe(128);
    expect(routers.map((h) => h.node).slice(0, 4)).toEqual(['NATVM', 'BGPVM', 'NATVM', 'BGPVM']);
    const last = r.trace.hops.at(-1)!;
    expect(last.node).toBe('BGPVM');
    expect(last.steps.at(-1)).toMatchObject({ kind: 'dropped', reason: 'ttl-exceeded' });
    expect(r.trace.returnHops.map((h) => h.node)).toEqual(['BGPVM', 'CCI_External_vSwitch', 'ClientVM']);
    const icmp = r.trace.returnHops.at(-1)!.layers.find((l) => l.type === 'icmp');
    expect(icmp).toMatchObject({ kind: 'time-exceeded', code: 0 });
  });

  it('shows the /32 in BGPVM tables before expiry and not after', () => {
    const session = createRunSession();
    session.run(pocTopology(), { from: 'ClientVM', to: 'https://portal.azurestack.local', whatIf: [{ action: 'fail', target: 'MuxVM', at: 1 * S }] });
    const routesAt = (t: number) => {
      const tables = session.tables('BGPVM', t);
      if (!tables.ok) throw new Error(tables.error.message);
      return tables.value.tables.find((x) => x.title === 'Routing table')!.rows.map((row) => `${row.cells.prefix} ${row.cells.source}`);
    };
    expect(routesAt(179 * S)).toContain('192.168.133.74/32 bgp');
    expect(routesAt(181 * S)).not.toContain('192.168.133.74/32 bgp');
    const mux = session.tables('MuxVM', 2 * S);
    expect(mux.ok && mux.value.up).toBe(false);
  });
});

describe('MuxVM recovers', () => {
  it('after the hold time: reconnects, OPEN, UPDATE, and the flow is delivered again', () => {
    const r = runPoc({ whatIf: [{ action: 'fail', target: 'MuxVM', at: 1 * S }, { action: 'restore', target: 'MuxVM', at: 200 * S }] }).result;
    expect(r.trace.disposition).toBe('delivered');
    const established = r.events.filter((e) => e.kind === 'bgp-state' && e.bgp?.state === 'Established' && e.node === 'BGPVM');
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

  it('losing one MUX moves every flow to the other', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const r = runPoc({ seed, knobs: { secondMux: true }, whatIf: [{ action: 'fail', target: 'MuxVM', at: 1 * S }] }).result;
      expect(r.trace.disposition).toBe('delivered');
      expect(r.trace.hops.map((h) => h.node)).toContain('MuxVM2');
      expect(r.trace.hops.map((h) => h.node)).not.toContain('MuxVM');
    }
  });
});
