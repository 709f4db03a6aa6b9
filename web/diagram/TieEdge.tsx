// A VIP's ties: to each MUX that announces it (a BGP /32) and to each DIP behind it (its pool). Drawn
// thin and dashed, unlike wires, because they are control-plane facts, not links.
import { BaseEdge, getBezierPath, type EdgeProps } from '@xyflow/react';
import type { TieEdgeData } from './toFlow';

export function TieEdge({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data }: EdgeProps) {
  const kind = (data as TieEdgeData | undefined)?.kind ?? 'announce';
  const [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  return <BaseEdge id={id} path={path} className={`tie tie-${kind}`} />;
}
