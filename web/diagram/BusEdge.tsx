// A NIC drawn as a vertical drop from the VM to the switch, the way ports hang off a bus.
import { BaseEdge, type EdgeProps } from '@xyflow/react';

export function BusEdge({ id, sourceX, sourceY, targetX, targetY, data, style }: EdgeProps) {
  const { vmEnd = 'source', offset = 0 } = (data ?? {}) as { vmEnd?: 'source' | 'target'; offset?: number };
  const x = (vmEnd === 'source' ? sourceX : targetX) + offset;
  const path = `M ${x} ${sourceY} L ${x} ${targetY}`;
  return <BaseEdge id={id} path={path} style={style} />;
}

export const edgeTypes = { bus: BusEdge };
