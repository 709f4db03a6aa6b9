// Turns the engine's layout into React Flow nodes and edges. Pure, so it can be tested without a DOM.
// The arrays it returns stay the same for a topology: highlights come from the store, per node.
import type { Edge, Node } from '@xyflow/react';
import type { TopologySnapshot } from '../../src-engine/protocol';
import type { NetworkDef, NodeDef, Topology } from '../../src-engine/topology/schema';
import { absoluteBoxes, nicOffset } from './geometry';

export type VmData = { kind: 'vm'; node: NodeDef; networks: readonly NetworkDef[] };
export type GroupData = { kind: 'network'; network: NetworkDef } | { kind: 'host'; node: NodeDef | undefined; title: string };
export type SwitchData = { kind: 'switch'; sw: Topology['switch']; paAddress: string | undefined };
export type VipData = { kind: 'vip'; vip: string; rule: NonNullable<Topology['slb']>['rules'][number] | undefined };
export type FlowNodeData = VmData | GroupData | SwitchData | VipData;
export type FlowNode = Node<FlowNodeData>;
export type BusEdgeData = { kind: 'nic'; vmEnd: 'source' | 'target'; offset: number; interface: string | undefined; address: string | undefined };
export type BgpEdgeData = { kind: 'bgp'; label: string };

/** Node ids the keyboard and the context menu act on: VMs, the host and the switch (not the groups). */
export const isDeviceNode = (n: FlowNode) => n.type === 'vm' || n.type === 'switch' || n.type === 'vip';

export function toFlow(snapshot: TopologySnapshot): { nodes: FlowNode[]; edges: Edge[] } {
  const t = snapshot.topology;
  const nodesById = new Map(t.nodes.map((n) => [n.id, n]));
  const nets = new Map(t.networks.map((n) => [n.id, n]));
  const nodes: FlowNode[] = snapshot.layout.boxes.map((box) => {
    const common = {
      id: box.id,
      position: { x: box.x, y: box.y },
      width: box.width,
      height: box.height,
      draggable: false,
      ...(box.parent ? { parentId: box.parent, extent: 'parent' as const } : {}),
    };
    switch (box.kind) {
      case 'host': {
        const node = nodesById.get(box.id.replace(/^host:/, ''));
        return { ...common, type: 'host', selectable: false, focusable: false, data: { kind: 'host', node, title: `${node?.id ?? box.id}: Hyper-V host` } };
      }
      case 'network': {
        const network = nets.get(box.id.replace(/^net:/, ''))!;
        return { ...common, type: 'network', selectable: false, focusable: false, data: { kind: 'network', network } };
      }
      case 'switch': {
        const host = nodesById.get(t.switch.host);
        const pa = host?.interfaces.find((f) => nets.get(f.network)?.kind === 'pa');
        return { ...common, type: 'switch', ariaLabel: `${t.switch.id}, the Hyper-V virtual switch`, data: { kind: 'switch', sw: t.switch, paAddress: pa?.address } };
      }
      case 'node': {
        if (box.id.startsWith('vip:')) {
          const vip = box.id.slice(4);
          return { ...common, type: 'vip', ariaLabel: `VIP ${vip}`, data: { kind: 'vip', vip, rule: t.slb?.rules.find((r) => r.vip === vip) } };
        }
        const node = nodesById.get(box.id)!;
        const networks = node.interfaces.map((f) => nets.get(f.network)).filter((n): n is NetworkDef => n !== undefined);
        const ariaLabel = `${node.id}, ${node.role}, ${node.interfaces.map((f) => f.address).join(' and ')}`;
        return { ...common, type: 'vm', ariaLabel, data: { kind: 'vm', node, networks } };
      }
    }
  });
  const rects = absoluteBoxes(snapshot.layout.boxes);
  const drawnNics = new Map<string, string[]>();
  for (const e of snapshot.layout.edges) if (e.kind === 'nic' && e.interface) drawnNics.set(e.source, [...(drawnNics.get(e.source) ?? []), e.interface]);
  const edges: Edge[] = snapshot.layout.edges.map((e): Edge => {
    if (e.kind === 'bgp') {
      const data: BgpEdgeData = { kind: 'bgp', label: e.label ?? 'BGP' };
      return { id: e.id, source: e.source, target: e.target, sourceHandle: 'bgp', targetHandle: 'bgp', type: 'bgp', className: 'edge-bgp', focusable: false, ariaLabel: `BGP session ${e.source} to ${e.target}: ${data.label}`, data };
    }
    // NIC edges run vertically between the VM and the switch, like ports on a bus: the VM's bottom
    // handle when it sits above the switch, its top handle when below.
    const above = (rects.get(e.source)?.y ?? 0) < (rects.get(e.target)?.y ?? 0);
    const nics = drawnNics.get(e.source) ?? [];
    const offset = nicOffset(nics.indexOf(e.interface ?? ''), nics.length);
    const data: BusEdgeData = { kind: 'nic', vmEnd: above ? 'source' : 'target', offset, interface: e.interface, address: e.label };
    const common = { id: e.id, type: 'bus', className: 'edge-nic', focusable: false, data, sourceHandle: 'bottom', targetHandle: 'top', ariaLabel: `${e.source} ${e.interface ?? ''} on ${e.target}` };
    return above ? { ...common, source: e.source, target: e.target } : { ...common, source: e.target, target: e.source };
  });
  return { nodes, edges };
}
