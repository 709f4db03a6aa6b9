// Where things are on the diagram, in flow coordinates: the layout's boxes made absolute, and the point
// where each NIC's bus drop meets its node and the switch. Pure, shared by the edges and the token layer
// so a token runs exactly along the line drawn for its NIC.
import { BADGE_LANE, HEADER, interfaceId, networkBoxId, PORT_DROP_X, portReader, readBoxId } from '../../src-engine/view/index';
import type { LayoutBox, TopologySnapshot } from '../../src-engine/protocol';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface NicAnchor {
  /** The x of the vertical bus drop. */
  readonly x: number;
  /** Where the drop meets the node (its bottom edge when above the switch, its top edge when below). */
  readonly yNode: number;
  /** Where the drop meets the switch's edge. */
  readonly ySwitch: number;
  readonly above: boolean;
  /** The port box the NIC is drawn as, when it lives outside its node's home network. */
  readonly box?: string;
  /** The network the NIC belongs to (its group on the diagram). */
  readonly network?: string;
}

/** The VXLAN leg as drawn: from a MUX's PA through the PA network to the host's PA, then into VFP. */
export interface Tunnel {
  readonly points: readonly { x: number; y: number }[];
}

export interface Geometry {
  readonly switchId: string;
  readonly box: (id: string) => Rect | undefined;
  readonly nic: (node: string, iface: string) => NicAnchor | undefined;
  /** The horizontal line through the switch bar that tokens run along. */
  readonly switchMidY: number;
  /** Where VFP sits on the switch bar (its centre x), when the switch has VFP. */
  readonly vfpX: number | undefined;
  /** The tunnel from a node's NIC (a MUX's PA) to the DIP host's PA and down into VFP. */
  readonly tunnel: (node: string, iface: string) => Tunnel | undefined;
  /** Resolves a switch port id ("PortalVM.eth0") to its node and interface. */
  readonly port: (portId: string) => { node: string; iface: string } | undefined;
  /** The NIC wires on one side of the switch whose x lies in [x0, x1], left to right, at most `max` (by bisection). */
  readonly wires: (above: boolean, x0: number, x1: number, max?: number) => readonly Wire[];
  /** What the overlay view shows text in: the devices' boxes and the groups' title bands (not the underlay's). */
  readonly overlayText: () => readonly Rect[];
  /** The boxes with a device's text in them: the VMs, the VIPs, the NICs drawn as ports, VFP. */
  readonly devices: () => readonly Rect[];
  /** The whole drawing (every box's union), undefined when empty. */
  readonly bounds: Rect | undefined;
}

/** The height of a group's title band (at its top, or at its bottom below the switch). */
export const TITLE_BAND = HEADER;

/** A NIC's wire to the switch, for what is drawn beside it (its VLAN tag). */
export interface Wire {
  /** The layout edge's id. */
  readonly id: string;
  readonly x: number;
  /** Where it meets the switch. */
  readonly ySwitch: number;
  readonly network?: string;
}

/** Lines of a multi-NIC node sit side by side, this far apart. */
export const NIC_SPACING = 28;

/** Horizontal offset of a NIC's drop from its node's centre. */
export function nicOffset(index: number, count: number): number {
  return count > 1 ? (index - (count - 1) / 2) * NIC_SPACING : 0;
}

export function absoluteBoxes(boxes: readonly LayoutBox[]): Map<string, Rect> {
  const byId = new Map(boxes.map((b) => [b.id, b]));
  const out = new Map<string, Rect>();
  const abs = (id: string): Rect | undefined => {
    const known = out.get(id);
    if (known) return known;
    const b = byId.get(id);
    if (!b) return undefined;
    const parent = b.parent ? abs(b.parent) : undefined;
    const r = { x: b.x + (parent?.x ?? 0), y: b.y + (parent?.y ?? 0), width: b.width, height: b.height };
    out.set(id, r);
    return r;
  };
  for (const b of boxes) abs(b.id);
  return out;
}

export function createGeometry(snapshot: TopologySnapshot): Geometry {
  const rects = absoluteBoxes(snapshot.layout.boxes);
  const t = snapshot.topology;
  const sw = rects.get(t.switch.id) ?? { x: 0, y: 0, width: 0, height: 0 };
  const nodes = new Map(t.nodes.map((n) => [n.id, n]));
  const nicEdges = new Map(snapshot.layout.edges.filter((e) => e.kind === 'nic').map((e) => [interfaceId(e.owner ?? e.source, e.interface ?? ''), e]));
  const homeSlots = new Map<string, { slots: Map<string, number>; count: number }>();
  const homeSlot = (node: string, iface: string, def: (typeof t.nodes)[number]) => {
    let known = homeSlots.get(node);
    if (!known) {
      const drawn = def.interfaces.filter((f) => nicEdges.get(interfaceId(node, f.id))?.source === node);
      known = { slots: new Map(drawn.map((f, i) => [f.id, i])), count: drawn.length };
      homeSlots.set(node, known);
    }
    return { index: known.slots.get(iface) ?? -1, count: known.count };
  };
  const nic = (node: string, iface: string): NicAnchor | undefined => {
    const edge = nicEdges.get(interfaceId(node, iface));
    const def = nodes.get(node);
    if (!edge || !def) return undefined;
    const r = rects.get(edge.source);
    if (!r) return undefined;
    const above = r.y < sw.y;
    const ySwitch = above ? sw.y : sw.y + sw.height;
    const network = def.interfaces.find((f) => f.id === iface)?.network;
    if (edge.owner) return { x: r.x + PORT_DROP_X, yNode: above ? r.y + r.height : r.y, ySwitch, above, box: edge.source, ...(network ? { network } : {}) };
    // Home NICs of one node sit side by side under it (their order is computed once per node: a node
    // with thousands of NICs must not cost thousands of steps per NIC).
    const { index, count } = homeSlot(node, iface, def);
    return { x: r.x + r.width / 2 + nicOffset(index, count), yNode: above ? r.y + r.height : r.y, ySwitch, above, ...(network ? { network } : {}) };
  };
  const vfp = snapshot.layout.boxes.find((b) => b.kind === 'vfp');
  const vfpRect = vfp ? rects.get(vfp.id) : undefined;
  const tunnels = new Map(snapshot.layout.edges.filter((e) => e.kind === 'tunnel').map((e) => [e.source, e]));
  const boxById = new Map(snapshot.layout.boxes.map((b) => [b.id, b]));
  const tunnel = (node: string, iface: string): Tunnel | undefined => {
    const from = nic(node, iface);
    const edge = from?.box ? tunnels.get(from.box) : undefined;
    const a = edge ? rects.get(edge.source) : undefined;
    const b = edge ? rects.get(edge.target) : undefined;
    const hostNic = edge ? boxById.get(edge.target) : undefined;
    const down = hostNic?.owner && hostNic.interface ? nic(hostNic.owner, hostNic.interface) : undefined;
    if (!a || !b || !down) return undefined;
    return { points: tunnelPoints(a, b, down) };
  };
  // Switch port ids ("PortalVM.eth0") to their node and NIC, read once, when first asked (the frames of a
  // run): a lookup per frame stays O(1), and loading a large topology does not wait for it.
  let ports: ((id: string) => { node: string; iface: string } | undefined) | undefined;
  const port = (id: string) => (ports ??= portReader(t.nodes))(id);
  // Each side's wires sorted by x once, so a step asks for those near a point without a pass over all.
  let sides: Map<boolean, Wire[]> | undefined;
  const wires = (above: boolean, x0: number, x1: number, max = Infinity): readonly Wire[] => {
    if (!sides) {
      sides = new Map([[true, []], [false, []]]);
      for (const e of nicEdges.values()) {
        const a = nic(e.owner ?? e.source, e.interface ?? '');
        if (a) sides.get(a.above)!.push({ id: e.id, x: a.x, ySwitch: a.ySwitch, ...(a.network ? { network: a.network } : {}) });
      }
      for (const list of sides.values()) list.sort((a, b) => a.x - b.x);
    }
    const list = sides.get(above)!;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.x < x0) lo = mid + 1;
      else hi = mid;
    }
    const out: Wire[] = [];
    for (let i = lo; i < list.length && list[i]!.x <= x1 && out.length < max; i++) out.push(list[i]!);
    return out;
  };
  let overlay: Rect[] | undefined;
  const overlayText = () => {
    if (!overlay) {
      const pa = new Set(t.networks.filter((n) => n.kind === 'pa').map((n) => networkBoxId(n.id)));
      overlay = [];
      for (const b of snapshot.layout.boxes) {
        const r = rects.get(b.id)!;
        if (b.kind === 'node') {
          overlay.push(r);
          // A device's badge lane (on the side away from the switch, see the layout's BADGE_LANE): the badge
          // that says it sends or receives hangs there, so a line keeps out of it, also at its own ends.
          if (readBoxId(b.id).kind !== 'vip') overlay.push(r.y < sw.y ? { x: r.x, y: r.y - BADGE_LANE, width: r.width, height: BADGE_LANE } : { x: r.x, y: r.y + r.height, width: r.width, height: BADGE_LANE });
        }
        else if (b.kind === 'host' || (b.kind === 'network' && !pa.has(b.id))) overlay.push({ ...r, y: b.titleAt === 'bottom' ? r.y + r.height - TITLE_BAND : r.y, height: TITLE_BAND });
      }
    }
    return overlay;
  };
  let deviceRects: Rect[] | undefined;
  const devices = () => (deviceRects ??= snapshot.layout.boxes.filter((b) => b.kind === 'node' || b.kind === 'port' || b.kind === 'vfp').map((b) => rects.get(b.id)!));
  return { switchId: t.switch.id, box: (id) => rects.get(id), nic, switchMidY: sw.y + sw.height / 2, vfpX: vfpRect ? vfpRect.x + vfpRect.width / 2 : undefined, tunnel, port, wires, overlayText, devices, bounds: union([...rects.values()]) };
}

/** The smallest box holding every one of `rects`; undefined for none. */
export function union(rects: readonly Rect[]): Rect | undefined {
  if (rects.length === 0) return undefined;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const r of rects) {
    x0 = Math.min(x0, r.x);
    y0 = Math.min(y0, r.y);
    x1 = Math.max(x1, r.x + r.width);
    y1 = Math.max(y1, r.y + r.height);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** How far outside the host port's edge the tunnel turns towards its drop: it never runs over the port's labels. */
export const TUNNEL_CLEAR = 12;
/** The tunnel leaves the MUX port this far below its top: high, so its label under it keeps clear of the network's title below. */
const TUNNEL_EXIT = 16;

/**
 * The tunnel's line: out of the MUX port's right side (near its top), across towards the host port, round its corner just
 * outside it (not through its name and address), then along the host's drop into VFP.
 */
export function tunnelPoints(from: Rect, to: Rect, down: NicAnchor): { x: number; y: number }[] {
  const y0 = from.y + Math.min(TUNNEL_EXIT, from.height / 2);
  const midX = (from.x + from.width + to.x) / 2;
  // The side of the host port its drop leaves by: the top when the port sits below the switch.
  const yTurn = down.above ? to.y + to.height + TUNNEL_CLEAR : to.y - TUNNEL_CLEAR;
  const pts = [
    { x: from.x + from.width, y: y0 },
    { x: midX, y: y0 },
    { x: midX, y: yTurn },
    { x: down.x, y: yTurn },
    { x: down.x, y: down.ySwitch + (down.above ? 14 : -14) },
  ];
  return pts.filter((p, i) => i === 0 || p.x !== pts[i - 1]!.x || p.y !== pts[i - 1]!.y);
}

/** How far left of a VIP's box the announce ties turn (in the gap between the VIP pool and the network beside it). */
const TIE_TURN = 31;
/** A tie keeps this far from the boxes it passes. */
const TIE_CLEAR = 4;

/** Below a MUX's row, where a tie runs under a box that stands in the way (a second MUX): this far under the MUX. */
const TIE_UNDER = 10;

/**
 * A VIP's tie to a MUX that announces it: out of the VIP's left side, across to the MUX's right side (level with the
 * VIP when the two are side by side, else down or up the channel just left of the VIP pool first, then across).
 * When another box stands between them (a second MUX beside the VIP pool), under that box's row instead: down the
 * channel, left under the row to the gap right of the MUX, up it and into the MUX's side. Undefined when the MUX is
 * not left of the VIP or neither way is clear: the tie then curves over the row.
 */
export function tieRoute(vip: Rect, mux: Rect, others: readonly Rect[]): { x: number; y: number }[] | undefined {
  const right = mux.x + mux.width;
  const turn = vip.x - TIE_TURN;
  if (turn <= right + TIE_CLEAR) return undefined;
  const vy = vip.y + vip.height / 2;
  const y = Math.min(mux.y + mux.height - 12, Math.max(mux.y + 12, vy));
  const clear = (points: readonly { x: number; y: number }[]) => {
    // A box in a segment's way lies in the route's bounds grown by the clearance: the others are looked through
    // once for those (at 4,000 VMs, once per segment was most of the diagram's nodes' making).
    const xs = points.map((p) => p.x);
    const ys = points.map((p) => p.y);
    const x0 = Math.min(...xs) - TIE_CLEAR;
    const x1 = Math.max(...xs) + TIE_CLEAR;
    const y0 = Math.min(...ys) - TIE_CLEAR;
    const y1 = Math.max(...ys) + TIE_CLEAR;
    const near = others.filter((r) => r !== vip && r !== mux && r.y < y1 && y0 < r.y + r.height && r.x < x1 && x0 < r.x + r.width);
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1]!;
      const b = points[i]!;
      const seg = { x: Math.min(a.x, b.x) - TIE_CLEAR, y: Math.min(a.y, b.y) - TIE_CLEAR, width: Math.abs(a.x - b.x) + 2 * TIE_CLEAR, height: Math.abs(a.y - b.y) + 2 * TIE_CLEAR };
      if (near.some((r) => r.x < seg.x + seg.width && seg.x < r.x + r.width && r.y < seg.y + seg.height && seg.y < r.y + r.height)) return false;
    }
    return true;
  };
  const straight = vy === y ? [{ x: vip.x, y }, { x: right, y }] : [{ x: vip.x, y: vy }, { x: turn, y: vy }, { x: turn, y }, { x: right, y }];
  if (clear(straight)) return straight;
  // The box right of the MUX in its row: the tie comes up the gap between them.
  const next = others.filter((r) => r !== mux && r !== vip && r.x >= right && r.y < mux.y + mux.height && mux.y < r.y + r.height).sort((a, b) => a.x - b.x)[0];
  if (!next || next.x - right < 4 * TIE_CLEAR) return undefined;
  const gap = (right + next.x) / 2;
  const under = Math.max(mux.y, next.y) + Math.max(mux.height, next.height) + TIE_UNDER;
  const around = [
    { x: vip.x, y: vy },
    { x: turn, y: vy },
    { x: turn, y: under },
    { x: gap, y: under },
    { x: gap, y },
    { x: right, y },
  ].filter((p, i, all) => i === 0 || p.x !== all[i - 1]!.x || p.y !== all[i - 1]!.y);
  return clear(around) ? around : undefined;
}
