// A deterministic layout of a topology, computed in the engine (so in the worker, off the page's thread).
// The Hyper-V host is one box holding the networks its switch joins: the management scope above the
// switch, the other port groups below it, the provider-address (PA) network last, under VFP. The VIP
// pool, which lives on no port (no wire reaches it), sits beside the management scope in the host's top right,
// next to the MUXes that announce it and the DIPs behind it, in room the wider bottom row leaves there: the
// drawing is wide rather than tall, as the diagram area of a laptop or a projector is, and no wider than a
// tablet's (768 px) shows whole at a readable zoom.
// Each NIC sits in the network it belongs to: a VM is drawn in the network of its first NIC, and any
// other NIC it has is a port box in that other network (MuxVM's PA NIC in the PA network, BGPVM's
// transit arm in transit), as is the host's PA. The VXLAN leg is a tunnel through the PA network from a
// MUX's PA to the host's PA, which drops into VFP on the switch.
import type { LayoutBox, LayoutEdge, TopologyLayout } from '../protocol';
import type { NetworkDef, NodeDef, Topology } from '../topology/schema';
import { BADGE_LANE, grid, GAP, HEADER, NODE_H, NODE_W, PAD, ROOM_ABOVE, type Grid, type GridRoom } from './grid';
import { announceEdgeId, bgpEdgeId, dipEdgeId, hostBoxId, networkBoxId, nicEdgeId, portBoxId, tunnelEdgeId, vfpBoxId, vipBoxId } from '../view/ids';

export { NODE_H, NODE_W } from './grid';
const SWITCH_H = 56;
/**
 * Between a device in the row next to the switch and the switch: the links' VLAN tags stand just off the switch
 * (their middle 22 units out, 12 x 1.75 + 6 tall at the largest text: they reach 35.5 units out), and a frame
 * arriving at the device rests its label just off the device (5 units; about 37 tall as drawn at the largest
 * text): both fit, one beside the other, so the label never hides a tag. A label resting on the switch's edge
 * over a tag has the band past the tags to move into, beside its device's label. No more: every unit costs a
 * laptop's event list its rows (the diagram's area grows to the drawing's height).
 */
const SWITCH_ROOM = 78;
/** Vertical room between a group below the switch and the switch, where the NIC lines drop (its devices sit PAD into it). */
const BUS_GAP = SWITCH_ROOM - PAD;
/** Above the switch: the management scope's front row sits PAD above the group's bottom. */
const BUS_GAP_ABOVE = SWITCH_ROOM - PAD;
/** The most rows the host's title band grows to for its BGP sessions' labels. */
export const MAX_SESSION_ROWS = 3;
/** Below the bottom groups, inside the host's border. */
const HOST_FOOT = 8;
/** A port box: one NIC of a device that lives in another network. */
export const PORT_W = NODE_W;
export const PORT_H = 52;
/** Room between the MUX ports and the host ports in the PA network, where the tunnel runs. */
const TUNNEL_GAP = 104;
const VFP_W = 168;
/** How far left each item of a PA column sits from the one above it: its drop's VLAN tag (about 71 units at the largest text) fits before the next drop. */
const STAIR = 76;
/**
 * A group below the switch has its title band at its bottom, the side away from the switch: the wires, the
 * tunnel and the tokens that come down from the switch never cross its title. Its devices' badges hang
 * below them, in a lane above that band.
 */
const ROOM_BELOW: GridRoom = { top: PAD, bottom: BADGE_LANE + HEADER };
/**
 * The PA network's ports start this far down, the MUXes' and the hosts' alike: above them hangs a VXLAN packet
 * resting at VFP, and a pair of them a MUX sends at once, each envelope (76.1 units tall at the largest text) moved just
 * past the links' VLAN tags (36.5 units off the switch) when no stretch beside the switch is clear of the tags (a pair
 * is 624 units wide): 112.6 units off the switch, and the ports' tops 118, 5 units clear of it as a label resting
 * beside a device is. (A MUX's PA started 18 down, beside an envelope left over its "1003" tag; at 50 the envelopes
 * rested 1.4 units over MuxVM's and the host's PA boxes.)
 */
const PA_TOP = 54;
/**
 * Between two devices of a one-row group below the switch (no wire passes between them): the transit ports stand
 * clear of the band where a MUX's pair of VXLAN envelopes rests, past the tags, beside the PA network.
 */
const CELL_GAP_BELOW = 12;
/** The PA network's title band, at its bottom: its long title on two lines. */
const PA_TITLE = 54;
/** A port's NIC drop leaves it this far from its left edge (the page draws it there too). */
export const PORT_DROP_X = 22;
/**
 * The widest drawing a small laptop shows whole at the readable zoom (1 / 1.75): its diagram area at 1024x768 is 704 px
 * across, beside the side panel. The POC is narrower; a second MUX's management scope, five columns beside the VIP
 * pool, was 1334 units (762 px): drawn compact (below) where that fits.
 */
const FIT_WIDTH = 704 * 1.75;
/**
 * A compact management scope's devices and the room between them: a device's text is 151 units across at the largest
 * text (an address, tabular figures) inside 11 units of padding; a NIC line from the row behind passes the middle of
 * a gap, and a VIP's tie comes up one (at least 4 times its 4-unit clearance).
 */
const COMPACT_W = 166;
const COMPACT_GAP = 24;
/**
 * A compact management scope's title wraps before its BGP speakers (the middle of five columns: their arcs would rise
 * through its end, "VLAN 1001"), its VLAN on a second line: 12 px text at 1.75 times, 1.05 line height (22 units),
 * which the band above the badge lane grows by.
 */
const TITLE_LINE = 18;
/** Between a wrapped title's end and the middle of the BGP speaker whose arcs rise beside it (they lean its way as they rise). */
const TITLE_TO_ARC = 24;
/** Room for a group's title band: its label, VLAN and mark (about 8.4 units a character, bold 14px). */
const labelWidth = (n: NetworkDef) => Math.ceil(24 + n.label.length * 8.4 + (n.vlan !== undefined ? 64 : 0) + 40);
/** Columns for a group of this many nodes: four for the POC, wider for large generated networks. */
const columnsFor = (count: number, base: number) => (count <= base * 2 ? base : Math.ceil(Math.sqrt(count * 2.5)));


interface Item {
  readonly id: string;
  readonly node: NodeDef;
  /** Set for a port box: the NIC it stands for. */
  readonly iface?: string;
}

const addressOf = (cidr: string) => cidr.split('/')[0]!;

/**
 * The management scope's order: the BGP speakers, then the MUXes, at the right end of its back row, and the
 * DIPs at the right end of the row in front, so the VIP pool beside them is tied to both over free space.
 * The speakers sit right of the host's title (it lies over the back row's left end): their session's arc
 * rises into the host's title band beside the title, never through it.
 */
function orderMembers(items: readonly Item[], rank: (id: string) => number, cols: number): Item[] {
  const back = items.filter((i) => rank(i.id) === 1 || rank(i.id) === 2).sort((a, b) => rank(a.id) - rank(b.id));
  const dips = items.filter((i) => rank(i.id) === 3);
  const rest = items.filter((i) => rank(i.id) === 0);
  if (back.length + dips.length === 0 || back.length > cols || items.length <= cols) return [...rest, ...back, ...dips];
  const firstRow = rest.slice(0, cols - back.length);
  const secondRow = rest.slice(firstRow.length, firstRow.length + Math.max(0, cols - dips.length));
  return [...firstRow, ...back, ...secondRow, ...dips, ...rest.slice(firstRow.length + secondRow.length)];
}

export function layoutTopology(t: Topology): TopologyLayout {
  const boxes: LayoutBox[] = [];
  const edges: LayoutEdge[] = [];
  const hostId = hostBoxId(t.switch.host);
  const nets = new Map(t.networks.map((n) => [n.id, n]));
  const onPort = (netId: string) => {
    const kind = nets.get(netId)?.kind;
    return kind !== undefined && kind !== 'vip' && kind !== 'outside';
  };
  const host = t.nodes.find((n) => n.id === t.switch.host);
  const vms = t.nodes.filter((n) => n.kind === 'vm');
  const speakers = new Set(t.bgp?.speakers.map((s) => s.node) ?? []);
  const muxes = t.slb?.muxes ?? [];
  const muxSet = new Set(muxes);
  const ownerOf = new Map<string, string>();
  for (const node of t.nodes) for (const f of node.interfaces) ownerOf.set(addressOf(f.address), node.id);
  const dipNodes = new Set((t.slb?.rules ?? []).flatMap((r) => r.dips.map((d) => ownerOf.get(d.address)).filter((id): id is string => id !== undefined)));
  const rank = (id: string) => (muxSet.has(id) ? 2 : speakers.has(id) ? 1 : dipNodes.has(id) ? 3 : 0);

  // The BGP sessions, each once; a MUX's session is named from the MUX's side (its AS first), as the first is.
  // Each names its two speakers: two MUXes share an AS, and "eBGP AS64628 ↔ AS64647" twice told the sessions apart by nothing.
  const sessions: LayoutEdge[] = [];
  if (t.bgp) {
    const seen = new Set<string>();
    const asnOf = new Map(t.bgp.speakers.map((s) => [s.node, s.asn]));
    for (const s of t.bgp.speakers) {
      for (const p of s.peers) {
        const peer = ownerOf.get(p.address);
        if (!peer) continue;
        const id = bgpEdgeId(s.node, peer);
        if (seen.has(id)) continue;
        seen.add(id);
        const [source, target] = muxSet.has(peer) && !muxSet.has(s.node) ? [peer, s.node] : [s.node, peer];
        const asn = (node: string) => (node === s.node ? s.asn : (asnOf.get(node) ?? p.asn));
        sessions.push({ id, kind: 'bgp', source, target, label: `eBGP ${source} AS${asn(source)} ↔ ${target} AS${asn(target)}` });
      }
    }
  }
  // The host's title band: one row per BGP session (three at most), each session's label on its own row (see
  // the page's BgpEdge).
  const hostHeader = HEADER * Math.min(MAX_SESSION_ROWS, Math.max(1, sessions.length));

  // Who goes where: a VM in the network of its first NIC, each other NIC as a port in its own network.
  const items = new Map<string, Item[]>(t.networks.map((n) => [n.id, []]));
  const homeIfaces = new Map<string, Set<string>>();
  for (const vm of vms) {
    const home = vm.interfaces[0]?.network;
    if (!home || !onPort(home)) continue;
    items.get(home)!.push({ id: vm.id, node: vm });
    homeIfaces.set(vm.id, new Set(vm.interfaces.filter((f) => f.network === home).map((f) => f.id)));
  }
  // Ports after the devices that live in a network, so they sit at the end of its rows.
  for (const vm of vms) {
    const home = vm.interfaces[0]?.network;
    for (const f of vm.interfaces) if (home && f.network !== home && onPort(f.network)) items.get(f.network)!.push({ id: portBoxId(vm.id, f.id), node: vm, iface: f.id });
  }
  if (host) for (const f of host.interfaces) if (onPort(f.network)) items.get(f.network)!.push({ id: portBoxId(host.id, f.id), node: host, iface: f.id });

  const nonEmpty = (n: NetworkDef) => onPort(n.id) && (items.get(n.id) ?? []).length > 0;
  const mgmt = t.networks.find((n) => n.kind === 'management' && nonEmpty(n));
  const paNets = t.networks.filter((n) => n.kind === 'pa' && nonEmpty(n));
  const bottom = t.networks.filter((n) => nonEmpty(n) && n !== mgmt && !paNets.includes(n));

  // The management scope: a staggered grid (see grid.ts).
  const mgmtItems = mgmt ? items.get(mgmt.id)! : [];
  const mgmtCols = columnsFor(mgmtItems.length, 4);
  if (mgmt) items.set(mgmt.id, orderMembers(mgmtItems, rank, mgmtCols));
  const normalGrid = mgmt ? grid(mgmtItems.length, mgmtCols, labelWidth(mgmt), ROOM_ABOVE) : undefined;

  // A PA network: the MUXes' (and any other) PAs in a column on the left, the hosts' PAs on the right,
  // the tunnels between them.
  const paLayouts = paNets.map((net) => {
    const all = items.get(net.id)!;
    const left = all.filter((i) => i.node.kind !== 'host');
    const right = all.filter((i) => i.node.kind === 'host');
    const heightOf = (i: Item) => (i.iface ? PORT_H : NODE_H);
    // A staircase: each item a little left of the one above, so its NIC drop (near its left edge, see
    // PORT_DROP_X), coming down from the switch, passes beside the items above it instead of through them,
    // its VLAN tag before the next drop.
    // The PA network's long title wraps onto two lines rather than widening the drawing.
    // The ports start lower than any group's devices below the switch, under the band where VXLAN packets rest (PA_TOP).
    const column = (list: readonly Item[], x0: number, step: number, top: number) => {
      let y = top;
      return list.map((i, k) => {
        const cell = { id: i.id, x: x0 + (list.length - 1 - k) * step, y, h: heightOf(i) };
        y += cell.h + GAP / 2;
        return cell;
      });
    };
    const leftW = left.length > 0 ? NODE_W + STAIR * (left.length - 1) : 0;
    const rightW = right.length > 0 ? NODE_W + STAIR * (right.length - 1) : 0;
    const width = Math.max(Math.ceil(labelWidth(net) / 2) + 40, PAD * 2 + leftW + rightW + (leftW > 0 && rightW > 0 ? TUNNEL_GAP : 0));
    const cells = [...column(left, PAD, STAIR, PA_TOP), ...column(right, width - PAD - rightW, STAIR, PA_TOP)];
    const height = Math.max(PA_TOP, ...cells.map((c) => c.y + c.h)) + PA_TITLE;
    return { net, width, height, cells: new Map(cells.map((c) => [c.id, c])) };
  });

  const bottomGrids = bottom.map((n) => {
    const count = items.get(n.id)!.length;
    const cols = columnsFor(count, 3);
    return grid(count, cols, labelWidth(n), ROOM_BELOW, undefined, count <= cols ? CELL_GAP_BELOW : GAP);
  });
  const bottomWidths = [...bottomGrids.map((g) => g.width), ...paLayouts.map((p) => p.width)];
  const bottomWidth = bottomWidths.reduce((w, v) => w + v, 0) + GAP * Math.max(0, bottomWidths.length - 1);
  const bottomHeight = Math.max(0, ...bottomGrids.map((g) => g.height), ...paLayouts.map((p) => p.height));

  // The VIP pool: one column of VIPs beside the management scope, its title on two lines when set large.
  const vipNet = t.networks.find((n) => n.kind === 'vip');
  const vips = vipNet && t.slb ? [...new Set([...t.slb.rules.map((r) => r.vip), ...t.slb.extraVips])] : [];
  // No wider than its column of VIPs: its title wraps (the POC then fits a 1024x768 screen's diagram area across).
  const vipGridIn = (room: GridRoom) => (vipNet && vips.length > 0 ? grid(vips.length, 1, Math.ceil(labelWidth(vipNet) / 2) + 40, room, PAD * 2 + NODE_W) : undefined);
  const innerOf = (m: Grid | undefined, v: Grid | undefined) => Math.max((m?.width ?? 0) + (v ? v.width + GAP : 0), bottomWidth, 320);
  // A management scope wider than its four columns (a second MUX) that would take the drawing past a small laptop's
  // width is drawn compact, if that fits: narrower devices and gaps, its title wrapped before the BGP speakers.
  const compactRoom: GridRoom = { top: ROOM_ABOVE.top + TITLE_LINE, bottom: ROOM_ABOVE.bottom };
  const compactGrid = mgmt && normalGrid && mgmtCols > 4 && PAD * 2 + innerOf(normalGrid, vipGridIn(ROOM_ABOVE)) > FIT_WIDTH ? grid(mgmtItems.length, mgmtCols, labelWidth(mgmt), compactRoom, undefined, COMPACT_GAP, COMPACT_W) : undefined;
  const compact = compactGrid !== undefined && PAD * 2 + innerOf(compactGrid, vipGridIn(compactRoom)) <= FIT_WIDTH;
  const mgmtGrid = compact ? compactGrid : normalGrid;
  const vipGrid = vipGridIn(compact ? compactRoom : ROOM_ABOVE);
  const vipRoom = vipGrid ? vipGrid.width + GAP : 0;
  const innerWidth = innerOf(mgmtGrid, vipGrid);
  const topHeight = Math.max(mgmtGrid?.height ?? 0, vipGrid?.height ?? 0);
  const hostTop = 0;

  const placeItem = (item: Item, parent: string, x: number, y: number, width = NODE_W) => {
    if (item.iface) boxes.push({ id: item.id, kind: 'port', parent, x, y, width: PORT_W, height: PORT_H, owner: item.node.id, interface: item.iface });
    else boxes.push({ id: item.id, kind: 'node', parent, x, y, width, height: NODE_H });
  };
  /** `wrapBefore`: the title wraps before the first of these devices (the BGP speakers) when the group is compact. */
  const placeGrid = (net: NetworkDef, g: Grid, x: number, y: number, width: number, height: number, alignRight = false, titleAt?: 'bottom', wrapBefore?: (id: string) => boolean) => {
    const id = networkBoxId(net.id);
    // A grid in a group wider than it: centred, so the drops stay evenly spread; or at the right end,
    // next to the VIP pool, for the management scope whose MUXes and DIPs the VIPs are tied to.
    const shift = Math.max(0, alignRight ? width - g.width : Math.floor((width - g.width) / 2));
    const list = items.get(net.id)!;
    const first = wrapBefore ? list.findIndex((i) => wrapBefore(i.id)) : -1;
    const titleWidth = first >= 0 ? g.cells[first]!.x + shift + g.cellW / 2 - TITLE_TO_ARC : undefined;
    boxes.push({ id, kind: 'network', parent: hostId, x, y, width, height, ...(titleAt ? { titleAt } : {}), ...(titleWidth !== undefined ? { titleWidth } : {}) });
    list.forEach((item, i) => {
      const cell = g.cells[i]!;
      placeItem(item, id, cell.x + shift, cell.y, g.cellW);
    });
  };

  let y = hostHeader;
  let x = PAD;
  if (mgmt && mgmtGrid) placeGrid(mgmt, mgmtGrid, x, y, innerWidth - vipRoom, topHeight, vipGrid !== undefined, undefined, compact ? (id) => rank(id) === 1 || rank(id) === 2 : undefined);
  if (vipNet && vipGrid) {
    const id = networkBoxId(vipNet.id);
    // At the host's right end, level with the management scope's back row where the MUXes and DIPs sit.
    boxes.push({ id, kind: 'network', parent: hostId, x: PAD + innerWidth - vipGrid.width, y, width: vipGrid.width, height: topHeight });
    vips.forEach((vip, i) => {
      const cell = vipGrid.cells[i]!;
      boxes.push({ id: vipBoxId(vip), kind: 'node', parent: id, x: cell.x, y: cell.y, width: NODE_W, height: NODE_H });
    });
  }
  if (topHeight > 0) y += topHeight + BUS_GAP_ABOVE;
  boxes.push({ id: t.switch.id, kind: 'switch', parent: hostId, x: PAD, y, width: innerWidth, height: SWITCH_H });
  y += SWITCH_H + BUS_GAP;
  bottom.forEach((net, i) => {
    const g = bottomGrids[i]!;
    // As tall as the row, so the titles along the bottom line up.
    placeGrid(net, g, x, y, g.width, bottomHeight, false, 'bottom');
    x += g.width + GAP;
  });
  // The PA networks at the right end of the bottom row, under VFP's end of the switch.
  const paStart = Math.max(x, PAD + innerWidth - paLayouts.reduce((w, p) => w + p.width + GAP, -GAP));
  x = paStart;
  for (const p of paLayouts) {
    const id = networkBoxId(p.net.id);
    boxes.push({ id, kind: 'network', parent: hostId, x, y, width: p.width, height: bottomHeight, titleAt: 'bottom' });
    for (const item of items.get(p.net.id)!) {
      const c = p.cells.get(item.id)!;
      placeItem(item, id, c.x, c.y);
    }
    x += p.width + GAP;
  }
  // The host's border close under the bottom groups' titles: the drawing's height is what a laptop's fit spends.
  if (bottom.length > 0 || paLayouts.length > 0) y += bottomHeight + HOST_FOOT;
  const hostBox: LayoutBox = { id: hostId, kind: 'host', x: 0, y: hostTop, width: innerWidth + PAD * 2, height: y };
  boxes.unshift(hostBox);

  const abs = absolute(boxes);

  // VFP sits on the switch right under the host's PA, where the tunnel ends.
  const hostPa = host ? boxes.find((b) => b.kind === 'port' && b.owner === host.id && nets.get(host.interfaces.find((f) => f.id === b.interface)?.network ?? '')?.kind === 'pa') : undefined;
  if (t.switch.vfp) {
    const sw = abs(t.switch.id)!;
    const pa = hostPa ? abs(hostPa.id) : undefined;
    const centre = pa ? pa.x + pa.width / 2 : sw.x + sw.width - VFP_W / 2 - PAD;
    const vx = Math.min(sw.width - VFP_W - 6, Math.max(6, Math.round(centre - sw.x - VFP_W / 2)));
    boxes.push({ id: vfpBoxId(t.switch.id), kind: 'vfp', parent: t.switch.id, x: vx, y: 6, width: VFP_W, height: SWITCH_H - 12 });
  }


  // NIC drops: from the node for its home NICs, from the port box for the others.
  for (const node of [...vms, ...(host ? [host] : [])]) {
    for (const f of node.interfaces) {
      if (!onPort(f.network)) continue;
      const home = homeIfaces.get(node.id)?.has(f.id) ?? false;
      const source = home ? node.id : portBoxId(node.id, f.id);
      if (!abs(source)) continue;
      const target = hostPa && source === hostPa.id && t.switch.vfp ? vfpBoxId(t.switch.id) : t.switch.id;
      edges.push({ id: nicEdgeId(node.id, f.id), kind: 'nic', source, target, interface: f.id, ...(home ? {} : { owner: node.id }), label: f.address });
    }
  }

  // The VXLAN tunnels: each MUX's PA to each DIP host's PA, through the PA network.
  if (t.slb) {
    const dipHosts = [...new Set(t.slb.rules.flatMap((r) => r.dips.map((d) => d.host)))];
    for (const mux of muxes) {
      const from = t.slb.paInterface[mux];
      if (!from) continue;
      for (const h of dipHosts) {
        const to = t.slb.paInterface[h];
        if (!to || !abs(portBoxId(mux, from)) || !abs(portBoxId(h, to))) continue;
        edges.push({ id: tunnelEdgeId(mux, h), kind: 'tunnel', source: portBoxId(mux, from), target: portBoxId(h, to), label: `VXLAN VNI ${t.slb.vni}`, vni: t.slb.vni });
      }
    }
    // Each VIP tied to the MUXes announcing it (BGP /32) and to its DIP pool.
    for (const vip of vips) {
      if (!abs(vipBoxId(vip))) continue;
      for (const mux of muxes) if (abs(mux)) edges.push({ id: announceEdgeId(vip, mux), kind: 'announce', source: vipBoxId(vip), target: mux, label: `${mux} announces ${vip}/32` });
      for (const rule of t.slb.rules.filter((r) => r.vip === vip)) {
        for (const d of rule.dips) {
          const owner = ownerOf.get(d.address);
          if (owner && abs(owner)) edges.push({ id: dipEdgeId(vip, owner), kind: 'dip', source: vipBoxId(vip), target: owner, label: `DIP ${d.address}:${d.port}` });
        }
      }
    }
  }

  edges.push(...sessions);
  return { boxes, edges };
}

/** Absolute rectangles of the boxes placed so far (parents' offsets added). */
function absolute(boxes: readonly LayoutBox[]): (id: string) => { x: number; y: number; width: number; height: number } | undefined {
  const abs = (id: string): { x: number; y: number; width: number; height: number } | undefined => {
    const b = boxes.find((x) => x.id === id);
    if (!b) return undefined;
    const p = b.parent ? abs(b.parent) : { x: 0, y: 0 };
    return p && { x: b.x + p.x, y: b.y + p.y, width: b.width, height: b.height };
  };
  return abs;
}
