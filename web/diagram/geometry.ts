// Where things are on the diagram, in flow coordinates: the layout's boxes made absolute, and the point
// where each NIC's bus drop meets its node and the switch. Pure, shared by the edges and the token layer
// so a token runs exactly along the line drawn for its NIC.
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
}

export interface Geometry {
  readonly switchId: string;
  readonly box: (id: string) => Rect | undefined;
  readonly nic: (node: string, iface: string) => NicAnchor | undefined;
  /** The horizontal line through the switch bar that tokens run along. */
  readonly switchMidY: number;
  /** Resolves a switch port id ("PortalVM.eth0") to its node and interface. */
  readonly port: (portId: string) => { node: string; iface: string } | undefined;
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
  const nic = (node: string, iface: string): NicAnchor | undefined => {
    const r = rects.get(node);
    const def = nodes.get(node);
    if (!r || !def) return undefined;
    const drawn = def.interfaces.filter((f) => snapshot.layout.edges.some((e) => e.id === `nic:${node}:${f.id}`));
    const index = drawn.findIndex((f) => f.id === iface);
    if (index < 0) return undefined;
    const above = r.y < sw.y;
    return {
      x: r.x + r.width / 2 + nicOffset(index, drawn.length),
      yNode: above ? r.y + r.height : r.y,
      ySwitch: above ? sw.y : sw.y + sw.height,
      above,
    };
  };
  const ids = [...nodes.keys()].sort((a, b) => b.length - a.length);
  const port = (portId: string) => {
    for (const id of ids) {
      if (!portId.startsWith(`${id}.`)) continue;
      const iface = portId.slice(id.length + 1);
      if (nodes.get(id)!.interfaces.some((f) => f.id === iface)) return { node: id, iface };
    }
    return undefined;
  };
  return { switchId: t.switch.id, box: (id) => rects.get(id), nic, switchMidY: sw.y + sw.height / 2, port };
}
