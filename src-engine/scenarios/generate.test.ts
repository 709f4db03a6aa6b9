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
});
