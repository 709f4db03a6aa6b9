import { describe, expect, it } from 'vitest';
import type { LayoutBox, LayoutEdge } from '../../src-engine/protocol';
import { bulkInTasks, busBands, busLines, minimapPaths } from './bulkLayers';
import type { NicAnchor } from './geometry';

const boxes: LayoutBox[] = [
  { id: 'host', kind: 'host', x: 10, y: 20, width: 400, height: 300 },
  { id: 'net:a', kind: 'network', parent: 'host', x: 10, y: 10, width: 200, height: 100 },
  { id: 'sw', kind: 'switch', parent: 'host', x: 0, y: 150, width: 400, height: 10 },
  { id: 'vm1', kind: 'node', parent: 'net:a', x: 5, y: 30, width: 50, height: 20 },
  { id: 'vm2', kind: 'node', parent: 'net:a', x: 105, y: 30, width: 50, height: 20 },
];
const edges: LayoutEdge[] = [
  { id: 'e2', kind: 'nic', source: 'vm2', target: 'sw', interface: 'eth0' },
  { id: 'e1', kind: 'nic', source: 'vm1', target: 'sw', interface: 'eth0' },
  { id: 'b', kind: 'bgp', source: 'vm1', target: 'vm2' },
];
const anchors: Record<string, NicAnchor> = {
  'vm1:eth0': { x: 50, yNode: 80, ySwitch: 170, above: true },
  'vm2:eth0': { x: 150, yNode: 80, ySwitch: 170, above: true },
};

describe('the bulk layers of a large topology', () => {
  it('draws each NIC drop once, left to right, and bands of 32 drops per path', () => {
    const lines = busLines(edges, (node, iface) => anchors[`${node}:${iface}`]);
    expect(lines).toEqual([
      { id: 'nic:vm1:eth0', x: 50, y1: 80, y2: 170 },
      { id: 'nic:vm2:eth0', x: 150, y1: 80, y2: 170 },
    ]);
    expect(busBands(lines)).toEqual(['M50 80V170M150 80V170']);
    const many = Array.from({ length: 33 }, (_, i) => ({ id: `n${i}`, x: i, y1: 0, y2: 1 }));
    expect(busBands(many).map((d) => d.split('M').length - 1)).toEqual([32, 1]);
  });

  it('draws the minimap as a path per kind, boxes made absolute, and the bounds of all', () => {
    const { paths, bounds } = minimapPaths(boxes);
    expect(paths).toEqual([
      ['host', 'M10 20h400v300h-400z'],
      ['network', 'M20 30h200v100h-200z'],
      ['switch', 'M10 170h400v10h-400z'],
      ['device', 'M25 60h50v20h-50zM125 60h50v20h-50z'],
    ]);
    expect(bounds).toEqual({ x: 10, y: 20, width: 400, height: 300 });
  });

  it('computes them a piece per task, starting after a yield, each piece after one', async () => {
    const log: string[] = [];
    const bulk = await bulkInTasks(
      { layout: { boxes, edges } },
      (node, iface) => {
        log.push(`nic ${node}`);
        return anchors[`${node}:${iface}`];
      },
      async () => {
        log.push('yield');
      },
    );
    // Nothing before the first yield; the drops, their bands and the minimap each in a task of its own.
    expect(log).toEqual(['yield', 'nic vm2', 'nic vm1', 'yield', 'yield']);
    expect(bulk.bands).toEqual(['M50 80V170M150 80V170']);
    expect(bulk.byId.get('nic:vm2:eth0')).toEqual({ id: 'nic:vm2:eth0', x: 150, y1: 80, y2: 170 });
    expect(bulk.minimap.bounds).toEqual({ x: 10, y: 20, width: 400, height: 300 });
  });
});
