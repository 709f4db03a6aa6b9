// The traced flow's paths, for drawing after a run: the forward path (through the MUX and the VXLAN
// tunnel) and the Direct Server Return path, hop by hop along the lines the tokens run on; and, for the
// overlay view, the tenant's logical path (client -> VIP -> DIP, and the answer straight back). Pure.
import type { FlowTrace, Hop } from '../../src-engine/protocol';
import { entryX } from '../animation/tokens';
import { transmissionPath, type Point } from '../animation/tokenPath';
import type { Timeline } from '../model/timeline';
import type { Geometry } from './geometry';
import { readEndpoint, vipBoxId } from '../../src-engine/view/index';

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
  /** Centres: the client, the VIP (when the flow was load-balanced), the node that answered. */
  readonly forward: readonly Point[];
  /** The answer, straight from the server to the client: it never passes the VIP's MUX. */
  readonly back: readonly Point[];
  readonly vip?: string;
}

const centre = (geo: Geometry, id: string): Point | undefined => {
  const r = geo.box(id);
  return r && { x: r.x + r.width / 2, y: r.y + r.height / 2 };
};

export function logicalPath(geo: Geometry, trace: FlowTrace): LogicalPath | undefined {
  const first = trace.hops[0];
  const last = trace.hops[trace.hops.length - 1];
  if (!first || !last || first.node === last.node) return undefined;
  const lb = trace.hops.flatMap((h) => h.steps).find((s) => s.kind === 'load-balance');
  // The step names the VIP with its port (192.168.133.74:443); the VIP's box is named by address.
  const vip = lb?.kind === 'load-balance' ? readEndpoint(lb.vip).address : undefined;
  const points = [centre(geo, first.node), vip ? centre(geo, vipBoxId(vip)) : undefined, centre(geo, last.node)].filter((p): p is Point => p !== undefined);
  if (points.length < 2) return undefined;
  const a = centre(geo, first.node);
  const b = centre(geo, last.node);
  const back = trace.returnHops.length > 0 && a && b ? [b, a] : [];
  return { forward: points, back, ...(vip ? { vip } : {}) };
}
