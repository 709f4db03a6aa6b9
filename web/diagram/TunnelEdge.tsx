// The VXLAN leg, drawn as a tunnel through the PA network: a wide pipe from the MUX's PA to the host's PA
// and down into VFP, along the same points the VXLAN token follows, lit while a frame runs through it.
import type { EdgeProps } from '@xyflow/react';
import { deviceOfBox } from '../../src-engine/view/index';
import { IDENTITY } from '../../src-engine/view/protocolNames';
import { selectEdgeActive, tunnelKey, useAppStore } from '../store/store';
import { useLegibleScale } from './LegibleText';
import type { TunnelEdgeData } from './toFlow';

export function TunnelEdge({ id, source, data }: EdgeProps) {
  const { points = [], labelled = false, vni } = (data ?? {}) as Partial<TunnelEdgeData>;
  const owner = deviceOfBox(source);
  const active = useAppStore((s) => selectEdgeActive(s, tunnelKey(owner)));
  const fz = useLegibleScale();
  if (points.length < 2) return null;
  const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'} ${p.x} ${p.y}`).join(' ');
  const a = points[0]!;
  // Over the middle of the run between the two PAs.
  const labelX = points[1]?.x ?? a.x;
  return (
    <g className={`tunnel${active ? ' tunnel-active' : ''}`} data-edge={id}>
      <path className="tunnel-pipe" d={d} />
      <path className="tunnel-core" d={d} />
      {/* Two short lines fit the gap between the two PAs; zoomed out, the name alone, under the pipe
          (the VXLAN token shows the VNI). */}
      {labelled && (
        <text className="tunnel-label" x={labelX} y={fz > 1 ? a.y + 8 + 14 * fz : a.y - 22} textAnchor="middle">
          {IDENTITY.vxlan.name}
        </text>
      )}
      {labelled && vni !== undefined && (
        <text className="tunnel-label tunnel-vni" x={labelX} y={a.y + 30} textAnchor="middle">
          VNI {vni}
        </text>
      )}
    </g>
  );
}
