import { describe, expect, it } from 'vitest';
import { POC_TOPOLOGY } from '../scenarios/poc';
import { simulate } from '../run/simulate';
import { applyEdit, commit, createHistory, EDITED, HISTORY_LIMIT, redo, undo, type TopologyEdit } from './edits';
import type { TopologyDocument } from '../topology/schema';
import { parseTopology } from '../topology/validate';

function apply(doc: TopologyDocument, ...edits: TopologyEdit[]): TopologyDocument {
  return edits.reduce((d, e) => {
    const r = applyEdit(d, e);
    if (!r.ok) throw new Error(r.message);
    return r.doc;
  }, doc);
}

function load(doc: TopologyDocument) {
  const r = parseTopology(doc);
  if (!r.ok) throw new Error(r.error.map((e) => e.message).join('\n'));
  return r.value;
}

const frozen = JSON.stringify(POC_TOPOLOGY);

describe('applyEdit', () => {
  it('adds a VM with a NIC, a default route via the network gateway and the DNS server, marked as edited', () => {
    const doc = apply(POC_TOPOLOGY, { type: 'add-vm', id: 'Web1', role: 'web', network: 'mgmt', address: '192.168.100.21/24', mac: '00:15:5d:64:00:21', listens: [80] });
    expect(doc.nodes.at(-1)).toEqual({
      id: 'Web1',
      kind: 'vm',
      role: 'web',
      interfaces: [{ id: 'eth0', mac: '00:15:5d:64:00:21', address: '192.168.100.21/24', network: 'mgmt', prov: EDITED }],
      routes: [{ prefix: '0.0.0.0/0', via: '192.168.100.1', prov: EDITED }],
      dnsServer: '192.168.100.2',
      listens: [80],
      prov: EDITED,
    });
    expect(load(doc).nodes).toHaveLength(POC_TOPOLOGY.nodes.length + 1);
    expect(JSON.stringify(POC_TOPOLOGY)).toBe(frozen);
  });

  it('changes and removes a NIC address, and the engine names the field when it is wrong', () => {
    const moved = apply(POC_TOPOLOGY, { type: 'set-interface', node: 'PortalVM', iface: 'eth0', address: '192.168.100.99/24' });
    expect(moved.nodes.find((n) => n.id === 'PortalVM')!.interfaces[0]!.address).toBe('192.168.100.99/24');
    const wrong = apply(POC_TOPOLOGY, { type: 'set-interface', node: 'PortalVM', iface: 'eth0', address: '10.9.9.9/24' });
    const r = parseTopology(wrong);
    const i = POC_TOPOLOGY.nodes.findIndex((n) => n.id === 'PortalVM');
    expect(r.ok ? [] : r.error.map((e) => e.path)).toContain(`nodes[${i}].interfaces[0].address`);
    const gone = apply(POC_TOPOLOGY, { type: 'remove-interface', node: 'HyperVHost', iface: 'uplink' });
    expect(gone.nodes[0]!.interfaces.map((f) => f.id)).toEqual(['pa']);
  });

  it('adds a DIP to a rule and a rule with a pool of three, which the MUX hashes over', () => {
    const doc = apply(
      POC_TOPOLOGY,
      ...[1, 2, 3].map((n): TopologyEdit => ({ type: 'add-vm', id: `W${n}`, role: 'web', network: 'mgmt', address: `192.168.100.${20 + n}/24`, mac: `00:15:5d:64:00:${20 + n}`, listens: [80] })),
      { type: 'add-rule', rule: { name: 'web', vip: '192.168.133.80', protocol: 'tcp', port: 80, dips: [{ address: '192.168.100.21', port: 80, host: 'HyperVHost' }] } },
      { type: 'add-dip', rule: 1, dip: { address: '192.168.100.22', port: 80, host: 'HyperVHost' } },
      { type: 'add-dip', rule: 1, dip: { address: '192.168.100.23', port: 80, host: 'HyperVHost' } },
    );
    expect(doc.slb!.rules[1]!.dips.map((d) => d.address)).toEqual(['192.168.100.21', '192.168.100.22', '192.168.100.23']);
    const run = simulate(load(doc), { from: 'ClientVM', to: '192.168.133.80:80' });
    if (!run.ok) throw new Error(run.error.message);
    expect(run.value.result.trace.disposition).toBe('delivered');
    const lb = run.value.result.trace.hops.flatMap((h) => h.steps).find((s) => s.kind === 'load-balance');
    expect(lb?.text).toContain('(3 DIPs)');
    expect(apply(doc, { type: 'remove-dip', rule: 1, dip: 0 }).slb!.rules[1]!.dips).toHaveLength(2);
  });

  it('adds a second MUX: drawn as a node, in the SLB, peered with BGPVM both ways', () => {
    const doc = apply(POC_TOPOLOGY, { type: 'add-mux', id: 'MuxVM2', mgmtAddress: '192.168.100.8', paAddress: '192.168.233.8' });
    const t = load(doc);
    expect(t.slb!.muxes).toEqual(['MuxVM', 'MuxVM2']);
    expect(t.slb!.paInterface.MuxVM2).toBe('pa');
    expect(t.nodes.find((n) => n.id === 'MuxVM2')!.interfaces.map((f) => [f.id, f.address, f.mac])).toEqual([
      ['mgmt', '192.168.100.8/24', '00:15:5d:64:00:08'],
      ['pa', '192.168.233.8/24', '00:15:5d:e9:00:01'],
    ]);
    expect(t.bgp!.speakers.find((s) => s.node === 'BGPVM')!.peers).toEqual([
      { address: '192.168.100.6', asn: 64628 },
      { address: '192.168.100.8', asn: 64628 },
    ]);
    expect(t.bgp!.speakers.find((s) => s.node === 'MuxVM2')).toMatchObject({ asn: 64628, routerId: '192.168.100.8', peers: [{ address: '192.168.100.1', asn: 64647 }] });
    const run = simulate(t, { from: 'ClientVM', to: 'https://portal.azurestack.local' });
    if (!run.ok) throw new Error(run.error.message);
    expect(run.value.result.events.some((e) => e.kind === 'route-installed' && e.summary.includes('via 192.168.100.8'))).toBe(true);
    const back = apply(doc, { type: 'remove-mux', node: 'MuxVM2' });
    expect(load(back).bgp).toEqual(load(POC_TOPOLOGY).bgp);
    expect(applyEdit(POC_TOPOLOGY, { type: 'remove-mux', node: 'MuxVM' })).toEqual({ ok: false, message: 'the load balancer needs at least one MUX; add another before removing this one' });
  });

  it('sets the BGP hold time, and the engine refuses one below 3 s at its field', () => {
    expect(apply(POC_TOPOLOGY, { type: 'set-bgp', holdTime: 9, keepalive: 3 }).bgp).toMatchObject({ holdTime: 9, keepalive: 3 });
    const r = parseTopology(apply(POC_TOPOLOGY, { type: 'set-bgp', holdTime: 2 }));
    expect(r.ok ? [] : r.error.map((e) => e.path)).toEqual(['bgp.holdTime']);
  });

  it('refuses what it cannot apply, with a reason', () => {
    expect(applyEdit(POC_TOPOLOGY, { type: 'remove-node', node: 'Nope' })).toEqual({ ok: false, message: 'there is no node "Nope"' });
    expect(applyEdit(POC_TOPOLOGY, { type: 'add-dip', rule: 5, dip: { address: '1.2.3.4', port: 1, host: 'HyperVHost' } })).toEqual({ ok: false, message: 'there is no load-balancing rule number 6' });
  });
});

describe('history', () => {
  it('undoes and redoes whole documents, and a new edit clears redo', () => {
    const a = POC_TOPOLOGY;
    const b = apply(a, { type: 'set-bgp', holdTime: 9 });
    const c = apply(b, { type: 'set-bgp', holdTime: 30 });
    let h = commit(commit(createHistory(a), b), c);
    h = undo(h);
    expect(h.present).toBe(b);
    h = undo(h);
    expect(h.present).toBe(a);
    expect(undo(h)).toBe(h);
    h = redo(h);
    expect(h.present).toBe(b);
    h = commit(h, c);
    expect(h.future).toEqual([]);
    expect(redo(h)).toBe(h);
  });

  it(`keeps the last ${HISTORY_LIMIT} steps`, () => {
    let h = createHistory(POC_TOPOLOGY);
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) h = commit(h, { ...POC_TOPOLOGY, name: `v${i}` });
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0]!.name).toBe('v4');
  });
});
