// Turns the engine's layout into React Flow nodes and edges. Pure, so it can be tested without a DOM.
import type { Edge, Node } from '@xyflow/react';
import type { TopologySnapshot } from '../../src-engine/protocol';
import type { NetworkDef, NodeDef, Topology } from '../../src-engine/topology/schema';

export type VmData = { kind: 'vm'; node: NodeDef; networks: readonly NetworkDef[] };
export type GroupData = { kind: 'network'; network: NetworkDef } | { kind: 'host'; node: NodeDef | undefined; title: string };
export type SwitchData = { kind: 'switch'; sw: Topology['switch']; paAddress: string | undefined };
export type VipData = { kind: 'vip'; vip: string; rule: NonNullable<Topology['slb']>['rules'][number] | undefined };
export type FlowNodeData = VmData | GroupData | SwitchData | VipData;
export type FlowNode = Node<FlowNodeData>;

/** Each box's y in flow coordinates (its parents' offsets added). */
function absoluteY(snapshot: TopologySnapshot): Map<string, number> {
  const byId = new Map(snapshot.layout.boxes.map((b) => [b.id, b]));
  const memo = new Map<string, number>();
  const y = (id: string): number => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const box = byId.get(id);
    const value = box ? box.y + (box.parent ? y(box.parent) : 0) : 0;
    memo.set(id, value);
    return value;
  };
  for (const b of snapshot.layout.boxes) y(b.id);
  return memo;
}

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
      ...(box.parent ? { parentId: box.parent, extent: 'parent' as const } : {}),
    };
    switch (box.kind) {
      case 'host': {
        const node = nodesById.get(box.id.replace(/^host:/, ''));
        return { ...common, type: 'host', selectable: false, draggable: false, data: { kind: 'host', node, title: `${node?.id ?? box.id}: Hyper-V host` } };
      }
      case 'network': {
        const network = nets.get(box.id.replace(/^net:/, ''))!;
        return { ...common, type: 'network', selectable: false, draggable: false, data: { kind: 'network', network } };
      }
      case 'switch': {
        const host = nodesById.get(t.switch.host);
        const pa = host?.interfaces.find((f) => nets.get(f.network)?.kind === 'pa');
        return { ...common, type: 'switch', draggable: false, data: { kind: 'switch', sw: t.switch, paAddress: pa?.address } };
      }
      case 'node': {
        if (box.id.startsWith('vip:')) {
          const vip = box.id.slice(4);
          return { ...common, type: 'vip', draggable: false, data: { kind: 'vip', vip, rule: t.slb?.rules.find((r) => r.vip === vip) } };
        }
        const node = nodesById.get(box.id)!;
        const networks = node.interfaces.map((f) => nets.get(f.network)).filter((n): n is NetworkDef => n !== undefined);
        return { ...common, type: 'vm', draggable: false, data: { kind: 'vm', node, networks } };
      }
    }
  });
  const absY = absoluteY(snapshot);
  const edges: Edge[] = snapshot.layout.edges.map((e) => {
    if (e.kind === 'bgp') {
      return { id: e.id, source: e.source, target: e.target, sourceHandle: 'bgp', targetHandle: 'bgp', type: 'default', className: 'edge-bgp', label: e.label, data: { kind: e.kind } };
    }
    // NIC edges run vertically between the VM and the switch, like ports on a bus: the VM's bottom
    // handle when it sits above the switch, its top handle when below.
    const above = (absY.get(e.source) ?? 0) < (absY.get(e.target) ?? 0);
    const nics = nodesById.get(e.source)?.interfaces ?? [];
    const index = nics.findIndex((f) => f.id === e.interface);
    // A node with several NICs gets one line per NIC, side by side.
    const offset = nics.length > 1 ? (index - (nics.length - 1) / 2) * 28 : 0;
    return above
      ? { id: e.id, source: e.source, target: e.target, sourceHandle: 'bottom', targetHandle: 'top', type: 'bus', className: 'edge-nic', data: { kind: e.kind, vmEnd: 'source', offset, interface: e.interface, address: e.label } }
      : { id: e.id, source: e.target, target: e.source, sourceHandle: 'bottom', targetHandle: 'top', type: 'bus', className: 'edge-nic', data: { kind: e.kind, vmEnd: 'target', offset, interface: e.interface, address: e.label } };
  });
  return { nodes, edges };
}
