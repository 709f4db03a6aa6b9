// The traced flow's paths, for drawing after a run: the forward path (through the MUX and the VXLAN
// tunnel) and the Direct Server Return path, hop by hop along the lines the tokens run on; and, for the
// overlay view, the tenant's logical path (client -> VIP -> DIP, and the answer straight back). Pure.
import type { FlowTrace, Hop } from '../../src-engine/protocol';
import { entryX, transmissionPath, type Point } from '../animation/tokenPath';
import type { Timeline } from '../model/timeline';
import type { Geometry } from './geometry';
import { readEndpoint, vipBoxId } from '../../src-engine/view/index';
import { route } from './route';

export interface Trails {
  /** One polyline per frame of the request's hops. */
  readonly forward: readonly (readonly Point[])[];
  /** One polyline per frame of the answer's hops (Direct Server Return for a load-balanced flow). */
  readonly back: readonly (readonly Point[])[];
}

function hopLines(geo: Geometry, timeline: Timeline, hops: readonly Hop[]): Point[][] {
  const out: Point[][] = [];
  for (const h of hops) {
    const tx = h.transmissionId === undefined ? undefined : timeline.tx.get(h.transmissionId);
    if (!tx) continue;
    const path = transmissionPath(geo, tx, tx.fromNode === geo.switchId ? entryX(geo, timeline, tx.id) : undefined);
    if (path) out.push([...path.points]);
  }
  return out;
}

export function flowTrails(geo: Geometry, timeline: Timeline, trace: FlowTrace): Trails {
  return { forward: hopLines(geo, timeline, trace.hops), back: hopLines(geo, timeline, trace.returnHops) };
}

export interface LogicalPath {
  /** Client to VIP and VIP to server (when the flow was load-balanced), else client to server: one line each. */
  readonly forward: readonly (readonly Point[])[];
  /** The answer, straight from the server to the client: it never passes the VIP's MUX. */
  readonly back: readonly Point[];
  readonly vip?: string;
}

const centre = (geo: Geometry, id: string): Point | undefined => {
  const r = geo.box(id);
  return r && { x: r.x + r.width / 2, y: r.y + r.height / 2 };
};

/** Room between a box and the end of a line at it: the arrowhead sits outside the box, off its labels. */
export const EDGE_MARGIN = 10;

/** Where the ray from the centre of `r` towards `to` leaves `r` grown by `margin`. */
export function edgePoint(r: { x: number; y: number; width: number; height: number }, to: Point, margin = EDGE_MARGIN): Point {
  const c = { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  const dx = to.x - c.x;
  const dy = to.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const t = Math.min(dx === 0 ? Infinity : (r.width / 2 + margin) / Math.abs(dx), dy === 0 ? Infinity : (r.height / 2 + margin) / Math.abs(dy));
  return { x: c.x + dx * t, y: c.y + dy * t };
}

export function logicalPath(geo: Geometry, trace: FlowTrace): LogicalPath | undefined {
  const first = trace.hops[0];
  const last = trace.hops[trace.hops.length - 1];
  if (!first || !last || first.node === last.node) return undefined;
  const lb = trace.hops.flatMap((h) => h.steps).find((s) => s.kind === 'load-balance');
  // The step names the VIP with its port (192.168.133.74:443); the VIP's box is named by address.
  const vip = lb?.kind === 'load-balance' ? readEndpoint(lb.vip).address : undefined;
  const ids = [first.node, ...(vip ? [vipBoxId(vip)] : []), last.node].filter((id) => geo.box(id) !== undefined);
  if (ids.length < 2) return undefined;
  // Lines run round the boxes and titles, never over their text (see route.ts): out of the client to the
  // VIP, on from the VIP to the server, and the answer back beside them.
  const text = geo.overlayText();
  const drawn: Point[][] = [];
  const leg = (from: string, to: string): Point[] => {
    const a = geo.box(from)!;
    const b = geo.box(to)!;
    const r = route(a, b, text.filter((o) => o !== a && o !== b), drawn, EDGE_MARGIN);
    const line = r?.points ?? [edgePoint(a, centre(geo, to)!), edgePoint(b, centre(geo, from)!)];
    drawn.push(r?.through ?? line);
    return line;
  };
  const forward = ids.slice(1).map((id, i) => leg(ids[i]!, id));
  const back = trace.returnHops.length > 0 ? leg(last.node, first.node) : [];
  return { forward, back, ...(vip ? { vip } : {}) };
}
