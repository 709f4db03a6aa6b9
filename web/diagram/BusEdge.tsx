// A NIC drawn as a vertical drop from the VM to the switch, the way ports hang off a bus. It lights up
// while a frame runs along it; each edge subscribes to its own highlight only.
import { BaseEdge, type EdgeProps } from '@xyflow/react';
import { selectEdgeActive, useAppStore } from '../store/store';
import type { BusEdgeData } from './toFlow';

export function BusEdge({ id, sourceX, sourceY, targetX, targetY, data }: EdgeProps) {
  const { vmEnd = 'source', offset = 0 } = (data ?? {}) as Partial<BusEdgeData>;
  const active = useAppStore((s) => selectEdgeActive(s, id));
  const x = (vmEnd === 'source' ? sourceX : targetX) + offset;
  const path = `M ${x} ${sourceY} L ${x} ${targetY}`;
  return <BaseEdge id={id} path={path} className={active ? 'bus-active' : undefined} />;
}
