// A VIP's ties: to each MUX that announces it (a BGP /32) and to each DIP behind it (its pool). Drawn
// thin and dashed, unlike wires, because they are control-plane facts, not links. An announce tie runs
// straight into the MUX's side where nothing stands between them (see tieRoute); else it curves.
import { BaseEdge, getBezierPath, type EdgeProps } from '@xyflow/react';
import type { TieEdgeData } from './toFlow';

/** The corners of a routed tie are rounded this much. */
const CORNER = 8;

/** A polyline with rounded corners. */
export function roundedPath(points: readonly { x: number; y: number }[], r = CORNER): string {
  let d = `M ${points[0]!.x} ${points[0]!.y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const [a, p, b] = [points[i - 1]!, points[i]!, points[i + 1]!];
    const k = (q: { x: number; y: number }) => Math.min(r, Math.hypot(q.x - p.x, q.y - p.y) / 2) / (Math.hypot(q.x - p.x, q.y - p.y) || 1);
    const ka = k(a);
    const kb = k(b);
    d += ` L ${p.x + (a.x - p.x) * ka} ${p.y + (a.y - p.y) * ka} Q ${p.x} ${p.y} ${p.x + (b.x - p.x) * kb} ${p.y + (b.y - p.y) * kb}`;
  }
  const last = points[points.length - 1]!;
  return `${d} L ${last.x} ${last.y}`;
}

export function TieEdge({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data }: EdgeProps) {
  const { kind = 'announce', points } = (data ?? {}) as Partial<TieEdgeData>;
  const path = points && points.length > 1 ? roundedPath(points) : getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition })[0];
  return <BaseEdge id={id} path={path} className={`tie tie-${kind}`} />;
}
