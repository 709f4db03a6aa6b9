// Turns the engine's layout into React Flow nodes and edges. Pure, so it can be tested without a DOM.
// The arrays it returns stay the same for a topology: highlights come from the store, per node.
import type { Edge, Node } from '@xyflow/react';
import type { TopologySnapshot } from '../../src-engine/protocol';
import type { NetworkDef, NodeDef, Topology } from '../../src-engine/topology/schema';
import { hostBoxId, interfaceId, linkVlanText, MAX_SESSION_ROWS, networkVlan, PORT_DROP_X, readBoxId } from '../../src-engine/view/index';
import { absoluteBoxes, createGeometry, nicOffset, tieRoute, type Geometry, type Rect } from './geometry';

/** `handles`: false for a VM of a large topology that no drawn edge ends at (its NIC drops are drawn in bulk). */
/** `below`: the VM sits below the switch (its badges hang under it, away from its wire). */
export type VmData = { kind: 'vm'; node: NodeDef; networks: readonly NetworkDef[]; label: string; handles: boolean; below: boolean };
export type GroupData = { kind: 'network'; network: NetworkDef; titleAt?: 'bottom'; /** The title wraps within this width (see the layout's titleWidth). */ titleWidth?: number } | { kind: 'host'; node: NodeDef | undefined; title: string };
export type SwitchData = { kind: 'switch'; sw: Topology['switch']; paAddress: string | undefined; label: string };
export type VipData = { kind: 'vip'; vip: string; rule: NonNullable<Topology['slb']>['rules'][number] | undefined; muxes: readonly string[]; dips: readonly string[]; label: string };
/** A NIC drawn in its own network, away from its node (MuxVM's PA NIC, the host's PA). */
export type PortData = { kind: 'port'; owner: NodeDef; iface: NodeDef['interfaces'][number]; network: NetworkDef | undefined; isHost: boolean; label: string };
export type VfpData = { kind: 'vfp' };
export type FlowNodeData = VmData | GroupData | SwitchData | VipData | PortData | VfpData;
export type FlowNode = Node<FlowNodeData>;
/** A link's VLAN tag: its texts, its tooltip (with the id's provenance) and whether the id is illustrative. */
export type LinkVlan = { full: string; short: string; title: string; illustrative: boolean };
export type BusEdgeData = {
  kind: 'nic';
  vmEnd: 'source' | 'target';
  offset: number;
  interface: string | undefined;
  address: string | undefined;
  vlan?: LinkVlan;
  /** The least room between two wires on a side of the switch (for the tag's text). */
  room: number;
};
/** `title`: where the host's title starts (its band's left, in flow units) and how many characters it has: the label keeps right of it. */
/**
 * A BGP session's arc: `row`, its label's row in the host's title band counted up from the lowest (the nearest
 * pair's session lowest, so its arc rises least), of `rows`; the host's title shares the top row.
 */
export type BgpEdgeData = { kind: 'bgp'; label: string; row: number; rows: number; title?: { x: number; chars: number }; /** From the speakers' tops to their group's top (its title band and badge lane: larger when its title wraps). */ above?: number };
/** The VXLAN tunnel: drawn along fixed points (the same ones the token follows). */
export type TunnelEdgeData = { kind: 'tunnel'; labelled: boolean; vni: number | undefined; points: readonly { x: number; y: number }[] };
/** A VIP's tie to a MUX announcing it or to a DIP behind it. */
export type TieEdgeData = { kind: 'announce' | 'dip'; label: string; /** A straight route, in flow coordinates (see tieRoute). */ points?: readonly { x: number; y: number }[] };

/**
 * Above this many boxes a topology is drawn for scale: React Flow renders only what is in view, the NIC drops
 * are one path instead of one edge each, and VMs that no other edge ends at carry no connection handles.
 */
export const LARGE_FROM = 300;
export const isLargeLayout = (boxCount: number) => boxCount > LARGE_FROM;


/** The host's title, as its box shows it. */
const hostTitle = (id: string) => `${id}: Hyper-V host`;

/** Node ids the keyboard and the context menu act on: VMs, the host and the switch (not the groups). */
export const isDeviceNode = (n: FlowNode) => n.type === 'vm' || n.type === 'switch' || n.type === 'vip' || n.type === 'port';

/**
 * `large`: drawn for scale (see LARGE_FROM), its NIC drops left out of the edges. `geo`: the snapshot's
 * geometry when the caller has it (the store's), so it is not built twice.
 */
const made = new WeakMap<TopologySnapshot, { geometry: Geometry | undefined; flow: ReturnType<typeof toFlow> }>();

/**
 * toFlow, made once per snapshot and geometry. The store makes it in a task of its own while a topology loads
 * (at 4,000 VMs it takes tens of milliseconds), so the drawing's first render only looks it up.
 */
export function flowOf(snapshot: TopologySnapshot, geometry: Geometry | undefined): ReturnType<typeof toFlow> {
  const m = made.get(snapshot);
  if (m && m.geometry === geometry) return m.flow;
  const flow = toFlow(snapshot, geometry);
  made.set(snapshot, { geometry, flow });
  return flow;
}

export function toFlow(snapshot: TopologySnapshot, geo: Geometry = createGeometry(snapshot)): { nodes: FlowNode[]; edges: Edge[]; large: boolean } {
  const t = snapshot.topology;
  const nodesById = new Map(t.nodes.map((n) => [n.id, n]));
  const nets = new Map(t.networks.map((n) => [n.id, n]));
  const large = isLargeLayout(snapshot.layout.boxes.length);
  // Every lookup below is read from a map built once: the work grows with the layout, not its square.
  const rules = new Map((t.slb?.rules ?? []).map((r) => [r.vip, r]));
  const ties = new Map<string, { muxes: string[]; dips: string[] }>();
  const attached = new Set<string>();
  for (const e of snapshot.layout.edges) {
    if (e.kind === 'nic') continue;
    attached.add(e.source).add(e.target);
    if (e.kind !== 'announce' && e.kind !== 'dip') continue;
    const tie = ties.get(e.source) ?? { muxes: [], dips: [] };
    (e.kind === 'announce' ? tie.muxes : tie.dips).push(e.target);
    ties.set(e.source, tie);
  }
  const rects = absoluteBoxes(snapshot.layout.boxes);
  // The devices' and ports' boxes, what a VIP's tie must not cross: gathered when the first tie asks.
  let boxesInWay: Rect[] | undefined;
  const devices = () => (boxesInWay ??= snapshot.layout.boxes.filter((b) => b.kind === 'node' || b.kind === 'port').map((b) => rects.get(b.id)!));
  const switchY = rects.get(t.switch.id)?.y ?? 0;
  const nodes: FlowNode[] = snapshot.layout.boxes.map((box) => {
    const common = {
      id: box.id,
      position: { x: box.x, y: box.y },
      width: box.width,
      height: box.height,
      draggable: false,
      // Devices take focus inside their own view (one Tab stop, roving tabindex: see useRoving.ts).
      focusable: false,
      ...(box.parent ? { parentId: box.parent, extent: 'parent' as const } : {}),
    };
    switch (box.kind) {
      case 'host': {
        const node = nodesById.get(box.id.replace(/^host:/, ''));
        return { ...common, type: 'host', selectable: false, data: { kind: 'host', node, title: hostTitle(node?.id ?? box.id) } };
      }
      case 'network': {
        const network = nets.get(box.id.replace(/^net:/, ''))!;
        return { ...common, type: 'network', selectable: false, ...(network.kind === 'pa' ? { className: 'underlay-group' } : {}), data: { kind: 'network', network, ...(box.titleAt ? { titleAt: box.titleAt } : {}), ...(box.titleWidth !== undefined ? { titleWidth: box.titleWidth } : {}) } };
      }
      case 'switch': {
        const host = nodesById.get(t.switch.host);
        const pa = host?.interfaces.find((f) => nets.get(f.network)?.kind === 'pa');
        return { ...common, type: 'switch', data: { kind: 'switch', sw: t.switch, paAddress: pa?.address, label: `${t.switch.id}, the Hyper-V virtual switch${t.switch.vfp ? ' with VFP' : ''}` } };
      }
      case 'node': {
        const ref = readBoxId(box.id);
        if (ref.kind === 'vip') {
          const vip = ref.vip;
          const rule = rules.get(vip);
          const { muxes, dips } = ties.get(box.id) ?? { muxes: [], dips: [] };
          const ariaLabel = `VIP ${vip}, announced by ${muxes.join(' and ') || 'no MUX'}${dips.length > 0 ? `, DIP pool ${dips.join(', ')}` : ''}`;
          return { ...common, type: 'vip', data: { kind: 'vip', vip, rule, muxes, dips, label: ariaLabel } };
        }
        const node = nodesById.get(box.id)!;
        const home = node.interfaces[0]?.network;
        const networks = node.interfaces.map((f) => nets.get(f.network)).filter((n): n is NetworkDef => n !== undefined);
        const ariaLabel = `${node.id}, ${node.role}, ${node.interfaces.map((f) => `${f.address}${f.network !== home ? ` in ${nets.get(f.network)?.label ?? f.network}` : ''}`).join(' and ')}`;
        return { ...common, type: 'vm', data: { kind: 'vm', node, networks, label: ariaLabel, handles: !large || attached.has(box.id), below: (rects.get(box.id)?.y ?? 0) > switchY } };
      }
      case 'port': {
        const owner = nodesById.get(box.owner ?? '')!;
        const iface = owner.interfaces.find((f) => f.id === box.interface)!;
        const network = nets.get(iface.network);
        const isHost = owner.kind === 'host';
        const ariaLabel = `${owner.id} ${isHost ? 'host' : ''} NIC ${iface.id}, ${iface.address} in ${network?.label ?? iface.network}`.replace('  ', ' ');
        return { ...common, type: 'port', data: { kind: 'port', owner, iface, network, isHost, label: ariaLabel } };
      }
      case 'vfp':
        return { ...common, type: 'vfp', selectable: false, data: { kind: 'vfp' } };
    }
  });
  // Each node's drawn NICs, in order, and each NIC's place among them.
  const drawnNics = new Map<string, { count: number; index: Map<string, number> }>();
  for (const e of snapshot.layout.edges) {
    if (e.kind !== 'nic' || !e.interface || e.owner) continue;
    const known = drawnNics.get(e.source) ?? { count: 0, index: new Map<string, number>() };
    if (!known.index.has(e.interface)) known.index.set(e.interface, known.count++);
    drawnNics.set(e.source, known);
  }
  const ifaces = new Map(t.nodes.flatMap((n) => n.interfaces.map((f) => [interfaceId(n.id, f.id), f] as const)));
  const boxes = new Map(snapshot.layout.boxes.map((b) => [b.id, b]));
  const firstTunnel = snapshot.layout.edges.find((x) => x.kind === 'tunnel');
  // The VLAN tags say "VLAN 1001" where that fits between every two wires on a side of the switch, else
  // "1001" (all alike, so none looks like another kind of label). A large topology draws no NIC edges.
  let room = Infinity;
  for (const above of large ? [] : [true, false]) {
    const xs = geo.wires(above, -Infinity, Infinity).map((w) => w.x);
    for (let i = 1; i < xs.length; i++) if (xs[i]! - xs[i - 1]! > 0.5) room = Math.min(room, xs[i]! - xs[i - 1]!);
  }
  const linkVlan = (net: NetworkDef | undefined): LinkVlan | undefined => {
    if (!net || net.vlan === undefined) return undefined;
    const v = networkVlan(net);
    return { full: v.text, short: String(net.vlan), title: `${v.text}: ${v.title}`, illustrative: v.prov?.mark === 'illustrative' };
  };
  // The BGP sessions' rows in the host's title band: the nearest pair lowest.
  const span = (e: { source: string; target: string }) => Math.abs((rects.get(e.source)?.x ?? 0) - (rects.get(e.target)?.x ?? 0));
  const sessionRows = snapshot.layout.edges.filter((e) => e.kind === 'bgp').sort((a, b) => span(a) - span(b) || (a.id < b.id ? -1 : 1)).map((e) => e.id);
  // A large topology's NIC drops are drawn in bulk (LargeLayers.tsx), not as edges.
  const edges = snapshot.layout.edges.filter((e) => !large || e.kind !== 'nic').map(toEdge);
  if (large) {
    // Sized by the layout, so React Flow fits the view before drawing anything and then mounts only the nodes in
    // view; a node without handles says so, or React Flow would mount every node once to look for them.
    for (const n of nodes) {
      n.measured = { width: n.width, height: n.height };
      if (n.type === 'network' || n.type === 'host' || n.type === 'vfp' || (n.data.kind === 'vm' && !n.data.handles)) n.handles = [];
    }
  }
  return { nodes, edges, large };

  function toEdge(e: TopologySnapshot['layout']['edges'][number]): Edge {
    if (e.kind === 'tunnel') {
      const from = boxes.get(e.source);
      const points = (from?.owner && from.interface ? geo.tunnel(from.owner, from.interface)?.points : undefined) ?? [];
      // One label for the tunnels: a second MUX's tunnel runs beside the first.
      const first = firstTunnel === e;
      const data: TunnelEdgeData = { kind: 'tunnel', labelled: first, vni: e.vni, points };
      return { id: e.id, source: e.source, target: e.target, type: 'tunnel', className: 'edge-tunnel', focusable: false, ariaLabel: `VXLAN tunnel ${e.source} to ${e.target}`, data };
    }
    if (e.kind === 'announce' || e.kind === 'dip') {
      const from = rects.get(e.source);
      const to = rects.get(e.target);
      const points = e.kind === 'announce' && from && to ? tieRoute(from, to, devices()) : undefined;
      const data: TieEdgeData = { kind: e.kind, label: e.label ?? '', ...(points ? { points } : {}) };
      return { id: e.id, source: e.source, target: e.target, sourceHandle: 'left', targetHandle: e.kind === 'announce' ? 'tie' : 'top', type: 'tie', className: `edge-${e.kind}`, focusable: false, ariaLabel: e.label, data };
    }
    if (e.kind === 'bgp') {
      const host = rects.get(hostBoxId(t.switch.host));
      const rows = Math.min(MAX_SESSION_ROWS, sessionRows.length);
      const row = Math.min(rows - 1, sessionRows.indexOf(e.id));
      // The speakers' group's top, from which the title rows are counted (the speakers sit lower under a wrapped title).
      const speaker = rects.get(e.source);
      const group = rects.get(boxes.get(e.source)?.parent ?? '');
      const above = speaker && group ? speaker.y - group.y : undefined;
      const data: BgpEdgeData = { kind: 'bgp', label: e.label ?? 'BGP', row, rows, ...(host ? { title: { x: host.x, chars: hostTitle(t.switch.host).length } } : {}), ...(above !== undefined ? { above } : {}) };
      // A lower session's label is drawn over the higher sessions' arcs, which pass behind it.
      return { id: e.id, source: e.source, target: e.target, sourceHandle: 'bgp', targetHandle: 'bgp', type: 'bgp', className: 'edge-bgp', focusable: false, zIndex: rows - row, ariaLabel: `BGP session ${e.source} to ${e.target}: ${data.label}`, data };
    }
    // NIC edges run vertically between the VM and the switch, like ports on a bus: the VM's bottom
    // handle when it sits above the switch, its top handle when below.
    const above = (rects.get(e.source)?.y ?? 0) < (rects.get(e.target)?.y ?? 0);
    const nics = drawnNics.get(e.source);
    const offset = e.owner ? PORT_DROP_X - (rects.get(e.source)?.width ?? 0) / 2 : nicOffset(nics?.index.get(e.interface ?? '') ?? -1, nics?.count ?? 0);
    const net = nets.get(ifaces.get(interfaceId(e.owner ?? e.source, e.interface ?? ''))?.network ?? '');
    const vlan = linkVlan(net);
    const data: BusEdgeData = { kind: 'nic', vmEnd: above ? 'source' : 'target', offset, interface: e.interface, address: e.label, room, ...(vlan ? { vlan } : {}) };
    const common = { id: e.id, type: 'bus', className: 'edge-nic', focusable: false, data, sourceHandle: 'bottom', targetHandle: 'top', ariaLabel: `${e.owner ?? e.source} ${e.interface ?? ''} on ${t.switch.id}, ${linkVlanText(net)}` };
    return above ? { ...common, source: e.source, target: e.target } : { ...common, source: e.target, target: e.source };
  }
}
