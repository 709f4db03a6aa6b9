// A NIC drawn as a vertical drop from the VM to the switch, the way ports hang off a bus, with its VLAN
// tag beside it where it meets the switch. It lights up while a frame runs along it; each edge subscribes
// to its own highlight only.
import { BaseEdge, useStore, type EdgeProps } from '@xyflow/react';
import { selectEdgeActive, useAppStore } from '../store/store';
import { useLegibleScale } from './LegibleText';
import { DETAIL_ZOOM } from './nodes';
import type { BusEdgeData } from './toFlow';
import { tagBox, tagText } from './vlanTag';

const selectDetailed = (s: { transform: [number, number, number] }) => s.transform[2] >= DETAIL_ZOOM;

export function BusEdge({ id, sourceX, sourceY, targetX, targetY, data }: EdgeProps) {
  const { vmEnd = 'source', offset = 0, vlan, room = 0 } = (data ?? {}) as Partial<BusEdgeData>;
  const active = useAppStore((s) => selectEdgeActive(s, id));
  const fz = useLegibleScale();
  const detailed = useStore(selectDetailed);
  const x = (vmEnd === 'source' ? sourceX : targetX) + offset;
  const path = `M ${x} ${sourceY} L ${x} ${targetY}`;
  // The switch is the lower end for a VM above it, the upper end for one below.
  const above = vmEnd === 'source';
  const text = vlan ? tagText(vlan, room, fz) : '';
  const box = vlan ? tagBox(x, above ? targetY : sourceY, above, text, fz) : undefined;
  return (
    <>
      <BaseEdge id={id} path={path} className={active ? 'bus-active' : undefined} />
      {vlan && box && detailed && (
        <g className={`vlan-tag${vlan.illustrative ? ' vlan-tag-illustrative' : ''}`} data-vlan-tag={id}>
          <title>{vlan.title}</title>
          <rect x={box.x} y={box.y} width={box.width} height={box.height} rx={4} />
          <text x={box.x + box.width / 2} y={box.y + box.height / 2} textAnchor="middle" dominantBaseline="central">
            {text}
          </text>
        </g>
      )}
    </>
  );
}
