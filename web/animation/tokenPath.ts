// The path a token follows for one transmission, and the point a fraction of the way along it.
// A frame goes NIC -> switch (down or up its bus drop) or switch -> NIC (along the switch bar from the
// port it came in on, then along the drop); a VXLAN frame goes through the tunnel from the MUX's PA to
// the host's PA and into VFP. Pure: geometry in, points out.
import type { Transmission } from '../../src-engine/protocol';
import type { Geometry } from '../diagram/geometry';
import type { Timeline } from '../model/timeline';

export interface Point {
  readonly x: number;
  readonly y: number;
}

/**
 * Which side of its point the token's label is drawn on: beside the box it arrives at, never over its
 * labels ('above': the label's bottom edge at the point; 'below': its top edge), or centred on it.
 */
export type TokenAnchor = 'above' | 'below' | 'center';

export interface TokenPath {
  readonly points: readonly Point[];
  /** The frame reached no port (link or node down): the token stops half way and shows where it died. */
  readonly lost: boolean;
  readonly anchor: TokenAnchor;
  /** The path starts (or ends) at a device's edge: the gliding bead is drawn only from NODE_CLEAR off it. */
  readonly fromNode?: boolean;
  readonly toNode?: boolean;
}

/** A gliding bead shows only this far from a device's edge, clear of the text inside it. */
export const NODE_CLEAR = 14;

/**
 * The y a frame runs along the switch bar at, towards a port above the switch or below it: the bar's edge on
 * that side, off the bar's name in its middle and the VLAN tags outside it.
 */
export function barLaneY(geo: Geometry, above: boolean): number {
  const sw = geo.box(geo.switchId);
  if (!sw) return geo.switchMidY;
  return above ? sw.y : sw.y + sw.height;
}

/**
 * `entryX`: for a frame leaving the switch, the x of the port it entered by (so the token slides along
 * the bar from there); undefined starts it at its own port.
 */
export function transmissionPath(geo: Geometry, tx: Transmission, entryX?: number): TokenPath | undefined {
  const lost = tx.toNode === undefined;
  if (tx.fromNode !== geo.switchId) {
    // The VXLAN leg runs through the PA network to the host's PA and into VFP, drawn as a tunnel.
    const tunnel = tx.protocol === 'vxlan' ? geo.tunnel(tx.fromNode, tx.fromInterface) : undefined;
    if (tunnel) {
      // It comes to rest where the host's PA drop meets the switch, hanging outside the bar (and VFP's label).
      const pts = tunnel.points;
      const last = pts[pts.length - 1]!;
      const sw = geo.box(geo.switchId);
      const below = last.y > geo.switchMidY;
      const full = sw ? [...pts.slice(0, -1), { x: last.x, y: below ? sw.y + sw.height : sw.y }] : pts;
      const anchor = lost || !sw ? 'center' : below ? 'below' : 'above';
      return { points: lost ? truncate(full, 0.5) : full, lost, anchor, fromNode: true };
    }
    const a = geo.nic(tx.fromNode, tx.fromInterface);
    if (!a) return undefined;
    // Down (or up) the drop to the switch's edge: the label rests on the sender's side of the bar.
    const full = [
      { x: a.x, y: a.yNode },
      { x: a.x, y: a.ySwitch },
    ];
    return { points: lost ? truncate(full, 0.5) : full, lost, anchor: lost ? 'center' : a.above ? 'above' : 'below', fromNode: true };
  }
  const p = geo.port(tx.fromInterface) ?? (tx.toNode && tx.toInterface ? { node: tx.toNode, iface: tx.toInterface } : undefined);
  if (!p) return undefined;
  const a = geo.nic(p.node, p.iface);
  if (!a) return undefined;
  const lane = barLaneY(geo, a.above);
  const full = [
    { x: entryX ?? a.x, y: lane },
    { x: a.x, y: lane },
    { x: a.x, y: a.yNode },
  ].filter((pt, i, all) => i === 0 || pt.x !== all[i - 1]!.x || pt.y !== all[i - 1]!.y);
  // It arrives at the node's edge and rests outside the box, on the switch's side, clear of its labels.
  const anchor = lost ? 'center' : a.above ? 'below' : 'above';
  return { points: lost ? truncate(full, 0.75) : full, lost, anchor, ...(lost ? {} : { toNode: true }) };
}

export function length(points: readonly Point[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++) total += Math.hypot(points[i]!.x - points[i - 1]!.x, points[i]!.y - points[i - 1]!.y);
  return total;
}

/** The point at fraction `t` (0..1) of the path's length. */
export function pointAt(points: readonly Point[], t: number): Point {
  const first = points[0];
  if (!first) return { x: 0, y: 0 };
  const total = length(points);
  if (total === 0 || t <= 0) return first;
  let remaining = Math.min(1, t) * total;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const seg = Math.hypot(b.x - a.x, b.y - a.y);
    if (remaining <= seg && seg > 0) {
      const f = remaining / seg;
      return { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f };
    }
    remaining -= seg;
  }
  return points[points.length - 1]!;
}

/** The point `d` along the path (clamped to its ends). */
export function pointAlong(points: readonly Point[], d: number): Point {
  const first = points[0];
  if (!first || d <= 0) return first ?? { x: 0, y: 0 };
  let remaining = d;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const seg = Math.hypot(b.x - a.x, b.y - a.y);
    if (remaining <= seg && seg > 0) return { x: a.x + ((b.x - a.x) * remaining) / seg, y: a.y + ((b.y - a.y) * remaining) / seg };
    remaining -= seg;
  }
  return points[points.length - 1]!;
}

/** The first fraction `t` of a path, as its own path. */
export function truncate(points: readonly Point[], t: number): Point[] {
  const total = length(points);
  const out: Point[] = [points[0]!];
  let remaining = t * total;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const seg = Math.hypot(b.x - a.x, b.y - a.y);
    if (remaining < seg) {
      out.push(pointAt([a, b], remaining / seg));
      return out;
    }
    out.push(b);
    remaining -= seg;
  }
  return out;
}

/** Where on the switch bar a frame leaving the switch came in: the port of the frame that brought it. */
export function entryX(geo: Geometry, timeline: Timeline, txId: number): number | undefined {
  const from = timeline.cameFrom.get(txId);
  const tx = from === undefined ? undefined : timeline.tx.get(from);
  if (!tx) return undefined;
  // A frame that VFP took out of the tunnel leaves from VFP's place on the bar.
  if (tx.protocol === 'vxlan' && geo.vfpX !== undefined && geo.tunnel(tx.fromNode, tx.fromInterface)) return geo.vfpX;
  return geo.nic(tx.fromNode, tx.fromInterface)?.x;
}
