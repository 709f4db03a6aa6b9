// The BGP session: not a wire but a conversation carried over the switch, so it is drawn apart from
// the NICs: a dashed arc over the two speakers, labelled with the AS numbers and the session's state.
// The label is SVG in the edge itself, so it sits above the network groups as the arc does.
import { BaseEdge, type EdgeProps } from '@xyflow/react';
import { selectBgpState, useAppStore } from '../store/store';
import { useLegibleScale } from './LegibleText';
import type { BgpEdgeData } from './toFlow';


export function BgpEdge({ id, source, target, sourceX, sourceY, targetX, targetY, data }: EdgeProps) {
  const base = (data as BgpEdgeData | undefined)?.label ?? 'BGP';
  const state = useAppStore((s) => selectBgpState(s, source, target));
  const fz = useLegibleScale();
  const down = state !== undefined && state !== 'Established';
  const label = state ? `${base} · ${state}` : base;
  // Farther pairs arc higher, so two sessions from one router (a second MUX) keep their labels apart.
  const RISE = 16 + Math.abs(targetX - sourceX) / 6;
  const top = Math.min(sourceY, targetY) - RISE;
  const path = `M ${sourceX} ${sourceY} C ${sourceX} ${top}, ${targetX} ${top}, ${targetX} ${targetY}`;
  const midX = (sourceX + targetX) / 2;
  const midY = top + RISE * 0.25;
  const w = (label.length * 6.3 + 10) * fz + 6;
  const h = 18 * fz;
  return (
    <>
      <BaseEdge id={id} path={path} className={down ? 'bgp-down' : undefined} />
      <g className={`bgp-label${down ? ' bgp-label-down' : ''}`} transform={`translate(${midX} ${midY})`}>
        <rect x={-w / 2} y={-h / 2} width={w} height={h} rx={h / 2} />
        <text y={4 * fz} textAnchor="middle">
          {label}
        </text>
      </g>
    </>
  );
}
