import { describe, expect, it } from 'vitest';
import { POC_TOPOLOGY } from '../scenarios/poc';
import type { TopologyDocument } from './schema';
import { parseTopology, parseTopologyJson } from './validate';

/** A deep copy of the POC to break in one place. */
const poc = (): TopologyDocument => structuredClone(POC_TOPOLOGY);

function errorsOf(doc: unknown) {
  const r = parseTopology(doc);
  if (r.ok) throw new Error('expected validation errors');
  return r.error;
}

describe('parseTopology', () => {
  it('accepts the POC scenario with every node and network', () => {
    const r = parseTopology(POC_TOPOLOGY);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.nodes.map((n) => n.id)).toEqual([
      'HyperVHost', 'ADVM', 'BGPVM', 'NATVM', 'ClientVM', 'MuxVM', 'NCVM', 'PortalVM', 'ACSVM', 'SQLVM', 'xRPVM',
    ]);
    expect(r.value.networks.map((n) => n.prefix)).toEqual([
      '192.168.100.0/24', '192.168.200.0/24', '192.168.133.0/24', '192.168.233.0/24', '10.0.0.0/24',
    ]);
  });

  it('does not mutate its input', () => {
    const doc = poc();
    const before = JSON.stringify(doc);
    parseTopology(doc);
    expect(JSON.stringify(doc)).toBe(before);
  });

  it('names the path and the reason for an address outside its subnet', () => {
    const doc = poc();
    doc.nodes[1]!.interfaces[0]!.address = '192.168.101.2/24';
    const [e] = errorsOf(doc);
    expect(e).toMatchObject({ code: 'address-outside-subnet', path: 'nodes[1].interfaces[0].address' });
    expect(e!.message).toContain('192.168.101.2 is outside mgmt (192.168.100.0/24)');
  });

  it('rejects a gateway that is not on-link', () => {
    const doc = poc();
    doc.nodes[4]!.routes![0]!.via = '192.168.100.1';
    const [e] = errorsOf(doc);
    expect(e).toMatchObject({ code: 'gateway-not-on-link', path: 'nodes[4].routes[0].via' });
  });

  it('rejects duplicate addresses, MACs and names', () => {
    const doc = poc();
    doc.nodes[8]!.interfaces[0]!.address = '192.168.100.2/24';
    doc.nodes[8]!.interfaces[0]!.mac = '00:15:5d:64:00:02';
    doc.nodes[9]!.id = 'ADVM';
    const codes = errorsOf(doc).map((e) => `${e.code} ${e.path}`);
    expect(codes).toEqual([
      'duplicate-id nodes[9].id',
      'duplicate-address nodes[8].interfaces[0].address',
      'duplicate-mac nodes[8].interfaces[0].mac',
    ]);
  });

  it('rejects a route to nowhere and references to missing records', () => {
    const doc = poc();
    doc.nodes[1]!.routes!.push({ prefix: '10.1.0.0/16', prov: { mark: 'illustrative' } });
    doc.slb!.muxes = ['MuxVM', 'GhostVM'];
    const codes = errorsOf(doc).map((e) => `${e.code} ${e.path}`);
    expect(codes).toEqual(['unknown-reference nodes[1].routes[1]', 'unknown-reference slb.muxes[1]']);
  });

  it('reports shape errors with their path', () => {
    const doc = poc() as unknown as { nodes: { interfaces: { mac: string }[] }[] };
    doc.nodes[2]!.interfaces[0]!.mac = 'not-a-mac';
    const [e] = errorsOf(doc);
    expect(e!.path).toBe('nodes[2].interfaces[0].mac');
    expect(e!.message).toContain('a MAC address in lower-case colon form');
  });

  it('explains invalid JSON', () => {
    const r = parseTopologyJson('{"schema": ');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error[0]).toMatchObject({ code: 'invalid-json', message: expect.stringMatching(/^The document is not valid JSON \(.+\)\. Check it in a JSON validator/) });
  });
});
