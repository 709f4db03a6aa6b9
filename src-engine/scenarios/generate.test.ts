import { describe, expect, it } from 'vitest';
import { ipToU32 } from '../net/addr';
import { runFlows } from '../run/flows';
import { parseTopology } from '../topology/validate';
import { generateTopology } from './generate';

describe('generateTopology', () => {
  it('produces a valid topology, the same for the same seed', () => {
    const doc = generateTopology({ vms: 300, vips: 20, seed: 3 });
    const t = parseTopology(doc);
    expect(t.ok).toBe(true);
    expect(JSON.stringify(generateTopology({ vms: 300, vips: 20, seed: 3 }))).toBe(JSON.stringify(doc));
    expect(doc.nodes.length).toBe(303);
    expect(doc.slb?.rules.length).toBe(20);
  });

  it('carries flows end to end through router, MUX and VFP', () => {
    const t = parseTopology(generateTopology({ vms: 40, vips: 5, seed: 1 }));
    if (!t.ok) throw new Error('invalid');
    const vip = ipToU32(t.value.slb!.rules[0]!.vip);
    const flows = Array.from({ length: 10 }, (_, i) => ({ from: `Client${i}`, to: vip, port: 443, at: 1_000_000 + i * 100 }));
    const r = runFlows(t.value, flows, 1, { full: false });
    expect(r.established).toBe(10);
    expect(r.events).toBeGreaterThan(10 * 16);
  });

  it('puts VMs in /24 subnets of at most 250, each a VLAN of its own, every one routed by BGPVM', () => {
    const doc = generateTopology({ vms: 2000, vips: 10, seed: 1 });
    const t = parseTopology(doc);
    if (!t.ok) throw new Error(t.error.map((e) => e.message).join('\n'));
    const subnets = t.value.networks.filter((n) => /^(servers|clients)\d+$/.test(n.id));
    expect(subnets.length).toBe(8);
    expect(new Set(subnets.map((n) => n.vlan)).size).toBe(8);
    const router = t.value.nodes.find((n) => n.id === 'BGPVM')!;
    for (const n of subnets) {
      expect(n.prefix).toMatch(/\/24$/);
      const members = t.value.nodes.filter((d) => d.id !== 'BGPVM' && d.interfaces.some((f) => f.network === n.id));
      expect(members.length).toBeLessThanOrEqual(250);
      const gateway = router.interfaces.find((f) => f.network === n.id)!.address.split('/')[0];
      expect(gateway).toBe(n.prefix.replace(/0\/24$/, '1'));
      for (const m of members) expect(m.routes).toEqual([{ prefix: '0.0.0.0/0', via: gateway, metric: 0, prov: m.prov }]);
    }
  });

  it('gives the flat layout of one subnet per kind of VM when asked for big subnets', () => {
    const t = parseTopology(generateTopology({ vms: 4000, vips: 10, seed: 1, hostsPerSubnet: 2000 }));
    if (!t.ok) throw new Error('invalid');
    expect(t.value.networks.filter((n) => /^(servers|clients)\d+$/.test(n.id)).map((n) => n.prefix)).toEqual(['10.1.0.0/21', '10.2.0.0/21']);
  });
});
