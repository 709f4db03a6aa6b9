// A deterministic layout of a topology, computed in the engine (so in the worker, off the page's thread).
// The Hyper-V host is a box holding the networks its switch joins: the management scope above the switch,
// the other port groups below it; the VIP pool, which lives on no port, sits beside the host.
// Each VM sits in the group of its first interface's network; every NIC is an edge to the switch.
import type { LayoutBox, LayoutEdge, TopologyLayout } from '../protocol';
import type { NodeDef, Topology } from '../topology/schema';

export const NODE_W = 190;
export const NODE_H = 84;
const GAP = 26;
const PAD = 20;
const HEADER = 40;
const SWITCH_H = 64;
const MAX_COLS = 5;
const MIN_GROUP_W = 330;

/** Box ids: a node keeps its own id; containers are prefixed so they never clash with node ids. */
export const hostBoxId = (id: string) => `host:${id}`;
export const networkBoxId = (id: string) => `net:${id}`;
export const vipBoxId = (address: string) => `vip:${address}`;

interface Grid {
  readonly width: number;
  readonly height: number;
  readonly cells: readonly { x: number; y: number }[];
}

/**
 * Rows of cells; odd rows are shifted by half a cell so that the vertical NIC lines from the row above
 * pass through the gaps between the nodes below instead of through them.
 */
function grid(count: number, cols: number, minWidth = MIN_GROUP_W): Grid {
  const c = Math.max(1, Math.min(cols, count));
  const rows = Math.max(1, Math.ceil(count / c));
  const stagger = rows > 1 && c > 1 ? (NODE_W + GAP) / 2 : 0;
  const cells = Array.from({ length: count }, (_, i) => ({
    x: PAD + (i % c) * (NODE_W + GAP) + (Math.floor(i / c) % 2 === 1 ? stagger : 0),
    y: HEADER + Math.floor(i / c) * (NODE_H + GAP * 2),
  }));
  const width = Math.max(minWidth, PAD * 2 + c * NODE_W + (c - 1) * GAP + stagger);
  return { width, height: HEADER + rows * NODE_H + (rows - 1) * GAP * 2 + PAD, cells };
}

export function layoutTopology(t: Topology): TopologyLayout {
  const boxes: LayoutBox[] = [];
  const edges: LayoutEdge[] = [];
  const hostId = hostBoxId(t.switch.host);
  const vms = t.nodes.filter((n) => n.kind === 'vm');
  const host = t.nodes.find((n) => n.id === t.switch.host);

  const members = new Map<string, NodeDef[]>(t.networks.map((n) => [n.id, []]));
  for (const vm of vms) {
    const first = vm.interfaces[0];
    if (first) members.get(first.network)?.push(vm);
  }
  // The host's own ports (its PA) are drawn as a node in their network, so VXLAN has somewhere to land.
  const hostPorts = host ? host.interfaces.filter((f) => t.networks.find((n) => n.id === f.network)?.kind === 'pa') : [];
  if (host && hostPorts[0]) members.get(hostPorts[0].network)?.push(host);

  const onPorts = t.networks.filter((n) => n.kind !== 'vip' && n.kind !== 'outside');
  const [top, ...bottom] = [
    ...onPorts.filter((n) => n.kind === 'management'),
    ...onPorts.filter((n) => n.kind !== 'management'),
  ];
  const bottomNonEmpty = bottom.filter((n) => (members.get(n.id) ?? []).length > 0);

  const topGrid = grid(top ? (members.get(top.id) ?? []).length : 0, MAX_COLS);
  const bottomGrids = bottomNonEmpty.map((n) => grid((members.get(n.id) ?? []).length, 3));
  const bottomWidth = bottomGrids.reduce((w, g) => w + g.width, 0) + GAP * Math.max(0, bottomGrids.length - 1);
  const innerWidth = Math.max(topGrid.width, bottomWidth);
  const bottomHeight = Math.max(0, ...bottomGrids.map((g) => g.height));

  let y = HEADER;
  const place = (net: Topology['networks'][number], g: Grid, x: number, yy: number, width: number) => {
    const id = networkBoxId(net.id);
    boxes.push({ id, kind: 'network', parent: hostId, x, y: yy, width, height: g.height });
    (members.get(net.id) ?? []).forEach((node, i) => {
      const cell = g.cells[i]!;
      boxes.push({ id: node.id, kind: 'node', parent: id, x: cell.x, y: cell.y, width: NODE_W, height: NODE_H });
    });
  };
  if (top) {
    place(top, topGrid, PAD, y, innerWidth);
    y += topGrid.height + GAP * 2;
  }
  boxes.push({ id: t.switch.id, kind: 'switch', parent: hostId, x: PAD, y, width: innerWidth, height: SWITCH_H });
  y += SWITCH_H + GAP * 2;
  let x = PAD;
  bottomNonEmpty.forEach((net, i) => {
    const g = bottomGrids[i]!;
    place(net, g, x, y, g.width);
    x += g.width + GAP;
  });
  if (bottomNonEmpty.length > 0) y += bottomHeight + PAD;
  const hostBox: LayoutBox = { id: hostId, kind: 'host', x: 0, y: 0, width: innerWidth + PAD * 2, height: y };
  boxes.unshift(hostBox);

  // The VIP pool lives on no port: beside the host, one box per announced VIP.
  const vipNet = t.networks.find((n) => n.kind === 'vip');
  if (vipNet && t.slb) {
    const vips = [...t.slb.rules.map((r) => r.vip), ...t.slb.extraVips];
    const unique = [...new Set(vips)];
    const g = grid(unique.length, 1);
    const id = networkBoxId(vipNet.id);
    boxes.push({ id, kind: 'network', x: hostBox.width + GAP * 3, y: 0, width: g.width, height: g.height });
    unique.forEach((vip, i) => {
      const cell = g.cells[i]!;
      boxes.push({ id: vipBoxId(vip), kind: 'node', parent: id, x: cell.x, y: cell.y, width: NODE_W, height: NODE_H });
    });
  }

  for (const node of [...vms, ...(host ? [host] : [])]) {
    for (const iface of node.interfaces) {
      const net = t.networks.find((n) => n.id === iface.network);
      if (!net || net.kind === 'outside' && node.kind === 'host') continue;
      edges.push({
        id: `nic:${node.id}:${iface.id}`,
        kind: 'nic',
        source: node.id,
        target: t.switch.id,
        interface: iface.id,
        label: iface.address,
      });
    }
  }

  if (t.bgp) {
    const ownerOf = new Map<string, string>();
    for (const node of t.nodes) for (const f of node.interfaces) ownerOf.set(f.address.split('/')[0]!, node.id);
    const seen = new Set<string>();
    for (const s of t.bgp.speakers) {
      for (const p of s.peers) {
        const peer = ownerOf.get(p.address);
        if (!peer) continue;
        const key = [s.node, peer].sort().join('|');
        if (seen.has(key)) continue;
        seen.add(key);
        edges.push({ id: `bgp:${key}`, kind: 'bgp', source: s.node, target: peer, label: `eBGP AS${s.asn} ↔ AS${p.asn}` });
      }
    }
  }
  return { boxes, edges };
}
