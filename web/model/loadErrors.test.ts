import { describe, expect, it } from 'vitest';
import { parseTopology } from '../../src-engine/topology/validate';
import { POC_TOPOLOGY } from '../../src-engine/scenarios/poc';
import { errorLines } from './loadErrors';

describe('errorLines', () => {
  it('lists every error once, the path beside the message and not inside it', () => {
    const doc = structuredClone(POC_TOPOLOGY) as { nodes: { interfaces: { mac: string; address: string }[] }[]; bgp: { holdTime: number } };
    doc.nodes[1]!.interfaces[0]!.mac = 'nope';
    doc.bgp.holdTime = 1;
    const r = parseTopology(doc);
    if (r.ok) throw new Error('should fail');
    const lines = errorLines([...r.error, ...r.error]);
    expect(lines.map((l) => l.path)).toEqual(['nodes[1].interfaces[0].mac', 'bgp.holdTime']);
    for (const l of lines) expect(l.text.startsWith(l.path!)).toBe(false);
  });

  it('keeps a message with no path whole', () => {
    expect(errorLines([{ code: 'invalid-json', message: 'Unexpected token' }])).toEqual([{ path: undefined, text: 'Unexpected token' }]);
  });
});
