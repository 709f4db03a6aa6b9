import { describe, expect, it } from 'vitest';
import type { TopologyLayout } from '../../src-engine/protocol';
import { highlightCss, highlightIds } from './highlightCss';

const layout: TopologyLayout = {
  boxes: [
    { id: 'MuxVM', kind: 'node', x: 0, y: 0, width: 1, height: 1 },
    { id: 'port:MuxVM:pa', kind: 'port', x: 0, y: 0, width: 1, height: 1, owner: 'MuxVM', interface: 'pa' },
    { id: 'port:HyperVHost:pa', kind: 'port', x: 0, y: 0, width: 1, height: 1, owner: 'HyperVHost', interface: 'pa' },
    { id: 'vfp:SW', kind: 'vfp', x: 0, y: 0, width: 1, height: 1 },
  ],
  edges: [{ id: 'tunnel:MuxVM:HyperVHost', kind: 'tunnel', source: 'port:MuxVM:pa', target: 'port:HyperVHost:pa' }],
};

describe('highlightIds', () => {
  it("lights a device's ports with it", () => {
    expect(highlightIds({ nodes: ['MuxVM'], edges: [], legs: [] }, layout)).toEqual({ nodes: ['MuxVM', 'port:MuxVM:pa'], edges: [] });
  });

  it('expands the vxlan leg to the tunnel, both PAs and VFP', () => {
    expect(highlightIds({ nodes: [], edges: [], legs: ['vxlan'] }, layout)).toEqual({
      nodes: ['port:HyperVHost:pa', 'port:MuxVM:pa', 'vfp:SW'],
      edges: ['tunnel:MuxVM:HyperVHost'],
    });
  });
});

describe('highlightCss', () => {
  it('writes nothing without a highlight', () => {
    expect(highlightCss(undefined, layout)).toBe('');
  });

  it('quotes ids in attribute selectors, so a VIP address or a BGP pair id stays one selector', () => {
    const css = highlightCss({ nodes: ['vip:192.168.133.74'], edges: ['bgp:BGPVM|MuxVM'], legs: ['return'] }, layout);
    expect(css).toContain('.react-flow__node[data-id="vip:192.168.133.74"] > div { outline');
    expect(css).toContain('.react-flow__edge[data-id="bgp:BGPVM|MuxVM"] path { stroke: var(--highlight)');
    expect(css).toContain('.trail-back { stroke-width: 7');
  });
});
