// A deterministic layout of a topology, computed in the engine (so in the worker, off the page's thread).
// The Hyper-V host is a box holding the networks its switch joins: the management scope above the switch,
// the other port groups below it; the VIP pool, which lives on no port, sits beside the host.
// Each VM sits in the group of its first interface's network; every NIC is an edge to the switch.
// Sized to read at 1280x800 with the app's side panels open (a diagram area of about 860 x 540 px): the
// POC is about 960 x 700 units, so the VIP pool sits above the host's right side rather than beside it,
// where it would make the drawing too wide for that area.
import type { LayoutBox, LayoutEdge, TopologyLayout } from '../protocol';
import type { NodeDef, Topology } from '../topology/schema';
import { grid, GAP, HEADER, NODE_H, NODE_W, PAD, type Grid } from './grid';

export { NODE_H, NODE_W } from './grid';
const SWITCH_H = 52;
/** Vertical room between a group and the switch, where the NIC lines drop. */
const BUS_GAP = 40;
/** Room for a group's title band: its label, VLAN and mark (about 8.4 units a character, bold 14px). */
const labelWidth = (n: Topology['networks'][number]) => Math.ceil(24 + n.label.length * 8.4 + (n.vlan !== undefined ? 64 : 0) + 40);
/** Columns for a group of this many nodes: four for the POC, wider for large generated networks. */
const columnsFor = (count: number, base: number) => (count <= base * 2 ? base : Math.ceil(Math.sqrt(count * 2.5)));

/** Box ids: a node keeps its own id; containers are prefixed so they never clash with node ids. */
export const hostBoxId = (id: string) => `host:${id}`;
export const networkBoxId = (id: string) => `net:${id}`;
export const vipBoxId = (address: string) => `vip:${address}`;

/**
 * BGP speakers go at the end of the back row, side by side, so the session arc between them has free
 * space above them (the group's header band) instead of crossing other nodes.
 */
function orderMembers(nodes: readonly NodeDef[], speakers: ReadonlySet<string>, cols: number): NodeDef[] {
  const talkers = nodes.filter((n) => speakers.has(n.id));
  if (talkers.length === 0 || talkers.length > cols || nodes.length <= cols) {
    return [...nodes.filter((n) => !speakers.has(n.id)), ...talkers];
  }
  const rest = nodes.filter((n) => !speakers.has(n.id));
  const firstRow = rest.slice(0, cols - talkers.length);
  return [...firstRow, ...talkers, ...rest.slice(firstRow.length)];
}

export function layoutTopology(t: Topology): TopologyLayout {
  const boxes: LayoutBox[] = [];
  const edges: LayoutEdge[] = [];
  const hostId = hostBoxId(t.switch.host);
  const vms = t.nodes.filter((n) => n.kind === 'vm');
  const host = t.nodes.find((n) => n.id === t.switch.host);
  const speakers = new Set(t.bgp?.speakers.map((s) => s.node) ?? []);

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

  const topMembers = top ? (members.get(top.id) ?? []) : [];
  const topCols = columnsFor(topMembers.length, 4);
  if (top) members.set(top.id, orderMembers(topMembers, speakers, topCols));
  const topGrid = grid(topMembers.length, topCols, top ? labelWidth(top) : undefined);
  const bottomGrids = bottomNonEmpty.map((n) => {
    const count = (members.get(n.id) ?? []).length;
    return grid(count, columnsFor(count, 3), labelWidth(n));
  });
  const bottomWidth = bottomGrids.reduce((w, g) => w + g.width, 0) + GAP * Math.max(0, bottomGrids.length - 1);
  const innerWidth = Math.max(topGrid.width, bottomWidth);
  const bottomHeight = Math.max(0, ...bottomGrids.map((g) => g.height));

  // The VIP pool lives on no port: beside the host, above its right side, one box per announced VIP,
  // in a row.
  const vipNet = t.networks.find((n) => n.kind === 'vip');
  const vips = vipNet && t.slb ? [...new Set([...t.slb.rules.map((r) => r.vip), ...t.slb.extraVips])] : [];
  const vipGrid = vipNet && vips.length > 0 ? grid(vips.length, columnsFor(vips.length, 4), labelWidth(vipNet)) : undefined;
  const hostTop = vipGrid ? vipGrid.height + GAP : 0;

  let y = HEADER;
  const place = (net: Topology['networks'][number], g: Grid, x: number, yy: number, width: number) => {
    const id = networkBoxId(net.id);
    boxes.push({ id, kind: 'network', parent: hostId, x, y: yy, width, height: g.height });
    // Centre the grid in a group wider than it, so the drops stay evenly spread.
    const shift = Math.max(0, Math.floor((width - g.width) / 2));
    (members.get(net.id) ?? []).forEach((node, i) => {
      const cell = g.cells[i]!;
      boxes.push({ id: node.id, kind: 'node', parent: id, x: cell.x + shift, y: cell.y, width: NODE_W, height: NODE_H });
    });
  };
  if (top) {
    place(top, topGrid, PAD, y, innerWidth);
    y += topGrid.height + BUS_GAP;
  }
  boxes.push({ id: t.switch.id, kind: 'switch', parent: hostId, x: PAD, y, width: innerWidth, height: SWITCH_H });
  y += SWITCH_H + BUS_GAP;
  let x = PAD;
  bottomNonEmpty.forEach((net, i) => {
    const g = bottomGrids[i]!;
    place(net, g, x, y, g.width);
    x += g.width + GAP;
  });
  if (bottomNonEmpty.length > 0) y += bottomHeight + PAD;
  const hostBox: LayoutBox = { id: hostId, kind: 'host', x: 0, y: hostTop, width: innerWidth + PAD * 2, height: y };
  boxes.unshift(hostBox);

  if (vipNet && vipGrid) {
    const id = networkBoxId(vipNet.id);
    boxes.push({ id, kind: 'network', x: Math.max(0, hostBox.width - vipGrid.width), y: 0, width: vipGrid.width, height: vipGrid.height });
    vips.forEach((vip, i) => {
      const cell = vipGrid.cells[i]!;
      boxes.push({ id: vipBoxId(vip), kind: 'node', parent: id, x: cell.x, y: cell.y, width: NODE_W, height: NODE_H });
    });
  }

  for (const node of [...vms, ...(host ? [host] : [])]) {
    for (const iface of node.interfaces) {
      const net = t.networks.find((n) => n.id === iface.network);
      if (!net || (net.kind === 'outside' && node.kind === 'host')) continue;
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
