import { describe, expect, it } from 'vitest';
import type { Transmission } from '../../src-engine/protocol';
import type { Geometry } from '../diagram/geometry';
import { pointAt, transmissionPath, truncate } from './tokenPath';
import { nodeId } from '../../src-engine/view/ids';

const geo: Geometry = {
  switchId: 'SW',
  switchMidY: 300,
  wires: () => [],
  overlayText: () => [],
  devices: () => [],
  bounds: undefined,
  box: (id) => (id === 'SW' ? { x: 0, y: 280, width: 1000, height: 40 } : undefined),
  nic: (node, iface) =>
    node === 'A' && iface === 'eth0' ? { x: 100, yNode: 200, ySwitch: 280, above: true } : node === 'B' && iface === 'eth0' ? { x: 400, yNode: 400, ySwitch: 320, above: false } : undefined,
  port: (id) => (id === 'B.eth0' ? { node: 'B', iface: 'eth0' } : id === 'A.eth0' ? { node: 'A', iface: 'eth0' } : undefined),
  vfpX: 500,
  tunnel: (node, iface) => (node === 'A' && iface === 'eth0' ? { points: [{ x: 120, y: 100 }, { x: 500, y: 100 }, { x: 500, y: 290 }] } : undefined),
};

const tx = (t: Partial<Transmission>): Transmission => ({ id: 1, time: 0, arrive: 20, fromNode: nodeId('A'), fromInterface: 'eth0', toNode: nodeId('SW'), toInterface: 'A.eth0', protocol: 'tcp', summary: '', bytes: new Uint8Array(), ...t });

describe('transmissionPath', () => {
  it("runs a VM's frame down its drop into the switch", () => {
    // To the bar's edge, the label resting above it, on the sender's side, clear of the bar's labels.
    expect(transmissionPath(geo, tx({}))).toEqual({ points: [{ x: 100, y: 200 }, { x: 100, y: 280 }], lost: false, anchor: 'above', fromNode: true });
  });

  it('runs a frame out of the switch from the port it came in by, along the bar, then up to the VM', () => {
    const p = transmissionPath(geo, tx({ fromNode: nodeId('SW'), fromInterface: 'B.eth0', toNode: nodeId('B'), toInterface: 'eth0' }), 100);
    // Along the bar's lower edge (off the switch's name), on the side of the port it leaves by.
    expect(p?.points).toEqual([{ x: 100, y: 320 }, { x: 400, y: 320 }, { x: 400, y: 400 }]);
    expect(p?.toNode).toBe(true);
    // B sits below the switch: the label rests above B's box, not over it.
    expect(p?.anchor).toBe('above');
    expect(transmissionPath(geo, tx({ fromNode: nodeId('SW'), fromInterface: 'A.eth0', toNode: nodeId('A'), toInterface: 'eth0' }))?.anchor).toBe('below');
  });

  it('runs a VXLAN frame through the tunnel to the host PA and into VFP, not down its drop', () => {
    // It rests at the bar's edge where the host's drop meets it, outside the bar and VFP's label.
    expect(transmissionPath(geo, tx({ protocol: 'vxlan' }))).toEqual({ points: [{ x: 120, y: 100 }, { x: 500, y: 100 }, { x: 500, y: 280 }], lost: false, anchor: 'above', fromNode: true });
    expect(transmissionPath(geo, tx({ protocol: 'vxlan', fromNode: nodeId('B') }))?.points).toEqual([{ x: 400, y: 400 }, { x: 400, y: 320 }]);
  });

  it('stops a lost frame part way', () => {
    const p = transmissionPath(geo, tx({ toNode: undefined, toInterface: undefined }));
    expect(p).toEqual({ points: [{ x: 100, y: 200 }, { x: 100, y: 240 }], lost: true, anchor: 'center', fromNode: true });
  });

  it('draws nothing for a node that is not on the diagram', () => {
    expect(transmissionPath(geo, tx({ fromNode: nodeId('Z') }))).toBeUndefined();
  });
});

describe('pointAt and truncate', () => {
  const path = [{ x: 0, y: 0 }, { x: 100, y: 0 }, { x: 100, y: 100 }];
  it('walks the path by length', () => {
    expect(pointAt(path, 0)).toEqual({ x: 0, y: 0 });
    expect(pointAt(path, 0.25)).toEqual({ x: 50, y: 0 });
    expect(pointAt(path, 0.75)).toEqual({ x: 100, y: 50 });
    expect(pointAt(path, 1)).toEqual({ x: 100, y: 100 });
    expect(pointAt([], 0.5)).toEqual({ x: 0, y: 0 });
  });
  it('cuts a path', () => {
    expect(truncate(path, 0.75)).toEqual([{ x: 0, y: 0 }, { x: 100, y: 0 }, { x: 100, y: 50 }]);
  });
});
