import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  announceEdgeId, bgpEdgeId, deviceOfBox, dipEdgeId, endpoint, hostBoxId, interfaceId, isInterfaceIdForm, networkBoxId, nicEdgeId,
  nodeId, portBoxId, portId, portReader, readBoxId, readEndpoint, readInterfaceId, readNodeId, tunnelEdgeId, vfpBoxId, vipBoxId,
} from './ids';

describe('node ids', () => {
  it('are a node\'s name; read from outside only when they have a name\'s form', () => {
    expect(nodeId('MuxVM')).toBe('MuxVM');
    expect(['MuxVM', 'CCI_External_vSwitch', 'a.b-c'].map(readNodeId)).toEqual(['MuxVM', 'CCI_External_vSwitch', 'a.b-c']);
    for (const bad of ['', 'vip:192.168.133.74', 'host:HyperVHost', 'MuxVM:pa', '1MuxVM', 'Mux VM', 'a'.repeat(64)]) expect(readNodeId(bad)).toBeUndefined();
  });
});

describe('interface ids', () => {
  it('read back what they were built from; a bare node reads as the node alone', () => {
    expect(interfaceId('MuxVM', 'pa')).toBe('MuxVM:pa');
    expect(readInterfaceId(interfaceId('Mux.VM-2', 'p.a'))).toEqual({ node: 'Mux.VM-2', iface: 'p.a' });
    expect(readInterfaceId('MuxVM')).toEqual({ node: 'MuxVM' });
  });

  it('refuse an empty part or a third one', () => {
    for (const bad of ['', ':pa', 'MuxVM:', 'a:b:c']) expect(readInterfaceId(bad)).toBeUndefined();
    expect(['MuxVM', 'MuxVM:pa', 'MuxVM:', '1MuxVM', 'MuxVM:p a', `${'a'.repeat(64)}`].map(isInterfaceIdForm)).toEqual([true, true, false, false, false, false]);
  });
});

describe('switch port ids', () => {
  const read = portReader([
    { id: 'a', interfaces: [{ id: 'b.c' }] },
    { id: 'a.b', interfaces: [{ id: 'c' }, { id: 'd' }] },
    { id: 'PortalVM', interfaces: [{ id: 'eth0' }] },
  ]);

  it('are read through the topology, so a "." in a name reads back right', () => {
    expect(portId('PortalVM', 'eth0')).toBe('PortalVM.eth0');
    expect(read(portId('PortalVM', 'eth0'))).toEqual({ node: 'PortalVM', iface: 'eth0' });
    expect(read(portId('a.b', 'd'))).toEqual({ node: 'a.b', iface: 'd' });
    expect(read('PortalVM.eth1')).toBeUndefined();
  });

  it('give an id two NICs would share to the longer node id', () => {
    expect(read('a.b.c')).toEqual({ node: 'a.b', iface: 'c' });
  });
});

describe('box ids', () => {
  it('read back to what each builder was given', () => {
    expect(readBoxId(hostBoxId('HyperVHost'))).toEqual({ kind: 'host', node: 'HyperVHost' });
    expect(readBoxId(networkBoxId('transit'))).toEqual({ kind: 'network', network: 'transit' });
    expect(readBoxId(vipBoxId('192.168.133.74'))).toEqual({ kind: 'vip', vip: '192.168.133.74' });
    expect(readBoxId(portBoxId('MuxVM', 'pa'))).toEqual({ kind: 'port', node: 'MuxVM', iface: 'pa' });
    expect(readBoxId(vfpBoxId('CCI_External_vSwitch'))).toEqual({ kind: 'vfp', switchId: 'CCI_External_vSwitch' });
    expect(readBoxId('MuxVM')).toEqual({ kind: 'node', node: 'MuxVM' });
  });

  it('act for their device: a port box for the node that owns the NIC', () => {
    expect([portBoxId('MuxVM', 'pa'), 'MuxVM', vipBoxId('192.168.133.74')].map(deviceOfBox)).toEqual(['MuxVM', 'MuxVM', 'vip:192.168.133.74']);
  });

  it('name wires the same whichever way a BGP session is named', () => {
    expect(bgpEdgeId('MuxVM', 'BGPVM')).toBe(bgpEdgeId('BGPVM', 'MuxVM'));
    expect([nicEdgeId('MuxVM', 'pa'), tunnelEdgeId('MuxVM', 'HyperVHost'), announceEdgeId('192.168.133.74', 'MuxVM'), dipEdgeId('192.168.133.74', 'PortalVM')]).toEqual([
      'nic:MuxVM:pa', 'tunnel:MuxVM:HyperVHost', 'announce:192.168.133.74:MuxVM', 'dip:192.168.133.74:PortalVM',
    ]);
  });
});

describe('endpoints', () => {
  it('read back their address and port', () => {
    expect(readEndpoint(endpoint('192.168.133.74', 443))).toEqual({ address: '192.168.133.74', port: 443 });
    expect(readEndpoint('192.168.133.74')).toEqual({ address: '192.168.133.74' });
  });
});

/** Every source file of the engine and the page, tests aside. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

describe('one builder and one reader per id', () => {
  it('no other file joins or splits an id by hand', () => {
    const root = new URL('../../', import.meta.url).pathname;
    const byHand = [
      /split\(':'\)|[iI]ndexOf\(':'\)/,
      /`(port|vip|vfp|host|net|nic|bgp|tunnel|announce|dip):\$\{/,
      /startsWith\('(port|vip|vfp|host|net|nic|bgp|tunnel):'\)/,
      /`\$\{[\w.]+\}[.:]\$\{[\w.]*([iI]face|[iI]nterface)\w*\}`/,
      // A branded id is made by its builder, never by a cast.
      /as (NodeId|InterfaceId|PortId)\b/,
    ];
    const found = [...sources(join(root, 'src-engine')), ...sources(join(root, 'web'))]
      .filter((f) => !f.endsWith('src-engine/view/ids.ts'))
      .flatMap((f) => readFileSync(f, 'utf8').split('\n').flatMap((line, i) => (byHand.some((re) => re.test(line)) ? [`${relative(root, f)}:${i + 1}: ${line.trim()}`] : [])));
    expect(found).toEqual([]);
  });
});
