import { describe, expect, it } from 'vitest';
import type { Layer } from '../../src-engine/packets/layers';
import { synAtClient, synAtMux, vxlanSyn } from '../../src-engine/packets/samples';
import { diffLayers, flatten } from './diffLayers';

const at = (layers: Layer[], type: Layer['type'], nth = 0) => layers.filter((l) => l.type === type)[nth]!;

describe('diffLayers', () => {
  it('a router hop: new MACs, TTL down by one, nothing added or removed', () => {
    const before = synAtClient();
    const after = synAtMux();
    const d = diffLayers(before, after);
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
    expect(d.changes).toContainEqual({ layerIndex: 1, field: 'ttl', before: '128', after: '126' });
    expect(d.changes.map((c) => `${c.layerIndex}:${c.field}`)).toEqual(expect.arrayContaining(['0:src', '0:dst']));
    expect(d.changes.some((c) => c.field === 'dst' && c.layerIndex === 1)).toBe(false);
  });

  it('the MUX: outer Ethernet, IPv4, UDP and VXLAN added around the same inner packet', () => {
    const d = diffLayers(synAtMux(), vxlanSyn());
    expect(d.added).toEqual([0, 1, 2, 3]);
    expect(d.removed).toEqual([]);
    // The inner IPv4 (index 5) is unchanged; only the inner destination MAC was set to the DIP's.
    expect(d.changes).toEqual([{ layerIndex: 4, field: 'dst', before: '00:15:5d:64:00:06', after: '00:15:5d:64:00:09' }]);
  });

  it('the host: outer headers removed, destination VIP rewritten to the DIP', () => {
    const vx = vxlanSyn();
    const inner = vx.slice(4);
    const ip = at(inner, 'ipv4') as Extract<Layer, { type: 'ipv4' }>;
    const delivered: Layer[] = [inner[0]!, { ...ip, dst: '192.168.100.9' }, inner[2]!];
    const d = diffLayers(vx, delivered);
    expect(d.removed).toEqual(['Ethernet II', 'IPv4', 'UDP', 'VXLAN']);
    expect(d.added).toEqual([]);
    expect(d.changes).toEqual([{ layerIndex: 1, field: 'dst', before: '192.168.133.74', after: '192.168.100.9' }]);
  });

  it('does not mutate its inputs', () => {
    const a = synAtClient();
    const b = synAtMux();
    const snapshot = JSON.stringify([a, b]);
    diffLayers(a, b);
    expect(JSON.stringify([a, b])).toBe(snapshot);
  });

  it('flattens nested values to dotted paths, as field spans name them', () => {
    const tcp = at(synAtClient(), 'tcp');
    const flat = flatten(tcp);
    expect(flat.get('flags.syn')).toBe('true');
    expect(flat.has('type')).toBe(false);
    expect(flatten({ type: 'raw', data: new Uint8Array([1, 255]) }).get('data')).toBe('01 ff');
  });
});
