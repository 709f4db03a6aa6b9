// Each rule a network engineer expects, on the POC broken in exactly one place: its code, its path, and a
// message that says what to do.
import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '../view/errors';
import { POC_TOPOLOGY } from '../scenarios/poc';
import type { TopologyDocument } from './schema';
import { MAX_ERRORS, parseTopology } from './validate';

type Doc = TopologyDocument & { slb: NonNullable<TopologyDocument['slb']>; bgp: NonNullable<TopologyDocument['bgp']>; dns: NonNullable<TopologyDocument['dns']> };
const poc = () => structuredClone(POC_TOPOLOGY) as Doc;

function onlyError(doc: unknown) {
  const r = parseTopology(doc);
  if (r.ok) throw new Error('expected validation errors');
  expect(r.error, JSON.stringify(r.error)).toHaveLength(1);
  return r.error[0]!;
}

const cases: [string, (d: Doc) => void, string, string][] = [
  ['overlapping subnets', (d) => d.networks.push({ ...d.networks[2]!, id: 'extra', prefix: '192.168.100.128/25' }), 'overlapping-subnets', 'networks[5].prefix'],
  ['a gateway outside its prefix', (d) => (d.networks[0]!.gateway = '192.168.101.1'), 'gateway-outside-prefix', 'networks[0].gateway'],
  ['a gateway on the broadcast address', (d) => (d.networks[0]!.gateway = '192.168.100.255'), 'gateway-outside-prefix', 'networks[0].gateway'],
  ['a keepalive not below the hold time', (d) => (d.bgp.keepalive = 180), 'keepalive-not-below-hold', 'bgp.keepalive'],
  ['a VIP equal to an interface address', (d) => (d.slb.rules[0]!.vip = '192.168.100.9'), 'vip-is-interface-address', 'slb.rules[0].vip'],
  ['an extra VIP equal to an interface address', (d) => (d.slb.extraVips = ['192.168.100.2']), 'vip-is-interface-address', 'slb.extraVips[0]'],
  ['two rules with one name', (d) => d.slb.rules.push({ ...d.slb.rules[0]!, port: 80 }), 'duplicate-id', 'slb.rules[1].name'],
  ['two rules for one VIP, protocol and port', (d) => d.slb.rules.push({ ...d.slb.rules[0]!, name: 'again' }), 'duplicate-id', 'slb.rules[1]'],
  ['a duplicate DNS record', (d) => d.dns.records.push({ ...d.dns.records[0]! }), 'duplicate-id', 'dns.records[1]'],
  ['a DNS record name with a 64-character label', (d) => (d.dns.records[0]!.name = `${'a'.repeat(64)}.azurestack.local`), 'invalid-document', 'dns.records[0].name'],
  ['a route prefix with host bits', (d) => (d.nodes[1]!.routes![0]!.prefix = '0.0.0.1/0'), 'prefix-not-aligned', 'nodes[1].routes[0].prefix'],
  ['a route via the node itself', (d) => (d.nodes[1]!.routes![0]!.via = '192.168.100.2'), 'gateway-is-self', 'nodes[1].routes[0].via'],
  ['a BGP speaker peering with itself', (d) => (d.bgp.speakers[0]!.peers[0]!.address = '192.168.100.6'), 'bgp-peer-is-self', 'bgp.speakers[0].peers[0].address'],
  ['a BGP peer with the wrong AS', (d) => (d.bgp.speakers[0]!.peers[0]!.asn = 65000), 'bgp-asn-mismatch', 'bgp.speakers[0].peers[0].asn'],
  ['NAT inside and outside on one interface', (d) => (d.nat![0]!.outside = 'inside'), 'nat-same-interface', 'nat[0].outside'],
  ['a MUX with no PA interface', (d) => (d.slb.paInterface = { HyperVHost: 'pa' }), 'unknown-reference', 'slb.muxes[0]'],
  ['an interface address with an octet over 255', (d) => (d.nodes[1]!.interfaces[0]!.address = '192.168.100.256/24'), 'invalid-document', 'nodes[1].interfaces[0].address'],
  ['an interface address with a leading zero', (d) => (d.nodes[1]!.interfaces[0]!.address = '192.168.100.02/24'), 'invalid-document', 'nodes[1].interfaces[0].address'],
  ['a 100,000-character rule name', (d) => (d.slb.rules[0]!.name = 'x'.repeat(100_000)), 'invalid-document', 'slb.rules[0].name'],
  ['a right-to-left override in a role', (d) => (d.nodes[1]!.role = 'DNS \u202Erevres'), 'invalid-document', 'nodes[1].role'],
  ['a zero-width joiner in a label', (d) => (d.networks[0]!.label = 'mg\u200Dmt'), 'invalid-document', 'networks[0].label'],
];

describe('semantic validation', () => {
  it.each(cases)('rejects %s', (_, breakIt, code, path) => {
    const doc = poc();
    breakIt(doc);
    const e = onlyError(doc);
    expect(e).toMatchObject({ code, path });
    expect(e.message.startsWith(`${path}: `)).toBe(true);
    if (code !== 'invalid-document') expect(e.message).toContain(ERROR_MESSAGES[code as keyof typeof ERROR_MESSAGES]);
  });

  it('accepts the POC, untouched', () => {
    expect(parseTopology(poc()).ok).toBe(true);
  });

  it(`lists at most ${MAX_ERRORS} errors and says how many more there are`, () => {
    const doc = poc();
    for (let i = 0; i < 200; i++) doc.networks.push({ ...doc.networks[0]!, id: `n${i}` });
    const r = parseTopology(doc);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toHaveLength(MAX_ERRORS + 1);
    expect(r.error[MAX_ERRORS]!.message).toMatch(/^and \d+ more errors: fix these first/);
  });
});
